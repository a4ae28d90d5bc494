from django.db import models


class BillingRecord(models.Model):
    name = models.CharField(max_length=80)
