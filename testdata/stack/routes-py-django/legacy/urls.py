from django.urls import path

from . import views

urlpatterns = [path("old-checkout/", views.old_checkout)]
