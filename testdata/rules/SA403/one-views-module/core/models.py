from django.db import models


class CoreRecord(models.Model):
    name = models.CharField(max_length=80)
