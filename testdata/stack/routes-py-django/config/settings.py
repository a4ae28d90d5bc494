SECRET_KEY = "test"
INSTALLED_APPS = ["shop", "billing", "accounts"]
ROOT_URLCONF = "config.urls"
