"""Seed the county's list of wrong or outdated expressions with common ones in government writing.

Miswritten words (错别字) frequent in 公文 proofreading, variant forms official writing avoids, and
the names of bodies abolished in the 2018 institutional reform (《深化党和国家机构改革方案》). The
county office edits the list in the admin (审查与复核 → 用语规范).
"""

from django.db import migrations

RULES = [
    ("做为", "作为", "“作为”表示身份、当作，不写“做为”。"),
    ("截止到", "截至", "表示“到某时为止”用“截至”；“截止”指到期停止，如“截止日期”。"),
    ("截止目前", "截至目前", "表示“到某时为止”用“截至”。"),
    ("截止发稿", "截至发稿", "表示“到某时为止”用“截至”。"),
    ("其它", "其他", "规范公文统一用“其他”。"),
    ("帐号", "账号", "与钱财、账目有关的用“账”。"),
    ("帐户", "账户", "与钱财、账目有关的用“账”。"),
    ("帐目", "账目", "与钱财、账目有关的用“账”。"),
    ("招聘启示", "招聘启事", "公开声明用“启事”，“启示”指启发。"),
    ("寻人启示", "寻人启事", "公开声明用“启事”，“启示”指启发。"),
    ("按排", "安排", "错别字。"),
    ("布署", "部署", "错别字。"),
    ("既使", "即使", "错别字。"),
    ("再接再励", "再接再厉", "错别字。"),
    ("迫不急待", "迫不及待", "错别字。"),
    ("国家工商行政管理总局", "国家市场监督管理总局", "2018年机构改革后已撤销；引用历史文件时可确认为误报。"),
    ("卫生和计划生育委员会", "卫生健康委员会", "2018年机构改革后已更名。"),
    ("国土资源局", "自然资源局", "2018年机构改革后已更名；引用历史文件时可确认为误报。"),
]


def seed(apps, schema_editor):
    WordingRule = apps.get_model("review", "WordingRule")
    for wrong, suggestion, note in RULES:
        WordingRule.objects.get_or_create(wrong=wrong, defaults={"suggestion": suggestion, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("review", "WordingRule").objects.filter(wrong__in=[rule[0] for rule in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0004_content_checks")]

    operations = [migrations.RunPython(seed, unseed)]
