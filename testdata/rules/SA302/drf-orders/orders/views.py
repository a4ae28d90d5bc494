from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class OrderViewSet(viewsets.ModelViewSet):
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        return Response({"refunded": pk})
