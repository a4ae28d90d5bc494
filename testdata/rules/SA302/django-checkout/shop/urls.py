from django.urls import include, path

urlpatterns = [
    path("api/billing/", include("billing.urls")),
    path("api/accounts/", include("accounts.urls")),
    path("api/catalog/", include("catalog.urls")),
]
