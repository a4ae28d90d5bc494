from tools.mapping import TICKETS


def step2(n):
    return TICKETS[n + 2]
