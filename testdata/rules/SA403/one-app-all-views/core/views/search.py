from django.http import JsonResponse


def search_0(request):
    return JsonResponse({"view": "search_0"})


def search_1(request):
    return JsonResponse({"view": "search_1"})


def search_2(request):
    return JsonResponse({"view": "search_2"})


def search_3(request):
    return JsonResponse({"view": "search_3"})


def search_4(request):
    return JsonResponse({"view": "search_4"})


def search_5(request):
    return JsonResponse({"view": "search_5"})


def search_6(request):
    return JsonResponse({"view": "search_6"})


def search_7(request):
    return JsonResponse({"view": "search_7"})
