from django.urls import include, path

urlpatterns = [
    path("api/billing/", include("billing.urls")),
]
