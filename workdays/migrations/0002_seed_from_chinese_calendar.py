from django.db import migrations


def seed(apps, schema_editor):
    # Every install starts with the official arrangements the package knows (2004–2026);
    # `manage.py seed_workdays` adds later years once a newer package carries them.
    try:
        import chinese_calendar  # noqa: F401
    except ImportError:
        print("\n  未安装 chinesecalendar：节假日安排未导入，请安装依赖后运行 manage.py seed_workdays。")
        return
    from workdays.seeding import seed_from_package

    seed_from_package(apps.get_model("workdays", "SpecialDay"), apps.get_model("workdays", "CalendarYear"))


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
