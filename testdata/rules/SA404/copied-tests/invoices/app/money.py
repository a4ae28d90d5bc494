"""invoices"""

def cents(x):
    return x * 100
