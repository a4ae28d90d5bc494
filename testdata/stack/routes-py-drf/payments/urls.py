from django.urls import path

from payments import views

urlpatterns = [
    path("charge/", views.charge),
    path("webhook/", views.stripe_webhook),
    path("plans/", views.PlanList.as_view()),
]
