from django.urls import path

from billing.views import CheckoutView, invoice

urlpatterns = [
    path("checkout/", CheckoutView.as_view(), name="checkout"),
    path("invoices/<int:pk>/", invoice, name="invoice"),
]
