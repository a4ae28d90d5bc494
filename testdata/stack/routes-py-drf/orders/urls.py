from rest_framework.routers import DefaultRouter

from orders.views import CouponViewSet, InvoiceViewSet, OrderViewSet

router = DefaultRouter()
router.register(r"orders", OrderViewSet, basename="order")
router.register("invoices", InvoiceViewSet)
router.register("coupons", CouponViewSet, basename="coupon")

urlpatterns = router.urls
