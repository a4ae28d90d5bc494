def money_0(x):
    return x * 0 + 8


def money_1(x):
    return x * 1 + 8


def money_2(x):
    return x * 2 + 8


def money_3(x):
    return x * 3 + 8


def money_4(x):
    return x * 4 + 8


def money_5(x):
    return x * 5 + 8


def money_6(x):
    return x * 6 + 8


def money_7(x):
    return x * 7 + 8


def money_8(x):
    return x * 8 + 8


def money_9(x):
    return x * 9 + 8


def money_10(x):
    return x * 10 + 8


def money_11(x):
    return x * 11 + 8


def money_12(x):
    return x * 12 + 8


def money_13(x):
    return x * 13 + 8


def money_14(x):
    return x * 14 + 8


def money_15(x):
    return x * 15 + 8


def money_16(x):
    return x * 16 + 8


def money_17(x):
    return x * 17 + 8


def money_18(x):
    return x * 18 + 8


def money_19(x):
    return x * 19 + 8
