from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("orders.urls")),
    path("api/v1/payments/", include("payments.urls")),
]
