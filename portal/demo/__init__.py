"""The Yingjiang demo: units, demo users, the seed document and sample column content.

Everything here is idempotent: pages are found by slug, users by username, and
nothing existing is overwritten.
"""

from __future__ import annotations

import datetime
import re
import secrets
import string
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.html import escape

from disclosure.blocks import rich_text_stream
from disclosure.domains import Domain
from disclosure.models import (
    ColumnKind,
    ColumnPage,
    DisclosureAttribute,
    Genre,
    GovernmentDocumentPage,
    SubjectCategory,
    Validity,
)
from security.validators import character_classes
from sites.models import COUNTY_ADMINS_GROUP, Unit, UnitSectionPage
from sites.provisioning import ProvisionReport, provision_units
from sites.unit_file import UnitRecord
from textcheck import id_check_digit

from .foi import load_foi_demo
from .footer import load_footer_demo
from .home import load_home_demo
from .interpretation import load_interpretation_demo
from .oversight import load_oversight_demo
from .participation import load_participation_demo
from .reports import load_reports_demo
from .review import load_review_demo
from .services import load_services_demo
from .translations import add_sample_home_translations

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_DOCUMENT = DATA_DIR / "yingjiang_openness_plan_2020.txt"
SEED_TITLE = "盈江县人民政府办公室关于印发全面推进基层政务公开标准化规范化工作实施方案的通知"
SEED_DATE = datetime.date(2020, 6, 30)
CHINA = ZoneInfo("Asia/Shanghai")

# Contact details for the two demo units. They are samples, marked as such, until
# the units fill in their own.
DEMO_CONTACTS = {
    "pingyuan": {
        "address": "盈江县平原镇（演示地址）",
        "office_hours": "工作日 9:00—12:00，14:30—18:00",
        "postcode": "679300",
        "phone": "0692-0000001（演示号码）",
        "fax": "0692-0000002（演示号码）",
        "email": "pingyuan-demo@example.org",
        "responsible_leader": "演示分管领导（副镇长）",
        "contact_person": "演示联系人（党政综合办公室）",
        "functions": "平原镇人民政府是盈江县的乡镇一级人民政府（以上为演示文字，请由本单位替换为正式职能表述）。",
    },
    "scjg": {
        "address": "盈江县平原镇（演示地址）",
        "office_hours": "工作日 9:00—12:00，14:30—18:00",
        "postcode": "679300",
        "phone": "0692-0000003（演示号码）",
        "email": "scjg-demo@example.org",
        "responsible_leader": "演示分管领导（副局长）",
        "contact_person": "演示联系人（办公室）",
        "functions": "负责全县市场监督管理工作（以上为演示文字，请由本单位替换为正式职能表述）。",
    },
}

# (username, unit slug or None for county-wide, role, display name)
DEMO_USERS = (
    ("county_admin", None, "county_admin", "县级管理员（演示）"),
    ("pingyuan_editor", "pingyuan", "editor", "平原镇编辑（演示）"),
    ("pingyuan_reviewer", "pingyuan", "reviewer", "平原镇审核（演示）"),
    ("scjg_editor", "scjg", "editor", "县市场监督管理局编辑（演示）"),
    ("scjg_reviewer", "scjg", "reviewer", "县市场监督管理局审核（演示）"),
)
SUPERUSER = "admin"


def with_demo_contacts(records: list[UnitRecord]) -> list[UnitRecord]:
    return [
        replace(record, **DEMO_CONTACTS[record.slug]) if record.slug in DEMO_CONTACTS else record
        for record in records
    ]


def load_demo(records: list[UnitRecord], progress=print) -> tuple[ProvisionReport, list[tuple[str, str]]]:
    """Provision the units and add the demo content. Returns the report and any new logins."""
    report = provision_units(with_demo_contacts(records), progress=progress)
    with transaction.atomic():
        new_logins = ensure_demo_users()
        publish_seed_document()
        add_sample_column_content()
        add_more_demo_documents()
        add_sample_catalogue()
        load_review_demo()
        add_sample_home_translations()
        load_participation_demo()
        load_interpretation_demo()
        load_foi_demo()
        load_reports_demo()
        load_footer_demo()
        load_home_demo()
        load_services_demo()
        # Last: the checks read what the other loaders made.
        load_oversight_demo()
    return report, new_logins


