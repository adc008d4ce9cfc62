"""The deduction row for 网站找错逾期未答复 (errorreports/indicators.py); the county edits it.

1 point for each report answered late, at most 5 (a default value: 国办秘函〔2019〕19号 counts
unanswered 找错 messages in the check without fixing the points). A row already present is left
alone.
"""

from django.db import migrations

KEY = "errorreports.overdue_reports"


def seed(apps, schema_editor):
    Deduction = apps.get_model("oversight", "Deduction")
    last = Deduction.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    Deduction.objects.get_or_create(
        indicator_key=KEY,
        defaults={
            "label": "网站找错逾期未答复",
            "points_per_item": 1,
            "maximum_points": 5,
            "basis": "国办秘函〔2019〕19号；默认值",
            "sort_order": last + 1,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0004_seed_deadline_deductions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
