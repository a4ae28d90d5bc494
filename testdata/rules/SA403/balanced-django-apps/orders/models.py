from django.db import models


class OrdersThing0(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class OrdersThing1(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class OrdersThing2(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class OrdersThing3(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class OrdersThing4(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class OrdersThing5(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
