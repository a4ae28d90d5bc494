from tools.mapping import TICKETS


def step1(n):
    return TICKETS[n + 1]
