"""Demo content for policy interpretation.

- A question-and-answer interpretation of the seed document (the county's 2020 openness plan) in
  the county-wide 政策解读 column, published two working days after the plan, with sample Dai and
  Jingpo versions. The answers are the plan's own words; the questions and the arrangement are the
  demo's, so the page says it is a demo. The Dai and Jingpo versions are NOT translations: they are
  placeholder text (Tai Le letters, the word "Jinghpaw") marked in Chinese as samples for the
  county's translators to replace, made through wagtail-localize's own machinery as in
  portal/demo/translations.py.
- Two normative documents needing interpretation, dated from the day the demo is loaded: one of
  县市场监督管理局 past its 3-working-day limit (overdue) and one of 平原镇 still within it; and
  平原镇 requires interpretations to be submitted together with their policies.

Idempotent: pages are found by slug and nothing existing is overwritten.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource

from disclosure.blocks import rich_text_stream
from disclosure.models import ColumnKind, ColumnPage, DisclosureAttribute, Genre, GovernmentDocumentPage
from interpretation.models import (
    InterpretationIndexPage,
    InterpretationKind,
    InterpretationPage,
    InterpretedPolicy,
)
from interpretation.services import set_requires_interpretation_with_policy
from sites.models import Unit, UnitSectionPage
from workdays.services import is_working_day

from .translations import TAI_LE_LETTERS

CHINA = ZoneInfo("Asia/Shanghai")
SEED_SLUG = "yingjiang-openness-standardisation-plan-2020"
DEMO_SLUG = "openness-plan-2020-questions-and-answers"
DEMO_TITLE = "《盈江县全面推进基层政务公开标准化规范化工作实施方案》问答解读（演示）"
# The plan was published on Tuesday 30 June 2020; Thursday 2 July is the second working day after.
DEMO_PUBLISHED = datetime.datetime(2020, 7, 2, 10, 0, tzinfo=CHINA)

# (question, answer): the answers quote the plan (seed 一(二), 三(一)1, 三(二)1–3, 四(四)).
QUESTIONS_AND_ANSWERS = (
    (
        "为什么要制定这个实施方案？",
        "<p>为贯彻落实《云南省人民政府办公厅全面推进基层政务公开标准化规范化工作的实施意见》（云政办发〔2020〕33号）"
        "及德宏州人民政府办公室的转发通知精神，全面提升盈江县政务公开标准化规范化水平，推进盈江县人民政府及各乡镇"
        "人民政府、盈江农场管理委员会、县直有关单位治理能力现代化，经县人民政府同意，结合全县实际，制定本实施方案。</p>",
    ),
    (
        "方案的工作目标分几步实现？",
        "<p>分四年推进：</p><ul>"
        "<li>2020年，初步建成政务公开事项标准目录体系，政务公开制度规范持续健全完善，组织保障更加坚强有力。</li>"
        "<li>2021年，政务公开载体和渠道更加丰富多元、规范有序，政府信息公开、重要政策解读回应、行政决策公众参与、"
        "办事服务公开标准化水平明显提升；村（居）委员会公开事项清单梳理制定工作全面完成。</li>"
        "<li>2022年，公开随意性大、公开内容质量不高、解读回应不到位、公开平台不规范等问题得到有效解决。</li>"
        "<li>2023年，基本建成覆盖行政权力运行过程和政务服务全流程的与全省统一的政务公开标准体系。</li></ul>",
    ),
    (
        "哪些领域要编制政务公开事项标准目录？目录包括哪些内容？",
        "<p>重大建设项目、公共资源交易、义务教育、户籍管理、社会救助、养老服务、公共法律服务、财政预决算、就业创业、"
        "社会保险、国土空间规划、征地补偿、环境保护、国有土地上房屋征收、保障性住房、农村危房改造、城市综合执法、"
        "市政服务、涉农补贴、公共文化服务、医疗卫生、安全生产、救灾、食品药品监管、扶贫、税收管理等26个领域。"
        "各乡镇（农场）、县直有关单位按照“应公开、尽公开”的原则梳理细化本单位的标准指引及目录，并报县政府备案。"
        "目录至少应包括公开事项的名称、内容、依据、时限、主体、方式、渠道、公开对象等要素。</p>",
    ),
    (
        "公文的公开属性怎样标识？",
        "<p>公文标识政府信息公开属性须准确界定为“此件公开发布”“此件删减后公开”“此件依申请公开”“此件不公开”"
        "等4种类型中的1种，并作规范标识。每年度要对不予公开的政府信息进行评估，对因情势变化可以公开的政府信息应当公开，"
        "对失效政府信息进行清理规范，及时公开清理结果。</p>",
    ),
    (
        "政策解读有哪些要求？",
        "<p>坚持“谁起草、谁解读”的原则，政策文件与解读方案、解读材料同步组织、同步审签、同步部署；"
        "运用简明问答、案例说明、图表图解、视频动漫等形式，对涉及群众切身利益、影响市场预期等重要政策进行解读，"
        "并确保解读材料于政策文件公开后3个工作日内在政府门户网站、政务新媒体和其他公开载体发布。"
        "鼓励运用少数民族语言文字开展政策文件解读工作，让群众听得懂、好理解。</p>",
    ),
    (
        "群众怎样申请获取政府信息？",
        "<p>依申请公开按照“谁收到、谁处理”的原则办理，畅通信函、传真、当面提交、互联网等多种申请渠道，"
        "并公开受理机构的名称、办公地址、办公时间、邮政编码、联系电话、传真号码、互联网联系方式等信息。</p>",
    ),
    (
        "各单位要在什么时间前完成哪些工作？",
        "<ul><li>2020年8月6日前，报送本单位政务公开标准化规范化工作分管领导和具体负责人信息；</li>"
        "<li>2020年8月20日前，编制完成政务公开标准指引及目录；</li>"
        "<li>2020年11月20日前，完成本单位信息公开专栏相关领域政务公开事项栏目的内容更新；</li>"
        "<li>2020年12月1日前，报送本单位相关领域政务公开工作落实情况报告。</li></ul>",
    ),
)

# Placeholder text per language: (title, question, other text). Never translations.
SAMPLE_TEXT = {
    "tdd": (
        "ᥖᥭᥰ ᥖᥬᥲ ᥑᥨᥒᥰ · 政策解读（傣文示例页，待翻译）",
        "ᥐᥑᥒᥓ ᥔᥕᥖ（傣文示例文字，不是译文）",
        f"【傣文示例文字，不是译文：请县里的傣文翻译人员替换】{TAI_LE_LETTERS}",
    ),
    "kac": (
        "Jinghpaw · 政策解读（景颇文示例页，待翻译）",
        "Jinghpaw（景颇文示例文字，不是译文）",
        "【景颇文示例文字，不是译文：请县里的景颇文翻译人员替换】Jinghpaw",
    ),
}

# Demo policies for the 3-working-day duty: (unit, slug, title, 文号, working days since publication).
DUTY_DEMO_POLICIES = (
    (
        "scjg",
        "demo-market-order-regulations",
        "县市场监督管理局关于规范农贸市场经营秩序的若干规定（演示，规范性文件，逾期未解读）",
        "盈市监规〔2026〕1号（演示）",
        6,
    ),
    (
        "pingyuan",
        "demo-village-public-works-measures",
        "平原镇村级公益事业一事一议筹资筹劳管理办法（演示，规范性文件，待解读）",
        "平政规〔2026〕1号（演示）",
        1,
    ),
)


def load_interpretation_demo() -> None:
    interpretation = add_seed_interpretation()
    if interpretation is not None:
        add_sample_translations(interpretation)
    add_policies_awaiting_interpretation()
    set_requires_interpretation_with_policy(Unit.objects.get(slug="pingyuan"), True, None)


def county_column() -> InterpretationIndexPage | None:
    office = UnitSectionPage.objects.filter(unit__slug="xzfb", locale__language_code="zh-hans").first()
    return InterpretationIndexPage.objects.child_of(office).first() if office else None


def add_seed_interpretation() -> InterpretationPage | None:
    column = county_column()
    seed = GovernmentDocumentPage.objects.filter(slug=SEED_SLUG, locale__language_code="zh-hans").first()
    if column is None or seed is None:
        return None
    existing = InterpretationPage.objects.child_of(column).filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return existing
    page = InterpretationPage(
        title=DEMO_TITLE,
        slug=DEMO_SLUG,
        kind=InterpretationKind.TEXT,
        interpreter="县政府办政府信息与政务公开办公室（演示）",
        summary="（演示）按实施方案原文整理的问答，帮助群众和各单位了解方案的目标、任务和时间要求。",
        body=[
            ("question_answer", {"question": question, "answer": RichText(answer)})
            for question, answer in QUESTIONS_AND_ANSWERS
        ],
        first_published_at=DEMO_PUBLISHED,
    )
    page.policy_links = [InterpretedPolicy(policy=seed)]
    column.add_child(instance=page)
    page.save_revision().publish()
    InterpretationPage.objects.filter(pk=page.pk).update(last_published_at=DEMO_PUBLISHED)
    return page


def add_sample_translations(page: InterpretationPage) -> list[str]:
    """Sample Dai and Jingpo versions, through a wagtail-localize Translation and its PO file, as a
    translator's work arrives. A language already translated (by the county or an earlier run) is
    left alone. Returns the language codes done."""
    done = []
    source, _created = TranslationSource.get_or_create_from_instance(page)
    for code, (title, question, text) in SAMPLE_TEXT.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        target = page.get_translation_or_none(locale)
        if target is not None and target.alias_of_id is None:
            continue
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        po = translation.export_po()
        for entry in po:
            # The slug stays the Chinese page's (README, "Languages").
            if entry.msgctxt == "slug":
                continue
            if entry.msgctxt == "title":
                entry.msgstr = title
            elif entry.msgctxt == "interpreter" or entry.msgctxt.endswith(".question"):
                entry.msgstr = question
            else:
                entry.msgstr = text
        translation.import_po(po, tool_name="演示数据")
        translation.save_target(publish=False)
        page.get_translation(locale).get_latest_revision().publish()
        done.append(code)
    return done


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """A working day from which `day` is the `count`-th working day (counting starts the next day)."""
    while count > 0:
        if is_working_day(day):
            count -= 1
        day -= datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def add_policies_awaiting_interpretation() -> None:
    today = timezone.localdate()
    for unit_slug, slug, title, number, age in DUTY_DEMO_POLICIES:
        section = UnitSectionPage.objects.get(unit__slug=unit_slug, locale__language_code="zh-hans")
        column = ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.STATUTORY)
        if GovernmentDocumentPage.objects.child_of(column).filter(slug=slug).exists():
            continue
        published_on = working_days_before(today, age)
        published = datetime.datetime.combine(published_on, datetime.time(10), tzinfo=CHINA)
        document = GovernmentDocumentPage(
            slug=slug,
            title=title,
            document_number=number,
            written_date=published_on - datetime.timedelta(days=2),
            disclosure_attribute=DisclosureAttribute.PUBLIC,
            genre=Genre.REGULATIONS if unit_slug == "scjg" else Genre.MEASURES,
            is_normative=True,
            summary="演示文件：行政规范性文件，须在公开后 3 个工作日内发布政策解读。",
            body=rich_text_stream("<p>（演示正文）</p>"),
            first_published_at=published,
        )
        column.add_child(instance=document)
        document.save_revision().publish()
        GovernmentDocumentPage.objects.filter(pk=document.pk).update(last_published_at=published)
