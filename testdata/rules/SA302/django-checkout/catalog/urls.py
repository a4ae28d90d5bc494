from django.urls import path

from . import views

urlpatterns = [
    # Products sorted by sort_order; the payload is cached. Not a checkout.
    path("products/", views.product_list),
    path("products/<int:pk>/payload/", views.product_payload),
]
