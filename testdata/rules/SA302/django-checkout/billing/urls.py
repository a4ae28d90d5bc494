from django.urls import path

from . import views

urlpatterns = [
    path("checkout/", views.checkout_view, name="checkout"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice-detail"),
]
