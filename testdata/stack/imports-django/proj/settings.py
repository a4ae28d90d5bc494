from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "django_celery_beat",
    "corsheaders",
]
LOCAL_APPS = ["shop.apps.ShopConfig"]

INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# Not an app list: a plain string that names pandas.
DATA_BACKEND = "pandas"

CELERY_BROKER_URL = "redis://localhost:6379/0"
