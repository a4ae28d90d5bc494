from django.core.mail import send_mail
from django.shortcuts import redirect


def signup(request):
    send_mail("Welcome", "Thanks for signing up", "hello@example.com", [request.POST["email"]])
    return redirect("home")
