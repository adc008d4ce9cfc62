"""Demo applications for government information: about thirty for 平原镇 and 县市场监督管理局, in
every state of the procedure, handled through foi/services.py as the units' staff would.

Dates are counted back from today in working days, so the demo always shows live clocks: one
application overdue, one waiting for a third party's opinion, one extended, one charged, others
due soon, replied and archived. Idempotent: nothing is added once the units have applications.
Every applicant, ID number and contact is invented and marked （演示）.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from foi import services
from foi.models import (
    ApplicantKind,
    Application,
    Carrier,
    Channel,
    DeliveryMethod,
    FeeMethod,
    IdKind,
    OrganisationKind,
)
from foi.replies import ReplyType
from foi.validators import resident_id_check_digit
from sites.models import Unit
from sites.validators import credit_code_check_character
from workdays.services import add_working_days, working_days_between

DEMO_UNITS = ("pingyuan", "scjg")


def working_days_ago(n: int, today: date) -> date:
    """The day n working days before `today` (so that `today` is its n-th working day)."""
    day = today
    while working_days_between(day, today) < n:
        day -= timedelta(days=1)
    return day


def resident_id(serial: int) -> str:
    """An invented ID number of Dehong (5331), born 1980–1999, with a valid GB 11643 check digit."""
    first_17 = f"533123{1980 + serial % 20}{serial % 12 + 1:02d}{serial % 28 + 1:02d}{serial % 900 + 100:03d}"
    return first_17 + resident_id_check_digit(first_17)


def credit_code(serial: int) -> str:
    first_17 = f"91533123MA{serial:07d}"
    return first_17 + credit_code_check_character(first_17)


@dataclass(frozen=True)
class DemoApplication:
    unit: str
    name: str
    description: str
    # What happens to it, in order: each step is (action, working days after receipt, arguments).
    steps: tuple[tuple[str, int, dict], ...] = ()
    received_days_ago: int = 3
    organisation: str = ""  # an OrganisationKind: the applicant is an organisation
    channel: str = Channel.ONLINE
    delivery: str = DeliveryMethod.EMAIL
    document_title: str = ""
    document_number: str = ""


REPLY_FILE = ("（演示）公开信息.txt", "这是演示用的公开信息文件内容。")

APPLICATIONS = (
    # 平原镇 -------------------------------------------------------------------------------------
    DemoApplication(
        "pingyuan",
        "岳某某（演示）",
        "2026年平原镇耕地地力保护补贴发放名册（本村部分）。",
        received_days_ago=1,
    ),
    DemoApplication(
        "pingyuan",
        "李某某（演示）",
        "平原镇集镇农贸市场改造项目的招标文件和中标结果。",
        received_days_ago=4,
        channel=Channel.IN_PERSON,
        delivery=DeliveryMethod.PICK_UP,
    ),
    DemoApplication(
        "pingyuan",
        "刀某某（演示）",
        "关于我家房屋的那份文件。",
        received_days_ago=3,
        steps=(
            ("request_correction", 2, {"items": "1. 请说明所需文件的名称或文号；\n2. 请说明房屋所在村组。"}),
        ),
    ),
    DemoApplication(
        "pingyuan",
        "排某某（演示）",
        "新城村2025年危房改造补助对象名单。",
        received_days_ago=14,
        steps=(
            ("request_correction", 2, {"items": "请说明所需名单的年度和村民小组。"}),
            ("record_correction", 5, {"note": "申请人来电补充：新城村第三村民小组，2025年。"}),
            ("accept", 6, {}),
        ),
    ),
    DemoApplication(
        "pingyuan",
        "孟某某（演示）",
        "平原镇2026年防汛应急预案。",
        received_days_ago=19,
        steps=(("accept", 1, {}),),
        document_title="平原镇2026年防汛应急预案",
    ),
    DemoApplication(
        "pingyuan",
        "盈江某某农业开发有限公司（演示）",
        "本公司承包地块所在区域的土地利用总体规划图。",
        organisation=OrganisationKind.COMMERCIAL,
        received_days_ago=10,
        steps=(
            ("accept", 1, {}),
            ("start_consultation", 3, {"addressee": "相邻地块承包人（演示）"}),
        ),
    ),
    DemoApplication(
        "pingyuan",
        "线某某（演示）",
        "平原镇集镇污水处理厂建设项目的环境影响评价文件。",
        received_days_ago=24,
        steps=(
            ("accept", 1, {}),
            (
                "extend",
                19,
                {
                    "working_days": 15,
                    "approver": "镇政务公开领导小组办公室主任（演示）",
                    "reason": "涉及多个部门，需要调取档案。",
                },
            ),
        ),
    ),
    DemoApplication(
        "pingyuan",
        "思某某（演示）",
        "平原镇2024年至2026年全部会议纪要。",
        received_days_ago=8,
        steps=(
            ("accept", 1, {}),
            ("notify_fee", 3, {"method": FeeMethod.PER_PAGE, "pages": 120}),
        ),
        delivery=DeliveryMethod.POST,
    ),
    DemoApplication(
        "pingyuan",
        "金某某（演示）",
        "平原镇2026年财政预算公开表。",
        received_days_ago=9,
        steps=(
            ("accept", 1, {}),
            ("draft_reply", 6, {"reply_type": ReplyType.DISCLOSED, "files": True}),
        ),
    ),
    DemoApplication(
        "pingyuan",
        "杨某某（演示）",
        "平原镇2026年耕地地力保护补贴实施方案。",
        received_days_ago=12,
        steps=(
            ("accept", 1, {}),
            (
                "draft_reply",
                4,
                {
                    "reply_type": ReplyType.DISCLOSED,
                    "already_public_at": "盈江县人民政府网站 平原镇信息公开专栏“法定主动公开内容”",
                },
            ),
            ("approve_reply", 5, {}),
        ),
        document_title="平原镇2026年耕地地力保护补贴实施方案",
    ),
    DemoApplication(
        "pingyuan",
        "张某某（演示）",
        "平原镇2026年耕地地力保护补贴实施方案及发放标准。",
        received_days_ago=7,
        steps=(
            ("accept", 1, {}),
            (
                "draft_reply",
                3,
                {
                    "reply_type": ReplyType.PARTLY_DISCLOSED,
                    "files": True,
                    "reason": "名册中的身份证号码、银行账号属于个人隐私，已作删除处理。",
                },
            ),
            ("approve_reply", 4, {}),
        ),
        document_title="平原镇2026年耕地地力保护补贴实施方案",
    ),
    DemoApplication(
        "pingyuan",
        "段某某（演示）",
        "镇里某干部违规占地的问题，要求调查处理。",
        received_days_ago=2,
        steps=(("draft_reply", 1, {"reply_type": ReplyType.PETITION}),),
    ),
    DemoApplication(
        "pingyuan",
        "尹某某（演示）",
        "2019年平原镇某村集体土地征收的补偿协议。",
        received_days_ago=30,
        steps=(("accept", 1, {}), ("draft_reply", 8, {"reply_type": ReplyType.NOT_HELD})),
    ),
    DemoApplication(
        "pingyuan",
        "邵某某（演示）",
        "平原镇党政办公室内部考勤记录。",
        received_days_ago=28,
        steps=(
            ("accept", 1, {}),
            (
                "draft_reply",
                10,
                {"reply_type": ReplyType.WITHHELD_INTERNAL, "reason": "考勤记录属于人事管理内部事务信息。"},
            ),
            ("archive", 0, {}),
        ),
    ),
    DemoApplication(
        "pingyuan",
        "朗某某（演示）",
        "某路段修建的审批材料。",
        received_days_ago=40,
        steps=(("request_correction", 3, {"items": "请说明路段名称和修建年份。"}),),
    ),
    DemoApplication(
        "pingyuan",
        "盈江县某律师事务所（演示）",
        "平原镇2025年行政处罚决定书目录。",
        organisation=OrganisationKind.LEGAL_SERVICE,
        channel=Channel.SIGNED_MAIL,
        delivery=DeliveryMethod.POST,
        received_days_ago=21,
        steps=(("accept", 1, {}),),
    ),
    # 县市场监督管理局 ---------------------------------------------------------------------------------
    DemoApplication(
        "scjg", "王某某（演示）", "2026年第三季度全县食品抽检不合格产品名单。", received_days_ago=2
    ),
    DemoApplication(
        "scjg",
        "赵某某（演示）",
        "盈江县某超市的营业执照登记信息。",
        received_days_ago=5,
        steps=(
            ("accept", 1, {}),
            (
                "draft_reply",
                2,
                {
                    "reply_type": ReplyType.WITHHELD_QUERY,
                    "reason": "企业登记信息请到县政务服务中心市场主体登记窗口依法查询。",
                },
            ),
        ),
    ),
    DemoApplication(
        "scjg",
        "德宏某某检测技术有限公司（演示）",
        "2026年县市场监督管理局食品安全抽检计划。",
        organisation=OrganisationKind.RESEARCH,
        received_days_ago=6,
        steps=(("accept", 1, {}),),
    ),
    DemoApplication(
        "scjg",
        "钱某某（演示）",
        "县市场监督管理局对某餐馆的行政处罚案卷。",
        received_days_ago=20,
        steps=(
            ("accept", 1, {}),
            ("start_consultation", 2, {"addressee": "被处罚餐馆经营者（演示）"}),
            ("end_consultation", 9, {"note": "第三方书面回复不同意公开。"}),
            (
                "draft_reply",
                11,
                {
                    "reply_type": ReplyType.WITHHELD_ENFORCEMENT,
                    "reason": "属于行政执法案卷信息，且第三方不同意公开。",
                },
            ),
        ),
    ),
    DemoApplication(
        "scjg",
        "孙某某（演示）",
        "全县2025年度特种设备安全状况报告。",
        channel=Channel.EMAIL,
        received_days_ago=15,
        steps=(
            ("accept", 1, {}),
            ("draft_reply", 5, {"reply_type": ReplyType.DISCLOSED, "files": True}),
            ("approve_reply", 6, {}),
            ("archive", 0, {}),
        ),
    ),
    DemoApplication(
        "scjg",
        "周某某（演示）",
        "价格公示规定的起草说明。",
        received_days_ago=11,
        steps=(
            ("accept", 1, {}),
            (
                "draft_reply",
                4,
                {"reply_type": ReplyType.WITHHELD_PROCESS, "reason": "起草说明为过程性信息。"},
            ),
        ),
    ),
    DemoApplication(
        "scjg",
        "吴某某（演示）",
        "县城各农贸市场2026年投诉处理情况。",
        received_days_ago=17,
        steps=(("accept", 1, {}),),
    ),
    DemoApplication(
        "scjg",
        "郑某某（演示）",
        "近五年全部药品经营许可证发放明细及相关统计分析。",
        received_days_ago=13,
        steps=(("accept", 1, {}), ("draft_reply", 5, {"reply_type": ReplyType.NEEDS_CREATION})),
    ),
    DemoApplication(
        "scjg",
        "盈江县某消费者协会（演示）",
        "2026年消费投诉举报统计数据。",
        organisation=OrganisationKind.PUBLIC_WELFARE,
        received_days_ago=9,
        steps=(("accept", 1, {}),),
    ),
    DemoApplication(
        "scjg",
        "冯某某（演示）",
        "2026年第三季度全县食品抽检不合格产品名单。",
        received_days_ago=35,
        steps=(
            ("accept", 1, {}),
            ("draft_reply", 3, {"reply_type": ReplyType.DISCLOSED, "files": True}),
            ("reject_reply", 0, {"note": "附件中含有企业负责人手机号，请删除后重新提交。"}),
        ),
    ),
    DemoApplication(
        "scjg",
        "陈某某（演示）",
        "已经拿到的复函请再盖一次章。",
        received_days_ago=4,
        steps=(("draft_reply", 1, {"reply_type": ReplyType.CONFIRMATION}),),
    ),
    DemoApplication(
        "scjg",
        "褚某某（演示）",
        "盈江县某商标侵权案件的调查情况。",
        channel=Channel.FAX,
        received_days_ago=18,
        steps=(("transfer", 0, {"to": "pingyuan", "reason": "（演示）经核实，该事项由平原镇负责办理。"}),),
    ),
    DemoApplication(
        "scjg",
        "卫某某（演示）",
        "县市场监督管理局2026年部门预算。",
        received_days_ago=3,
        steps=(("accept", 1, {}),),
        delivery=DeliveryMethod.ON_SITE,
    ),
)


def _staff(unit_slug: str) -> tuple[object, object]:
    User = get_user_model()
    return User.objects.get(username=f"{unit_slug}_editor"), User.objects.get(
        username=f"{unit_slug}_reviewer"
    )


def _input(item: DemoApplication, serial: int, unit: Unit, received_on: date) -> services.ApplicantInput:
    organisation = bool(item.organisation)
    return services.ApplicantInput(
        unit_id=unit.pk,
        applicant_kind=ApplicantKind.ORGANISATION if organisation else ApplicantKind.CITIZEN,
        organisation_kind=item.organisation,
        name=item.name,
        legal_representative="某某（演示）" if organisation else "",
        contact_person="某某（演示）" if organisation else "",
        id_kind=IdKind.CREDIT_CODE if organisation else IdKind.RESIDENT_ID,
        id_number=credit_code(serial) if organisation else resident_id(serial),
        phone=f"1390692{serial:04d}",
        email=f"applicant-{serial}@example.org",
        address="盈江县平原镇（演示地址）",
        postcode="679300",
        description=item.description,
        document_title=item.document_title,
        document_number=item.document_number,
        index_number="",
        purpose="",
        delivery_method=item.delivery,
        carrier=Carrier.ELECTRONIC if item.delivery == DeliveryMethod.EMAIL else Carrier.PAPER,
        channel=item.channel,
        received_on=received_on,
    )


def _run(application: Application, action: str, on: date, arguments: dict, editor, reviewer) -> None:
    arguments = dict(arguments)
    if action == "draft_reply" and arguments.pop("files", False):
        title, text = REPLY_FILE
        arguments["files"] = [(title, ContentFile(text.encode(), name="demo-reply.txt"))]
    if action == "transfer":
        to_unit = Unit.objects.get(slug=arguments.pop("to"))
        services.transfer(application, user=editor, to_unit=to_unit, **arguments)
    elif action in ("archive", "reject_reply"):
        getattr(services, action)(
            application, user=reviewer if action == "reject_reply" else editor, **arguments
        )
    elif action == "approve_reply":
        services.approve_reply(application, user=reviewer, on=on)
    else:
        getattr(services, action)(application, user=editor, on=on, **arguments)


def load_foi_demo(today: date | None = None) -> int:
    """Add the demo applications unless the demo units already have some; returns how many."""
    today = today or timezone.localdate()
    units = {unit.slug: unit for unit in Unit.objects.filter(slug__in=DEMO_UNITS)}
    if len(units) < len(DEMO_UNITS) or Application.objects.filter(unit__in=units.values()).exists():
        return 0
    for serial, item in enumerate(APPLICATIONS, start=1):
        unit = units[item.unit]
        editor, reviewer = _staff(item.unit)
        received_on = working_days_ago(item.received_days_ago, today)
        online = item.channel == Channel.ONLINE
        application = services.submit_application(
            _input(item, serial, unit, received_on),
            user=None if online else editor,
            today=received_on,
        )
        for action, after, arguments in item.steps:
            on = min(add_working_days(received_on, after).due if after else today, today)
            _run(application, action, on, arguments, editor, reviewer)
    # Corrections and fee notices whose deadline has passed end as the daily task would end them.
    services.close_expired(today)
    return len(APPLICATIONS)
