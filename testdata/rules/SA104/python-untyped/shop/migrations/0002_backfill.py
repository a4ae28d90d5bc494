def forwards_0(apps, schema_editor):
    pass


def forwards_1(apps, schema_editor):
    pass


def forwards_2(apps, schema_editor):
    pass


def forwards_3(apps, schema_editor):
    pass


def forwards_4(apps, schema_editor):
    pass


def forwards_5(apps, schema_editor):
    pass


def forwards_6(apps, schema_editor):
    pass


def forwards_7(apps, schema_editor):
    pass


def forwards_8(apps, schema_editor):
    pass


def forwards_9(apps, schema_editor):
    pass
