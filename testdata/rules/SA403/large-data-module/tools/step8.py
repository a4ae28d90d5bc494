from tools.mapping import TICKETS


def step8(n):
    return TICKETS[n + 8]
