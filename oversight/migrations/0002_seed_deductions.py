"""The deduction table and bonus items as the county starts with them (the county edits them).

Known national values (国办秘函〔2019〕19号 and the 2019 self-checks, ../shared/reference/next-wave.md
§6): 政策文件 column not updated in 6 months −5; 留言答复 not updated in 2 months −3; interpretations
not linked both ways with their policy are deducted in city reports. The other values are defaults,
each item capped so that one kind of failure cannot take more than its share of the 100 points.
Rows already present (a county's own edits) are left alone.
"""

from django.db import migrations

# (indicator key, label, points per item, maximum, basis)
DEDUCTIONS = (
    ("disclosure.stale_columns", "栏目超期未更新", 5, 20, "国办秘函〔2019〕19号：政策文件栏目 6 个月未更新扣 5 分；动态类栏目 2 周、通知公告和政策文件 6 个月"),
    ("disclosure.empty_columns", "空白栏目", 2, 10, "国办秘函〔2019〕19号：空白栏目 5 个及以上单项否决"),
    ("disclosure.missing_attachments", "附件文件缺失", 1, 5, "默认值"),
    ("disclosure.broken_links", "内部链接失效", 1, 5, "默认值"),
    ("catalogue.items_without_content", "目录事项无已发布内容", 1, 5, "基层政务公开标准目录：每个事项应有对应公开内容"),
    ("review.overdue_publications", "超过 20 个工作日未公开", 2, 10, "《政府信息公开条例》第二十六条"),
    ("review.not_re_evaluated", "不公开文件未按年度重新评估", 1, 5, "《政府信息公开条例》第十五条、第十六条：定期评估审查"),
    ("interpretation.overdue", "政策解读超过 3 个工作日未发布", 2, 10, "文件公开后 3 个工作日内发布解读"),
    ("interpretation.unlinked", "政策解读未与文件相互关联", 2, 10, "市级检查通报：解读与政策文件未双向关联扣分"),
    ("participation.overdue_outcomes", "意见征集结果逾期未公开", 2, 10, "默认值"),
    ("participation.overdue_messages", "留言逾期未答复", 3, 3, "国办秘函〔2019〕19号自查：留言答复 2 个月未更新扣 3 分"),
    ("participation.messages_unanswered_three_months", "留言超过 3 个月未答复", 5, 10, "国办秘函〔2019〕19号：近一年内有效留言超过 3 个月未答复单项否决"),
    ("foi.overdue_applications", "依申请公开逾期答复", 2, 10, "《政府信息公开条例》第三十三条"),
    ("review.content_findings", "公开内容含个人信息或不规范内容", 5, 20, "国办秘函〔2019〕19号：泄露个人隐私属严重安全问题；各地检查通报中最常见的问题之一"),
    ("reports.unpublished_reports", "年度报告逾期未发布", 5, 10, "《政府信息公开条例》第四十九条"),
    ("portal.home_not_updated", "首页超过 2 周未更新", 10, 10, "国办秘函〔2019〕19号：单项否决"),
    ("portal.no_consultation_channel", "无互动交流渠道", 10, 10, "国办秘函〔2019〕19号：单项否决"),
    ("portal.slow_page_loads", "页面访问超时", 10, 10, "国办秘函〔2019〕19号：单项否决"),
)

# (label, points, condition)
BONUS_ITEMS = (
    ("政务公开工作创新", 5, "工作做法创新并取得实效，经县政府办公室认定。"),
    ("经验做法被上级推广", 5, "政务公开经验做法被州级及以上部门推广或通报表扬。"),
    ("政策解读形式多样", 3, "采用图解、视频、问答等多种形式解读政策。"),
    ("依申请公开答复规范", 3, "全年依申请公开答复无被纠错的行政复议、诉讼案件。"),
)


def seed(apps, schema_editor):
    Deduction = apps.get_model("oversight", "Deduction")
    BonusItem = apps.get_model("oversight", "BonusItem")
    for order, (key, label, points, maximum, basis) in enumerate(DEDUCTIONS, start=1):
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
    for label, points, description in BONUS_ITEMS:
        BonusItem.objects.get_or_create(label=label, defaults={"points": points, "description": description})


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
