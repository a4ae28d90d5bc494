from unittest import mock

from worker.payments import refund_charge


def test_refund_charge():
    with mock.patch("stripe.Refund.create") as create:
        refund_charge("ch_1")
    create.assert_called_once()
