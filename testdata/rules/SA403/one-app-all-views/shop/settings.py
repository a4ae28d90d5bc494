INSTALLED_APPS = ["core", "orders", "billing"]
ROOT_URLCONF = "shop.urls"
