from django.db import models


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class CoreThing0(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing1(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing2(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing3(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing4(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing5(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing6(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing7(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing8(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing9(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing10(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing11(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing12(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing13(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing14(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]


class CoreThing15(TimeStamped):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
