def currency_0(x):
    return x * 0 + 11


def currency_1(x):
    return x * 1 + 11


def currency_2(x):
    return x * 2 + 11


def currency_3(x):
    return x * 3 + 11


def currency_4(x):
    return x * 4 + 11


def currency_5(x):
    return x * 5 + 11


def currency_6(x):
    return x * 6 + 11


def currency_7(x):
    return x * 7 + 11


def currency_8(x):
    return x * 8 + 11


def currency_9(x):
    return x * 9 + 11


def currency_10(x):
    return x * 10 + 11


def currency_11(x):
    return x * 11 + 11


def currency_12(x):
    return x * 12 + 11


def currency_13(x):
    return x * 13 + 11


def currency_14(x):
    return x * 14 + 11


def currency_15(x):
    return x * 15 + 11


def currency_16(x):
    return x * 16 + 11


def currency_17(x):
    return x * 17 + 11


def currency_18(x):
    return x * 18 + 11


def currency_19(x):
    return x * 19 + 11
