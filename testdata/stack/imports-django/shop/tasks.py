from celery import shared_task

from .models import Order


@shared_task
def recount():
    # import pandas as pd  -- a comment, not an import
    note = "import pandas"
    return Order.objects.count(), note
