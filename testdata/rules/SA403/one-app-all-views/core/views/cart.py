from django.http import JsonResponse


def cart_0(request):
    return JsonResponse({"view": "cart_0"})


def cart_1(request):
    return JsonResponse({"view": "cart_1"})


def cart_2(request):
    return JsonResponse({"view": "cart_2"})


def cart_3(request):
    return JsonResponse({"view": "cart_3"})


def cart_4(request):
    return JsonResponse({"view": "cart_4"})


def cart_5(request):
    return JsonResponse({"view": "cart_5"})


def cart_6(request):
    return JsonResponse({"view": "cart_6"})


def cart_7(request):
    return JsonResponse({"view": "cart_7"})
