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
