from tools.mapping import TICKETS


def step3(n):
    return TICKETS[n + 3]
