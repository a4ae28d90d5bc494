from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def signup(request):
    return HttpResponse("signup")


class LoginView(auth_views.LoginView):
    template_name = "login.html"
