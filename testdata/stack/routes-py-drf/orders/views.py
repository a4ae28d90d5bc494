from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class OrderViewSet(viewsets.ModelViewSet):
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        return Response({"refunded": pk})

    @action(detail=False, url_path="recent-orders")
    def recent(self, request):
        return Response([])


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    pass


class CouponViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    lookup_field = "code"

    def destroy(self, request, code=None):
        return Response(status=204)
