from django.http import JsonResponse
from rest_framework import viewsets


def health(request):
    return JsonResponse({"ok": True})


class ProductViewSet(viewsets.ViewSet):
    pass
