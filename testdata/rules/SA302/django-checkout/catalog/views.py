from django.http import JsonResponse


def product_list(request):
    """Lists products by sort_order before checkout."""
    return JsonResponse({"message": "go to checkout to pay"})


def product_payload(request, pk):
    return JsonResponse({"id": pk})
