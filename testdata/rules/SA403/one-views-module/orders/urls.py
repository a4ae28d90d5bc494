from django.urls import path

from . import views

urlpatterns = [
    path("views/0/", views.views_0),
    path("views/1/", views.views_1),
]
