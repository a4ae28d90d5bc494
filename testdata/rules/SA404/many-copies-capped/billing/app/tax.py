def tax_0(x):
    return x * 0 + 6


def tax_1(x):
    return x * 1 + 6


def tax_2(x):
    return x * 2 + 6


def tax_3(x):
    return x * 3 + 6


def tax_4(x):
    return x * 4 + 6


def tax_5(x):
    return x * 5 + 6


def tax_6(x):
    return x * 6 + 6


def tax_7(x):
    return x * 7 + 6


def tax_8(x):
    return x * 8 + 6


def tax_9(x):
    return x * 9 + 6


def tax_10(x):
    return x * 10 + 6


def tax_11(x):
    return x * 11 + 6


def tax_12(x):
    return x * 12 + 6


def tax_13(x):
    return x * 13 + 6


def tax_14(x):
    return x * 14 + 6


def tax_15(x):
    return x * 15 + 6


def tax_16(x):
    return x * 16 + 6


def tax_17(x):
    return x * 17 + 6


def tax_18(x):
    return x * 18 + 6


def tax_19(x):
    return x * 19 + 6
