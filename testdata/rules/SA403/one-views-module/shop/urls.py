from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("orders/", include("orders.urls")),
    path("billing/", include("billing.urls")),
]
