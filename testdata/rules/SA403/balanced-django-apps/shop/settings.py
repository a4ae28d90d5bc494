SECRET_KEY = "dev"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "catalog.apps.CatalogConfig",
    "orders.apps.OrdersConfig",
    "billing.apps.BillingConfig",
    "accounts.apps.AccountsConfig",
]
