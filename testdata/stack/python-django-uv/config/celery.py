from celery import Celery

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
