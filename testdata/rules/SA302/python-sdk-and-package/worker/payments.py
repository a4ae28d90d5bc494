import stripe


def charge_customer(customer_id, amount):
    return stripe.PaymentIntent.create(customer=customer_id, amount=amount, currency="eur")


def refund_charge(charge_id):
    return stripe.Refund.create(charge=charge_id)


def format_amount(amount):
    return f"{amount / 100:.2f} EUR"
