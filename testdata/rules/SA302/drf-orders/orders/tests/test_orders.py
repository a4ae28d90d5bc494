from django.urls import reverse


def test_list_orders(api_client):
    assert api_client.get(reverse("order-list")).status_code == 200


def test_order_detail(api_client):
    assert api_client.get(reverse("order-detail", args=[1])).status_code == 200
