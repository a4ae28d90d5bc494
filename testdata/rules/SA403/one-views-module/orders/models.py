from django.db import models


class OrdersRecord(models.Model):
    name = models.CharField(max_length=80)
