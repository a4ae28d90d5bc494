from tools.mapping import TICKETS


def step5(n):
    return TICKETS[n + 5]
