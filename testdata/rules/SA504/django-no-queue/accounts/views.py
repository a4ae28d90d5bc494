import requests
from django.core.mail import EmailMultiAlternatives, send_mail
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from weasyprint import HTML


def signup(request):
    # ... create the user ...
    send_mail("Welcome", "Thanks for signing up", "hello@example.com", [request.POST["email"]])
    return redirect("home")


def invoice_pdf(request, pk):
    pdf = HTML(string=f"<h1>Invoice {pk}</h1>").write_pdf()
    return HttpResponse(pdf, content_type="application/pdf")


def notify(request):
    msg = EmailMultiAlternatives("Report", "See attached", "hello@example.com", ["boss@example.com"])
    msg.send()
    return JsonResponse({"sent": True})


def enrich(request):
    a = requests.get("https://api.one.example/v1/company", timeout=5).json()
    b = requests.get("https://api.two.example/v1/people", timeout=5).json()
    c = requests.post("https://api.three.example/v1/score", json={"a": a, "b": b}, timeout=5).json()
    return JsonResponse(c)


def ping(request):
    requests.get("https://status.example.com", timeout=2)
    return JsonResponse({"ok": True})
