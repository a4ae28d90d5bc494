ROOT_URLCONF = "shop.urls"
INSTALLED_APPS = ["rest_framework", "orders"]
