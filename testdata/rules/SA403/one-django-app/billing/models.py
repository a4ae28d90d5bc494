from django.db import models


class BillingThing0(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class BillingThing1(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
