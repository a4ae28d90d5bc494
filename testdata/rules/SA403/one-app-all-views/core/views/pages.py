from django.http import JsonResponse


def pages_0(request):
    return JsonResponse({"view": "pages_0"})


def pages_1(request):
    return JsonResponse({"view": "pages_1"})


def pages_2(request):
    return JsonResponse({"view": "pages_2"})


def pages_3(request):
    return JsonResponse({"view": "pages_3"})


def pages_4(request):
    return JsonResponse({"view": "pages_4"})


def pages_5(request):
    return JsonResponse({"view": "pages_5"})


def pages_6(request):
    return JsonResponse({"view": "pages_6"})


def pages_7(request):
    return JsonResponse({"view": "pages_7"})
