from tools.mapping import TICKETS


def step4(n):
    return TICKETS[n + 4]
