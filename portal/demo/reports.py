"""Demo annual reports: last year's 政府信息公开工作年度报告 of 平原镇 and 县市场监督管理局, filled from
a year of demo applications and published in their 政府信息公开年报 columns, and the portal's
政府网站工作年度报表 published on the home page."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from foi import services as foi_services
from foi.models import Appeal, AppealKind, AppealOutcome, Application, OrganisationKind
from foi.replies import ReplyType
from reports import services
from reports.models import WebsiteReport
from reports.website import recount_website
from sites.models import Unit

from .foi import REPLY_FILE, DemoApplication, _input, _staff

DEMO_UNITS = ("pingyuan", "scjg")
DISCLOSING = (ReplyType.DISCLOSED,)

# (unit, applicant, what they asked for, organisation kind, received (month, day), reply type,
# replied (month, day) — None: still open at the end of the year, answered in January).
LAST_YEAR = (
    ("pingyuan", "赵某某（演示）", "平原镇年度财政预算执行情况。", "", (3, 4), ReplyType.DISCLOSED, (3, 18)),
    (
        "pingyuan",
        "钱某某（演示）",
        "某村集体土地征收补偿方案。",
        "",
        (4, 8),
        ReplyType.PARTLY_DISCLOSED,
        (4, 29),
    ),
    (
        "pingyuan",
        "孙某某（演示）",
        "平原镇某路段拓宽工程的会议纪要。",
        "",
        (5, 12),
        ReplyType.WITHHELD_PROCESS,
        (5, 30),
    ),
    (
        "pingyuan",
        "某某农业合作社（演示）",
        "农机购置补贴的申报条件。",
        OrganisationKind.COMMERCIAL,
        (6, 3),
        ReplyType.DISCLOSED,
        (6, 17),
    ),
    ("pingyuan", "周某某（演示）", "某户宅基地审批的全部材料。", "", (8, 19), ReplyType.NOT_HELD, (9, 2)),
    (
        "pingyuan",
        "某律师事务所（演示）",
        "平原镇行政处罚决定书目录。",
        OrganisationKind.LEGAL_SERVICE,
        (12, 22),
        None,
        None,
    ),
    ("scjg", "吴某某（演示）", "某超市食品抽检结果。", "", (2, 20), ReplyType.DISCLOSED, (3, 6)),
    (
        "scjg",
        "某食品有限公司（演示）",
        "对本公司的行政处罚案卷。",
        OrganisationKind.COMMERCIAL,
        (5, 6),
        ReplyType.WITHHELD_ENFORCEMENT,
        (5, 27),
    ),
    ("scjg", "郑某某（演示）", "对某商户投诉的处理结果。", "", (7, 14), ReplyType.PETITION, (7, 21)),
    (
        "scjg",
        "某消费者协会（演示）",
        "全县电梯维保单位名录。",
        OrganisationKind.PUBLIC_WELFARE,
        (9, 9),
        ReplyType.DISCLOSED,
        (9, 25),
    ),
    (
        "scjg",
        "王某某（演示）",
        "某企业的营业执照申请材料。",
        "",
        (11, 3),
        ReplyType.WITHHELD_THIRD_PARTY,
        (11, 24),
    ),
)

OVERVIEW = {
    "pingyuan": "<p>{year}年，平原镇坚持以公开为常态、不公开为例外，主动公开政府信息，依法办理政府信息公开申请，"
    "按照县政府办公室的部署推进基层政务公开标准化规范化。</p>",
    "scjg": "<p>{year}年，县市场监督管理局围绕市场监管重点工作，及时公开行政许可、行政处罚、抽检结果等信息，"
    "依法办理政府信息公开申请。</p>",
}
PROBLEMS = "<p>存在的主要问题：部分栏目更新不够及时，政策解读形式较单一。改进措施：落实栏目责任人，增加图解和案例解读。</p>"
ENTERED = {"pingyuan": (12, 5, 0, "0.8500"), "scjg": (86, 23, 2, "1.2000")}


def _reply(application: Application, reply_type: str, on: date, editor, reviewer) -> None:
    foi_services.accept(application, user=editor, on=application.received_on)
    reason = (
        ""
        if reply_type in (ReplyType.DISCLOSED, ReplyType.NOT_HELD, ReplyType.PETITION)
        else "（演示）理由与说明。"
    )
    public_at = "盈江县人民政府网站信息公开专栏（演示）" if reply_type in DISCLOSING else ""
    notice = foi_services.draft_reply(
        application,
        user=editor,
        reply_type=reply_type,
        reason=reason,
        already_public_at=public_at,
        files=[(REPLY_FILE[0], ContentFile(REPLY_FILE[1].encode(), name="demo-reply.txt"))]
        if reply_type == ReplyType.PARTLY_DISCLOSED
        else (),
        on=on,
    )
    if notice is None:  # a reply that hands information over passes the 保密审查 first
        foi_services.approve_reply(application, user=reviewer, on=on)


def _applications(year: int, units: dict[str, Unit]) -> None:
    done = set(
        Application.objects.filter(unit__in=units.values(), year=year).values_list("unit__slug", flat=True)
    )
    for serial, (slug, name, description, organisation, received, reply_type, replied) in enumerate(
        LAST_YEAR, start=500
    ):
        unit = units[slug]
        if slug in done:
            continue
        editor, reviewer = _staff(slug)
        item = DemoApplication(slug, name, description, organisation=organisation)
        received_on = date(year, *received)
        application = foi_services.submit_application(
            _input(item, serial, unit, received_on), today=received_on
        )
        if reply_type is None:
            # Answered in January: carried over to the next year in the report.
            _reply(application, ReplyType.DISCLOSED, date(year + 1, 1, 12), editor, reviewer)
        else:
            _reply(application, reply_type, date(year, *replied), editor, reviewer)
        if slug == "scjg" and reply_type == ReplyType.WITHHELD_ENFORCEMENT:
            Appeal.objects.create(
                unit=unit,
                application=application,
                kind=AppealKind.RECONSIDERATION,
                case_number=f"盈政复〔{year}〕3号（演示）",
                filed_on=date(year, 6, 20),
                outcome=AppealOutcome.UPHELD,
                decided_on=date(year, 8, 15),
            )


def _publish_report(unit: Unit, year: int) -> None:
    if services.find_report(unit, year) is not None:
        return
    editor, reviewer = _staff(unit.slug)
    page = services.generate_report(unit, year, editor)
    page.overview = OVERVIEW[unit.slug].format(year=year)
    page.problems_and_improvements = PROBLEMS
    licensing, penalty, coercion, fees = ENTERED[unit.slug]
    page.licensing_decisions, page.penalty_decisions, page.coercion_decisions = licensing, penalty, coercion
    page.administrative_fees = fees
    # Published as the other demo content is (portal/demo/review.py): the demo shows the result of
    # a review, and the admin walks an editor and a reviewer through one (tests/browser).
    page.save_revision(user=editor).publish(user=reviewer, skip_permission_checks=True)


def _publish_website_report(year: int) -> None:
    if WebsiteReport.objects.filter(year=year).exists():
        return
    report = services.new_website_report(year)
    report.site_code = "5331230001"
    report.icp_number = "滇ICP备00000000号（演示）"
    report.police_number = "滇公网安备 53312302000000号（演示）"
    report.save()
    recount_website(report)
    admin = get_user_model().objects.filter(is_superuser=True).first()
    services.publish_website_report(report, admin)


def load_reports_demo(today: date | None = None) -> None:
    year = (today or timezone.localdate()).year - 1
    units = {unit.slug: unit for unit in Unit.objects.filter(slug__in=DEMO_UNITS)}
    if len(units) < len(DEMO_UNITS):
        return
    _applications(year, units)
    for slug in DEMO_UNITS:
        _publish_report(units[slug], year)
    _publish_website_report(year)