def new_password() -> str:
    """16 random characters with upper and lower case and digits, as the password policy asks."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(16))
        if character_classes(password) == 3:
            return password


def ensure_demo_users() -> list[tuple[str, str]]:
    """Create the demo users that do not exist yet; returns (username, password) for those."""
    User = get_user_model()
    created = []
    if not User.objects.filter(username=SUPERUSER).exists():
        password = new_password()
        User.objects.create_superuser(SUPERUSER, "", password, first_name="系统管理员")
        created.append((SUPERUSER, password))
    for username, unit_slug, role, display_name in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        password = new_password()
        user = User.objects.create_user(username, "", password, first_name=display_name)
        if unit_slug is None:
            group = Group.objects.get(name=COUNTY_ADMINS_GROUP)
        else:
            unit = Unit.objects.get(slug=unit_slug)
            group = unit.editors_group if role == "editor" else unit.reviewers_group
        user.groups.add(group)
        created.append((username, password))
    return created


def seed_document_html(text: str) -> str:
    """The seed notice as rich text: 一、 headings as h2, （一） headings as h3, the rest paragraphs."""
    lines = [line.strip() for line in text.replace("\u3000", " ").splitlines()]
    lines = [re.sub(r"\[bookmark: [^\]]*\]", "", line).strip() for line in lines]
    lines = [line for line in lines if line]
    # The first two lines are the notice's title, shown as the page title.
    body = []
    for line in lines[2:]:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            body.append(f"<h2>{escape(line)}</h2>")
        elif re.match(r"^（[一二三四五六七八九十]+）\S{2,20}$", line):
            body.append(f"<h3>{escape(line)}</h3>")
        else:
            body.append(f"<p>{escape(line)}</p>")
    return "".join(body)


def _statutory_column(unit_slug: str) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit__slug=unit_slug, locale__language_code="zh-hans")
    return ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.STATUTORY)


def _publish_document(
    column: ColumnPage, slug: str, published: datetime.datetime, keywords: tuple[str, ...] = (), **fields
) -> None:
    if GovernmentDocumentPage.objects.child_of(column).filter(slug=slug).exists():
        return
    # Setting the first publication before publishing dates the page (and its 索引号) then.
    document = GovernmentDocumentPage(slug=slug, first_published_at=published, **fields)
    column.add_child(instance=document)
    document.keywords.add(*keywords)
    document.save_revision().publish()
    GovernmentDocumentPage.objects.filter(pk=document.pk).update(last_published_at=published)


def _subject(name: str) -> SubjectCategory:
    return SubjectCategory.objects.get(parent=None, name=name)


def publish_seed_document() -> None:
    _publish_document(
        _statutory_column("xzfb"),
        slug="yingjiang-openness-standardisation-plan-2020",
        published=datetime.datetime(2020, 6, 30, 9, 0, tzinfo=CHINA),
        title=SEED_TITLE,
        written_date=SEED_DATE,
        subject=_subject("综合政务"),
        genre=Genre.NOTICE,
        keywords=("政务公开", "标准化规范化", "实施方案"),
        disclosure_attribute=DisclosureAttribute.PUBLIC,
        summary="印发《盈江县全面推进基层政务公开标准化规范化工作实施方案》，明确工作目标、组织机构、主要任务和时间安排。",
        body=rich_text_stream(seed_document_html(SEED_DOCUMENT.read_text(encoding="utf-8"))),
    )


GUIDE_HTML = """<p>（本指南为演示文本，请由本单位按实际情况修订。）</p>
<h2>一、主动公开</h2><p>本单位主动公开的政府信息在本专栏“法定主动公开内容”栏目集中发布，自信息形成或者变更之日起 20 个工作日内公开。</p>
<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过信函、传真、当面提交和互联网等方式向本单位申请获取政府信息。受理机构的名称、办公地址、办公时间、邮政编码、联系电话、传真号码和互联网联系方式见“机构概况”。</p>
<h2>三、监督和救济</h2><p>认为本单位在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"""

RULES_HTML = """<p>（演示文本）本单位建立政府信息公开审查、发布、依申请公开办理、保密审查和年度评估等制度，公文须在起草时准确标识“此件公开发布”“此件删减后公开”“此件依申请公开”“此件不公开”四种公开属性之一。</p>"""


def add_sample_column_content() -> None:
    for slug in DEMO_CONTACTS:
        section = UnitSectionPage.objects.get(unit__slug=slug, locale__language_code="zh-hans")
        for kind, html in ((ColumnKind.GUIDE, GUIDE_HTML), (ColumnKind.RULES, RULES_HTML)):
            column = ColumnPage.objects.child_of(section).get(column_kind=kind)
            if not column.intro:
                column.intro = html
                column.save_revision().publish()

    pingyuan = _statutory_column("pingyuan")
    _publish_document(
        pingyuan,
        slug="demo-2026-farmland-subsidy-notice",
        published=datetime.datetime(2026, 3, 12, 10, 0, tzinfo=CHINA),
        title="平原镇关于做好2026年耕地地力保护补贴发放工作的通知（演示）",
        written_date=datetime.date(2026, 3, 10),
        document_number="平政发〔2026〕8号（演示）",
        subject=_subject("农业、林业、水利"),
        genre=Genre.NOTICE,
        domain=Domain.AGRICULTURAL_SUBSIDIES,
        keywords=("耕地地力保护补贴", "涉农补贴"),
        disclosure_attribute=DisclosureAttribute.PUBLIC,
        summary="演示文件：说明补贴对象、标准、发放时间和公示要求。",
        body=rich_text_stream(
            "<p>各村（居）委员会：</p><p>为做好2026年耕地地力保护补贴发放工作，现将有关事项通知如下……（演示内容）</p>"
        ),
    )
    _publish_document(
        pingyuan,
        slug="demo-2026-internal-personnel-matter",
        published=datetime.datetime(2026, 4, 2, 10, 0, tzinfo=CHINA),
        title="平原镇关于内部人事事项的请示（演示，不公开）",
        written_date=datetime.date(2026, 4, 1),
        disclosure_attribute=DisclosureAttribute.NOT_PUBLIC,
        body=rich_text_stream("<p>此件不公开：仅作为演示，公众无法看到本页。</p>"),
    )


# (unit, slug, title, written date, 文号, attribute, validity, subject, genre, domain)
# Sample documents across all four attributes and all validity states; every title says 演示.
A, V = DisclosureAttribute, Validity
MORE_DEMO_DOCUMENTS = (
    (
        "pingyuan",
        "demo-2026-minimum-living-allowance",
        "平原镇2026年第一季度城乡最低生活保障资金发放情况公示（演示）",
        datetime.date(2026, 4, 8),
        "",
        A.PUBLIC,
        V.VALID,
        "民政、扶贫、救灾",
        Genre.ANNOUNCEMENT,
        Domain.SOCIAL_ASSISTANCE,
    ),
    (
        "pingyuan",
        "demo-2026-temporary-assistance",
        "平原镇临时救助实施办法（演示）",
        datetime.date(2026, 2, 20),
        "平政发〔2026〕5号（演示）",
        A.PUBLIC,
        V.VALID,
        "民政、扶贫、救灾",
        Genre.MEASURES,
        Domain.SOCIAL_ASSISTANCE,
    ),
    (
        "pingyuan",
        "demo-2023-temporary-assistance",
        "平原镇临时救助暂行办法（演示，已废止）",
        datetime.date(2023, 3, 1),
        "平政发〔2023〕11号（演示）",
        A.PUBLIC,
        V.REPEALED,
        "民政、扶贫、救灾",
        Genre.MEASURES,
        Domain.SOCIAL_ASSISTANCE,
    ),
    (
        "pingyuan",
        "demo-2025-flood-season-plan",
        "平原镇2025年防汛工作方案（演示，已失效）",
        datetime.date(2025, 5, 6),
        "平政办发〔2025〕9号（演示）",
        A.PUBLIC,
        V.EXPIRED,
        "民政、扶贫、救灾",
        Genre.PROGRAMME,
        Domain.DISASTER_RELIEF,
    ),
    (
        "pingyuan",
        "demo-2026-rural-housing-list",
        "平原镇2026年农村危房改造对象名单（删减后公开，演示）",
        datetime.date(2026, 5, 12),
        "",
        A.REDACTED,
        V.VALID,
        "城乡建设、环境保护",
        Genre.ANNOUNCEMENT,
        Domain.RURAL_DILAPIDATED_HOUSING,
    ),
    (
        "pingyuan",
        "demo-2026-land-transfer-reply",
        "平原镇关于某村土地承包经营权流转事项的答复（依申请公开，演示）",
        datetime.date(2026, 6, 3),
        "",
        A.ON_REQUEST,
        V.VALID,
        "农业、林业、水利",
        Genre.LETTER,
        "",
    ),
    (
        "pingyuan",
        "demo-2026-budget",
        "平原镇2026年部门预算（演示）",
        datetime.date(2026, 2, 10),
        "",
        A.PUBLIC,
        V.VALID,
        "财政、金融、审计",
        Genre.REPORT,
        Domain.BUDGETS_AND_ACCOUNTS,
    ),
    (
        "scjg",
        "demo-2026-food-inspection",
        "县市场监督管理局2026年食品安全监督抽检计划（演示）",
        datetime.date(2026, 1, 15),
        "盈市监发〔2026〕2号（演示）",
        A.PUBLIC,
        V.VALID,
        "市场监管、安全生产监管",
        Genre.PLAN,
        Domain.FOOD_AND_DRUG,
    ),
    (
        "scjg",
        "demo-2026-penalty-decision",
        "县市场监督管理局行政处罚决定书（删减后公开，演示）",
        datetime.date(2026, 4, 20),
        "盈市监罚〔2026〕15号（演示）",
        A.REDACTED,
        V.VALID,
        "市场监管、安全生产监管",
        Genre.DECISION,
        Domain.FOOD_AND_DRUG,
    ),
    (
        "scjg",
        "demo-2024-inspection-rules",
        "县市场监督管理局“双随机、一公开”监管工作细则（演示，已废止）",
        datetime.date(2024, 3, 5),
        "盈市监发〔2024〕6号（演示）",
        A.PUBLIC,
        V.REPEALED,
        "市场监管、安全生产监管",
        Genre.REGULATIONS,
        "",
    ),
    (
        "scjg",
        "demo-2026-complaint-file",
        "县市场监督管理局投诉举报处理内部材料（不公开，演示）",
        datetime.date(2026, 5, 8),
        "",
        A.NOT_PUBLIC,
        V.VALID,
        "市场监管、安全生产监管",
        Genre.OTHER,
        "",
    ),
    (
        "scjg",
        "demo-2026-license-reply",
        "关于某企业食品经营许可信息的答复（依申请公开，演示）",
        datetime.date(2026, 6, 18),
        "",
        A.ON_REQUEST,
        V.VALID,
        "市场监管、安全生产监管",
        Genre.LETTER,
        Domain.FOOD_AND_DRUG,
    ),
    (
        "scjg",
        "demo-2026-price-inspection",
        "县市场监督管理局关于开展2026年春节期间价格监督检查的通知（演示）",
        datetime.date(2026, 1, 10),
        "盈市监发〔2026〕1号（演示）",
        A.PUBLIC,
        V.VALID,
        "市场监管、安全生产监管",
        Genre.NOTICE,
        "",
    ),
    (
        "scjg",
        "demo-2026-budget",
        "县市场监督管理局2026年部门预算（演示）",
        datetime.date(2026, 2, 10),
        "",
        A.PUBLIC,
        V.VALID,
        "财政、金融、审计",
        Genre.REPORT,
        Domain.BUDGETS_AND_ACCOUNTS,
    ),
    (
        "scjg",
        "demo-2026-drug-sampling-results",
        "县市场监督管理局2026年第一季度药品抽检结果公告（演示）",
        datetime.date(2026, 4, 2),
        "",
        A.PUBLIC,
        V.VALID,
        "卫生、体育",
        Genre.ANNOUNCEMENT,
        Domain.FOOD_AND_DRUG,
    ),
    (
        "scjg",
        "demo-2025-special-campaign",
        "县市场监督管理局2025年食品安全专项整治方案（演示，已失效）",
        datetime.date(2025, 3, 18),
        "盈市监发〔2025〕4号（演示）",
        A.PUBLIC,
        V.EXPIRED,
        "市场监管、安全生产监管",
        Genre.PROGRAMME,
        Domain.FOOD_AND_DRUG,
    ),
    (
        "scjg",
        "demo-2026-staff-review",
        "县市场监督管理局干部考核内部通报（不公开，演示）",
        datetime.date(2026, 3, 30),
        "",
        A.NOT_PUBLIC,
        V.VALID,
        "劳动、人事、监察",
        Genre.BULLETIN,
        "",
    ),
)


def _demo_id(first17: str) -> str:
    return first17 + id_check_digit(first17)


# The 低保 公示 list as units too often publish it: ID numbers and mobiles in full. The 内容检查
# (review/content_checks.py) finds the valid ID number and the mobile, ignores the mistyped ID
# number (wrong check digit), and the nightly oversight run counts the page until it is masked.
# The people and numbers are made up (盈江县's address code 533123, a fictitious birth date).
MINIMUM_LIVING_LIST = [
    *rich_text_stream(
        "<p>根据《社会救助暂行办法》，经村（居）委员会评议、镇人民政府审核，现将2026年第一季度城乡最低生活保障资金发放情况公示如下（演示内容）。公示期7天，如有异议请向镇民政办反映。</p>"
    ),
    (
        "table",
        {
            "data": [
                # Row 2's ID number is mistyped: its check digit would be 3, not 0.
                ["序号", "姓名", "身份证号码", "联系电话", "保障人口", "发放金额（元）"],
                ["1", "张某某（演示）", _demo_id("53312319650308123"), "13800138000", "2", "1260"],
                ["2", "李某某（演示）", "533123197811122040", "0692-8123456", "1", "630"],
            ],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "",
        },
    ),
]
DEMO_BODIES = {"demo-2026-minimum-living-allowance": MINIMUM_LIVING_LIST}


def add_more_demo_documents() -> None:
    for (
        unit_slug,
        slug,
        title,
        written,
        number,
        attribute,
        validity,
        subject,
        genre,
        domain,
    ) in MORE_DEMO_DOCUMENTS:
        published = datetime.datetime.combine(
            written + datetime.timedelta(days=3), datetime.time(10), tzinfo=CHINA
        )
        fields = {}
        if attribute == A.REDACTED:
            fields["redacted_body"] = rich_text_stream(
                "<p>（删减后公开的版本：已删去个人身份信息。演示内容）</p>"
            )
        if validity != V.VALID:
            fields["validity_changed_on"] = written.replace(year=written.year + 1)
            fields["validity_reason"] = "有效期届满" if validity == V.EXPIRED else "已被新文件替代，清理废止"
        _publish_document(
            _statutory_column(unit_slug),
            slug=slug,
            published=published,
            title=title,
            written_date=written,
            document_number=number,
            disclosure_attribute=attribute,
            validity=validity,
            subject=_subject(subject),
            genre=genre,
            domain=domain,
            summary="演示文件，供体验各类公开属性和有效性状态。",
            body=DEMO_BODIES.get(slug) or rich_text_stream("<p>（演示正文）</p>"),
            **fields,
        )


# 平原镇's catalogue for two domains (附件3 layout). Sample entries modelled on the national
# standard guidelines; the unit replaces them with its own.
DEMO_CATALOGUE = (
    (
        Domain.SOCIAL_ASSISTANCE,
        "最低生活保障对象认定",
        "申请条件、办理流程、审核审批结果、保障标准",
        "《社会救助暂行办法》《云南省最低生活保障工作规程》",
        "信息形成或变更之日起 20 个工作日内",
        "平原镇人民政府",
        "主动公开",
        "政府网站、村（居）务公开栏",
        "whole_society",
        "",
    ),
    (
        Domain.SOCIAL_ASSISTANCE,
        "临时救助",
        "救助对象范围、救助标准、申请程序、救助结果",
        "《社会救助暂行办法》",
        "信息形成或变更之日起 20 个工作日内",
        "平原镇人民政府",
        "主动公开",
        "政府网站、便民服务中心",
        "whole_society",
        "",
    ),
    (
        Domain.SOCIAL_ASSISTANCE,
        "特困人员救助供养结果",
        "救助供养对象姓名、所在村、供养方式",
        "《社会救助暂行办法》",
        "审批后 20 个工作日内",
        "平原镇人民政府",
        "主动公开（删减个人信息后）",
        "村（居）务公开栏",
        "specific",
        "本村（居）村（居）民",
    ),
    (
        Domain.AGRICULTURAL_SUBSIDIES,
        "耕地地力保护补贴",
        "补贴政策、补贴对象、补贴标准、发放结果",
        "《财政部 农业农村部关于实施耕地地力保护补贴的通知》",
        "发放前公示不少于 7 天",
        "平原镇人民政府",
        "主动公开",
        "政府网站、村务公开栏、微信群",
        "whole_society",
        "",
    ),
    (
        Domain.AGRICULTURAL_SUBSIDIES,
        "农机购置补贴",
        "补贴机具目录、补贴额度、申请流程、补贴结果",
        "《农业机械购置补贴实施指导意见》",
        "信息形成或变更之日起 20 个工作日内",
        "平原镇农业综合服务中心",
        "主动公开",
        "政府网站、便民服务中心",
        "whole_society",
        "",
    ),
)


def add_sample_catalogue() -> None:
    from catalogue.models import CatalogueItem

    pingyuan = Unit.objects.get(slug="pingyuan")
    column = _statutory_column("pingyuan")
    for order, (domain, name, content, basis, limit, body, method, channel, audience, detail) in enumerate(
        DEMO_CATALOGUE, start=1
    ):
        CatalogueItem.objects.get_or_create(
            unit=pingyuan,
            domain=domain,
            name=name,
            defaults={
                "content": content,
                "legal_basis": basis,
                "time_limit": limit,
                "responsible_body": body,
                "method": method,
                "channel": channel,
                "audience": audience,
                "audience_detail": detail,
                # The subsidy items point at the column holding the subsidy notices; one item is
                # left without a column so the editors see the "暂无已发布内容" flag in the admin.
                "column": column if order != 5 else None,
                "sort_order": order,
            },
        )
