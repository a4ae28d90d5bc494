from django.db import models


class BillingThing0(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class BillingThing1(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class BillingThing2(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class BillingThing3(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class BillingThing4(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
