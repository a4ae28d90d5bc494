import stripe
from django.http import JsonResponse


def checkout_view(request):
    session = stripe.checkout.Session.create(mode="payment", line_items=[])
    return JsonResponse({"url": session.url})


def invoice_detail(request, pk):
    return JsonResponse({"id": pk})
