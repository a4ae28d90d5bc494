from django.http import HttpResponse
from django.views.decorators.http import require_POST
from django.views.generic import FormView


class CheckoutView(FormView):
    template_name = "checkout.html"

    def post(self, request):
        return HttpResponse("paid")


@require_POST
def invoice(request, pk):
    return HttpResponse(str(pk))
