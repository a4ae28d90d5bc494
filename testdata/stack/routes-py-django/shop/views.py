from django.http import HttpResponse
from django.views import View


def index(request):
    return HttpResponse("shop")


class CartView(View):
    def get(self, request, item_id):
        return HttpResponse("cart")

    def post(self, request, item_id):
        return HttpResponse("added")
