import stripe
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Subscription


@api_view(["POST"])
def checkout(request):
    session = stripe.checkout.Session.create(mode="subscription")
    Subscription.objects.create(customer_id=request.data["customer"], plan="pro")
    return Response({"url": session.url})
