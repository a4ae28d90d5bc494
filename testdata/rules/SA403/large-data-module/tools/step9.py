from tools.mapping import TICKETS


def step9(n):
    return TICKETS[n + 9]
