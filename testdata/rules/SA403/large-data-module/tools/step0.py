from tools.mapping import TICKETS


def step0(n):
    return TICKETS[n + 0]
