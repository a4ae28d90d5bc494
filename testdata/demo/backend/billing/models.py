from django.db import models


class Subscription(models.Model):
    customer_id = models.CharField(max_length=64)
    plan = models.CharField(max_length=32)
    active = models.BooleanField(default=False)
