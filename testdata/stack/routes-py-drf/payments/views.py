from rest_framework.decorators import api_view
from rest_framework.generics import ListAPIView
from rest_framework.response import Response


@api_view(["POST"])
def charge(request):
    return Response({"ok": True})


@api_view()
def stripe_webhook(request):
    return Response({})


class PlanList(ListAPIView):
    pass
