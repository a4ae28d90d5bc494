from django.db import models


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class CatalogThing0(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CatalogThing1(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CatalogThing2(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CatalogThing3(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CatalogThing4(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CatalogThing5(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
