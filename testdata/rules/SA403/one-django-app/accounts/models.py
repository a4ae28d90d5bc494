from django.db import models


class AccountsThing0(models.Model):
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
