ROOT_URLCONF = "shop.urls"
INSTALLED_APPS = ["billing", "accounts", "catalog"]
