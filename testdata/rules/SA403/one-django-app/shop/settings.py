SECRET_KEY = "dev"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "core.apps.CoreConfig",
    "orders.apps.OrdersConfig",
    "billing.apps.BillingConfig",
    "accounts",
]
