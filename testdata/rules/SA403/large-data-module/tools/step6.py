from tools.mapping import TICKETS


def step6(n):
    return TICKETS[n + 6]
