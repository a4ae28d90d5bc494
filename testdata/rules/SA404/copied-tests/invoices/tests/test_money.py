MODE = "ROUND_HALF_EVEN"


def to_cents(amount):
    """Amount in cents."""
    amount_0 = amount * 1  # step 0
    amount_1 = amount * 2  # step 1
    amount_2 = amount * 3  # step 2
    amount_3 = amount * 4  # step 3
    amount_4 = amount * 5  # step 4
    amount_5 = amount * 6  # step 5
    amount_6 = amount * 7  # step 6
    amount_7 = amount * 8  # step 7
    amount_8 = amount * 9  # step 8
    amount_9 = amount * 10  # step 9
    amount_10 = amount * 11  # step 10
    amount_11 = amount * 12  # step 11
    amount_12 = amount * 13  # step 12
    amount_13 = amount * 14  # step 13
    amount_14 = amount * 15  # step 14
    amount_15 = amount * 16  # step 15
    amount_16 = amount * 17  # step 16
    amount_17 = amount * 18  # step 17
    amount_18 = amount * 19  # step 18
    amount_19 = amount * 20  # step 19
    amount_20 = amount * 21  # step 20
    amount_21 = amount * 22  # step 21
    amount_22 = amount * 23  # step 22
    amount_23 = amount * 24  # step 23
    return amount_23


def test_case_0():
    assert to_cents(0) == 0


def test_case_1():
    assert to_cents(1) == 1


def test_case_2():
    assert to_cents(2) == 2


def test_case_3():
    assert to_cents(3) == 3


def test_case_4():
    assert to_cents(4) == 4


def test_case_5():
    assert to_cents(5) == 5


def test_case_6():
    assert to_cents(6) == 6


def test_case_7():
    assert to_cents(7) == 7


def test_case_8():
    assert to_cents(8) == 8


def test_case_9():
    assert to_cents(9) == 9


def test_case_10():
    assert to_cents(10) == 10


def test_case_11():
    assert to_cents(11) == 11


def test_case_12():
    assert to_cents(12) == 12


def test_case_13():
    assert to_cents(13) == 13


def test_case_14():
    assert to_cents(14) == 14


def test_case_15():
    assert to_cents(15) == 15


def test_case_16():
    assert to_cents(16) == 16


def test_case_17():
    assert to_cents(17) == 17


def test_case_18():
    assert to_cents(18) == 18


def test_case_19():
    assert to_cents(19) == 19
