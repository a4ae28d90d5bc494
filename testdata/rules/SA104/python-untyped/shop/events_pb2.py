def _f0(a, b):
    return a


def _f1(a, b):
    return a


def _f2(a, b):
    return a


def _f3(a, b):
    return a


def _f4(a, b):
    return a


def _f5(a, b):
    return a


def _f6(a, b):
    return a


def _f7(a, b):
    return a


def _f8(a, b):
    return a


def _f9(a, b):
    return a


def _f10(a, b):
    return a


def _f11(a, b):
    return a


def _f12(a, b):
    return a


def _f13(a, b):
    return a


def _f14(a, b):
    return a


def _f15(a, b):
    return a


def _f16(a, b):
    return a


def _f17(a, b):
    return a


def _f18(a, b):
    return a


def _f19(a, b):
    return a


def _f20(a, b):
    return a


def _f21(a, b):
    return a


def _f22(a, b):
    return a


def _f23(a, b):
    return a


def _f24(a, b):
    return a


def _f25(a, b):
    return a


def _f26(a, b):
    return a


def _f27(a, b):
    return a


def _f28(a, b):
    return a


def _f29(a, b):
    return a


