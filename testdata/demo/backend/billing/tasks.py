from celery import shared_task


@shared_task
def send_receipt(subscription_id):
    return subscription_id
