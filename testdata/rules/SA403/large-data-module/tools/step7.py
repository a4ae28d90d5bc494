from tools.mapping import TICKETS


def step7(n):
    return TICKETS[n + 7]
