from django.http import JsonResponse


def catalog_0(request):
    return JsonResponse({"view": "catalog_0"})


def catalog_1(request):
    return JsonResponse({"view": "catalog_1"})


def catalog_2(request):
    return JsonResponse({"view": "catalog_2"})


def catalog_3(request):
    return JsonResponse({"view": "catalog_3"})


def catalog_4(request):
    return JsonResponse({"view": "catalog_4"})


def catalog_5(request):
    return JsonResponse({"view": "catalog_5"})


def catalog_6(request):
    return JsonResponse({"view": "catalog_6"})


def catalog_7(request):
    return JsonResponse({"view": "catalog_7"})


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
