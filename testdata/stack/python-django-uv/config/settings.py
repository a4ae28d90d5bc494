INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "rest_framework",
    "shop",
]
CELERY_BROKER_URL = "redis://localhost:6379/0"
