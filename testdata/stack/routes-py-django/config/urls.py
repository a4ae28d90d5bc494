"""Project URLs.

The word path("not/a/route/", fake) in this docstring is not a route.
"""
from django.contrib import admin
from django.urls import include, path, re_path

from accounts import views as account_views

API_PREFIX = "api/"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("shop/", include("shop.urls")),
    path(API_PREFIX + "billing/", include(("billing.urls", "billing"), namespace="billing")),
    re_path(r"^accounts/signup/$", account_views.signup, name="signup"),
    # path("commented/", account_views.signup),
]

urlpatterns += [
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
]
