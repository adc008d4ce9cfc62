"""Deduction rows for the deadline registry's two checks (the county edits them).

A task past its due date and not done costs 2 points each, at most 6 (seed 四(三): 对工作不力的
进行通报, a default value); a task not yet due is shown in the unit's 今日待办 and never scored.
Rows already present are left alone.
"""

from django.db import migrations

DEDUCTIONS = (
    ("oversight.deadlines_overdue", "工作任务逾期未完成", 2, 6, "县政务公开工作方案四（四）；默认值"),
    ("oversight.deadlines_pending", "工作任务待完成（不扣分）", 0, 0, "尚未到期，仅作提醒"),
)


def seed(apps, schema_editor):
    Deduction = apps.get_model("oversight", "Deduction")
    last = Deduction.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    for order, (key, label, points, maximum, basis) in enumerate(DEDUCTIONS, start=last + 1):
        Deduction.objects.get_or_create(
            indicator_key=key,
            defaults={
                "label": label,
                "points_per_item": points,
                "maximum_points": maximum,
                "basis": basis,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0003_deadlines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
