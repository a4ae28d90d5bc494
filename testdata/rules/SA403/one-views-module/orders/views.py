from django.http import JsonResponse


def views_0(request):
    return JsonResponse({"view": "views_0"})


def views_1(request):
    return JsonResponse({"view": "views_1"})
