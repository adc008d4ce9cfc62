"""Demo content for service disclosure (services/): ten guides of 县市场监督管理局 and 平原镇, each in
an 办事指南 column of its unit, and the county office's life events.

The guides are shaped like real ones (the laws and articles named are the real ones that set these
services up), but the places, phones, time limits and forms are the demo's: every guide says
“（演示）” in its title and its notes, for the units to replace with their own.

Idempotent: items are found by unit and name, pages by slug, nothing existing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.models import ColumnPage
from services.models import (
    Audience,
    CopyKind,
    HandlingItem,
    LegalBasis,
    LifeEvent,
    Material,
    Medium,
    ProcessStep,
    Question,
    ServiceGuidePage,
    ServiceItem,
    ServiceKind,
    Theme,
)
from sites.models import Unit, UnitSectionPage

from .participation import mirror_in_other_languages

COLUMN_SLUG = "banshizhinan"
COLUMN_TITLE = "办事指南"
DEMO_NOTE = "本指南为演示内容，办理地点、电话、时限和表格请以本单位正式发布的为准。"
HALL = "盈江县政务服务中心一楼市场监管窗口（演示地址）"
TOWN_HALL = "平原镇便民服务中心社会事务窗口（演示地址）"
HOURS = "工作日 9:00—12:00，14:30—18:00（法定节假日除外）"
COMPLAINT = "12345 政务服务便民热线"


@dataclass
class GuideSpec:
    unit: str
    item: str
    code: str
    kind: str
    theme: str
    slug: str
    handling: str = HandlingItem.SINGLE
    audience: str = Audience.PERSON
    summary: str = ""
    basis: list[tuple[str, str]] = field(default_factory=list)
    conditions: str = ""
    materials: list[tuple[str, str, int, str]] = field(default_factory=list)
    steps: list[tuple[str, str, str]] = field(default_factory=list)
    location: str = HALL
    statutory: int | None = None
    promised: int | None = None
    visits: int = 1
    fee: tuple[str, str] | None = None
    phone: str = "0692-0000003（演示号码）"
    faqs: list[tuple[str, str]] = field(default_factory=list)
    online_url: str = "https://zwfw.yn.gov.cn/"


ACCEPT_STEPS = [
    ("申请", "申请人到窗口或网上提交材料", "当场"),
    ("受理", "材料齐全、符合法定形式的当场受理；不齐全的一次性告知需补正的全部内容", "当场"),
    ("审查", "对申请材料进行审查", "1个工作日"),
    ("决定", "作出准予或不予的决定", "1个工作日"),
    ("送达", "窗口领取或邮寄送达", "当场"),
]

GUIDES = [
    GuideSpec(
        unit="scjg",
        item="个体工商户登记",
        code="11533123MB0000001X-01（演示）",
        kind=ServiceKind.LICENSING,
        theme=Theme.BUSINESS,
        slug="getigongshanghu-sheli",
        handling=HandlingItem.NEW,
        summary="有经营能力的公民从事工商业经营，申请设立个体工商户。",
        basis=[
            ("《促进个体工商户发展条例》", "第八条"),
            ("《中华人民共和国市场主体登记管理条例》", "第三条"),
        ],
        conditions="申请人具有经营能力\n有符合规定的名称和经营场所\n经营范围不属于法律法规禁止的行业",
        materials=[
            ("个体工商户登记（备案）申请书", CopyKind.ORIGINAL, 1, Medium.EITHER),
            ("经营者身份证明", CopyKind.COPY, 1, Medium.EITHER),
            ("经营场所使用证明", CopyKind.COPY, 1, Medium.EITHER),
        ],
        steps=ACCEPT_STEPS,
        statutory=3,
        promised=0,
        faqs=[
            ("个体工商户登记要收费吗？", "不收费。"),
            ("可以网上办理吗？", "可以，通过云南政务服务网全程网办。"),
        ],
    ),
    GuideSpec(
        unit="scjg",
        item="个体工商户登记",
        code="11533123MB0000001X-01（演示）",
        kind=ServiceKind.LICENSING,
        theme=Theme.BUSINESS,
        slug="getigongshanghu-biangeng",
        handling=HandlingItem.CHANGE,
        summary="个体工商户的名称、经营者、经营范围、经营场所等登记事项发生变化。",
        basis=[
            ("《促进个体工商户发展条例》", "第十条"),
            ("《中华人民共和国市场主体登记管理条例》", "第二十四条"),
        ],
        conditions="已依法登记的个体工商户\n登记事项发生变更之日起30日内申请",
        materials=[
            ("个体工商户变更登记申请书", CopyKind.ORIGINAL, 1, Medium.EITHER),
            ("营业执照正副本", CopyKind.ORIGINAL, 1, Medium.PAPER),
            ("与变更事项有关的证明文件", CopyKind.COPY, 1, Medium.EITHER),
        ],
        steps=ACCEPT_STEPS,
        statutory=3,
        promised=1,
    ),
    GuideSpec(
        unit="scjg",
        item="个体工商户登记",
        code="11533123MB0000001X-01（演示）",
        kind=ServiceKind.LICENSING,
        theme=Theme.BUSINESS,
        slug="getigongshanghu-zhuxiao",
        handling=HandlingItem.CANCELLATION,
        summary="个体工商户不再从事经营活动，申请注销登记。",
        basis=[("《中华人民共和国市场主体登记管理条例》", "第三十一条")],
        conditions="已结清债权债务\n已办理税务注销",
        materials=[
            ("个体工商户注销登记申请书", CopyKind.ORIGINAL, 1, Medium.EITHER),
            ("营业执照正副本", CopyKind.ORIGINAL, 1, Medium.PAPER),
        ],
        steps=ACCEPT_STEPS,
        statutory=3,
        promised=0,
    ),
    GuideSpec(
        unit="scjg",
        item="食品经营许可",
        code="11533123MB0000001X-02（演示）",
        kind=ServiceKind.LICENSING,
        theme=Theme.FOOD_DRUG,
        slug="shipin-jingying-xuke",
        handling=HandlingItem.NEW,
        audience=Audience.BOTH,
        summary="在县内从事食品销售和餐饮服务，申请食品经营许可证。",
        basis=[("《中华人民共和国食品安全法》", "第三十五条"), ("《食品经营许可和备案管理办法》", "第六条")],
        conditions="已取得营业执照等合法主体资格\n具有与经营的食品品种、数量相适应的经营场所和设施\n有专职或兼职的食品安全管理人员和保证食品安全的规章制度",
        materials=[
            ("食品经营许可申请书", CopyKind.ORIGINAL, 1, Medium.EITHER),
            ("营业执照", CopyKind.COPY, 1, Medium.EITHER),
            ("经营场所平面图和设备布局图", CopyKind.ORIGINAL, 1, Medium.EITHER),
            ("食品安全管理制度文本", CopyKind.ORIGINAL, 1, Medium.EITHER),
        ],
        steps=ACCEPT_STEPS[:3] + [("现场核查", "必要时到经营场所现场核查", "3个工作日")] + ACCEPT_STEPS[3:],
        statutory=10,
        promised=5,
        visits=1,
        faqs=[("仅销售预包装食品需要许可吗？", "仅销售预包装食品的，办理备案即可，不需要许可。")],
    ),
    GuideSpec(
        unit="scjg",
        item="特种设备使用登记",
        code="11533123MB0000001X-03（演示）",
        kind=ServiceKind.LICENSING,
        theme=Theme.BUSINESS,
        slug="tezhong-shebei-shiyong-dengji",
        handling=HandlingItem.NEW,
        audience=Audience.COMPANY,
        summary="锅炉、压力容器、电梯等特种设备投入使用前或投入使用后30日内办理使用登记。",
        basis=[("《中华人民共和国特种设备安全法》", "第三十三条")],
        conditions="特种设备经监督检验合格\n使用单位已配备安全管理人员",
        materials=[
            ("特种设备使用登记表", CopyKind.ORIGINAL, 2, Medium.PAPER),
            ("产品合格证和监督检验证明", CopyKind.COPY, 1, Medium.EITHER),
            ("使用单位营业执照", CopyKind.COPY, 1, Medium.EITHER),
        ],
        steps=ACCEPT_STEPS,
        statutory=15,
        promised=5,
    ),
    GuideSpec(
        unit="scjg",
        item="计量器具强制检定",
        code="11533123MB0000001X-04（演示）",
        kind=ServiceKind.PUBLIC_SERVICE,
        theme=Theme.BUSINESS,
        slug="jiliang-qiju-qiangzhi-jianding",
        audience=Audience.BOTH,
        summary="用于贸易结算、安全防护、医疗卫生、环境监测的计量器具，按规定申请强制检定。",
        basis=[("《中华人民共和国计量法》", "第九条")],
        conditions="属于强制检定目录内的工作计量器具",
        materials=[
            ("强制检定申请书", CopyKind.ORIGINAL, 1, Medium.EITHER),
            ("计量器具清单", CopyKind.ORIGINAL, 1, Medium.EITHER),
        ],
        steps=[
            ("申请", "提交检定申请", "当场"),
            ("检定", "按检定规程检定", "5个工作日"),
            ("出具证书", "出具检定证书或检定结果通知书", "当场"),
        ],
        statutory=None,
        promised=5,
        fee=("按《云南省计量检定收费标准》执行（演示）", "云南省发展和改革委员会有关收费文件（演示）"),
    ),
    GuideSpec(
        unit="pingyuan",
        item="临时救助申请",
        code="11533123006000001Y-01（演示）",
        kind=ServiceKind.BENEFIT,
        theme=Theme.SOCIAL_AID,
        slug="linshi-jiuzhu",
        summary="因突发事件、意外伤害、重大疾病等导致基本生活暂时出现严重困难的家庭或个人，申请临时救助。",
        basis=[("《社会救助暂行办法》", "第四十七条"), ("《云南省临时救助实施办法》", "第八条")],
        conditions="具有平原镇户籍或持有居住证\n因突发事件、意外伤害、重大疾病等导致基本生活暂时出现严重困难",
        materials=[
            ("临时救助申请书", CopyKind.ORIGINAL, 1, Medium.PAPER),
            ("申请人身份证和户口簿", CopyKind.COPY, 1, Medium.PAPER),
            ("困难情况证明（如医疗费用票据）", CopyKind.COPY, 1, Medium.PAPER),
        ],
        steps=[
            ("申请", "向镇便民服务中心或村（社区）提出申请", "当场"),
            ("受理", "材料不全的一次性告知需补正的材料", "当场"),
            ("入户调查", "镇人民政府组织入户调查和核对", "5个工作日"),
            ("公示", "在村（社区）公示调查结果", "3日"),
            ("审批发放", "审批并发放救助金", "5个工作日"),
        ],
        location=TOWN_HALL,
        statutory=None,
        promised=15,
        phone="0692-0000001（演示号码）",
        faqs=[("情况紧急怎么办？", "情况紧急的，可以先行救助，事后补办手续。")],
    ),
    GuideSpec(
        unit="pingyuan",
        item="最低生活保障申请",
        code="11533123006000001Y-02（演示）",
        kind=ServiceKind.BENEFIT,
        theme=Theme.SOCIAL_AID,
        slug="zuidi-shenghuo-baozhang",
        handling=HandlingItem.NEW,
        summary="共同生活的家庭成员人均收入低于当地最低生活保障标准且财产状况符合规定的，申请最低生活保障。",
        basis=[("《社会救助暂行办法》", "第九条"), ("《最低生活保障审核确认办法》", "第六条")],
        conditions="持有平原镇户籍\n家庭人均收入低于盈江县最低生活保障标准\n家庭财产状况符合规定",
        materials=[
            ("最低生活保障申请书", CopyKind.ORIGINAL, 1, Medium.PAPER),
            ("家庭成员身份证和户口簿", CopyKind.COPY, 1, Medium.PAPER),
            ("家庭经济状况核对授权书", CopyKind.ORIGINAL, 1, Medium.PAPER),
        ],
        steps=[
            ("申请", "向镇便民服务中心提出申请", "当场"),
            ("家庭经济状况调查", "入户调查和信息核对", "10个工作日"),
            ("民主评议与公示", "村（社区）民主评议并公示", "7日"),
            ("审核确认", "镇人民政府审核确认", "10个工作日"),
        ],
        location=TOWN_HALL,
        statutory=30,
        promised=25,
        visits=1,
        phone="0692-0000001（演示号码）",
    ),
    GuideSpec(
        unit="pingyuan",
        item="高龄津贴申领",
        code="11533123006000001Y-03（演示）",
        kind=ServiceKind.BENEFIT,
        theme=Theme.SOCIAL_SECURITY,
        slug="gaoling-jintie",
        summary="年满80周岁的老年人申领高龄津贴。",
        basis=[("《中华人民共和国老年人权益保障法》", "第三十三条")],
        conditions="具有平原镇户籍\n年满80周岁",
        materials=[
            ("高龄津贴申请表", CopyKind.ORIGINAL, 1, Medium.PAPER),
            ("身份证和户口簿", CopyKind.COPY, 1, Medium.PAPER),
        ],
        steps=[
            ("申请", "本人或家属提出申请", "当场"),
            ("审核", "镇人民政府审核", "5个工作日"),
            ("发放", "按月发放到本人账户", "次月"),
        ],
        location=TOWN_HALL,
        promised=10,
        phone="0692-0000001（演示号码）",
    ),
    GuideSpec(
        unit="pingyuan",
        item="农村宅基地用地审批",
        code="11533123006000001Y-04（演示）",
        kind=ServiceKind.LICENSING,
        theme=Theme.HOUSING,
        slug="nongcun-zhaijidi-shenpi",
        summary="农村村民新建、改建、扩建住宅，申请使用宅基地。",
        basis=[("《中华人民共和国土地管理法》", "第六十二条")],
        conditions="本集体经济组织成员\n符合“一户一宅”规定\n符合国土空间规划和村庄规划",
        materials=[
            ("农村宅基地和建房（规划许可）申请表", CopyKind.ORIGINAL, 1, Medium.PAPER),
            ("申请人身份证和户口簿", CopyKind.COPY, 1, Medium.PAPER),
            ("村民小组会议讨论意见", CopyKind.ORIGINAL, 1, Medium.PAPER),
        ],
        steps=[
            ("申请", "向村民小组提出申请", "当场"),
            ("村级审查", "村民小组讨论并公示，村委会审查", "5个工作日"),
            ("镇级审核", "镇人民政府组织踏勘并审核", "10个工作日"),
            ("审批", "镇人民政府审批并发放批准书", "5个工作日"),
        ],
        location=TOWN_HALL,
        statutory=20,
        promised=20,
        visits=2,
        phone="0692-0000001（演示号码）",
    ),
]

# (name, slug, description, audience, [(unit, item)]): curated by the county office.
LIFE_EVENTS = [
    ("出生", "chusheng", "孩子出生后的登记、医保和补助。", Audience.PERSON, []),
    ("上学", "shangxue", "入学、资助和相关证明。", Audience.PERSON, []),
    ("就业", "jiuye", "求职、创业和就业补贴。", Audience.PERSON, [("scjg", "个体工商户登记")]),
    ("婚育", "hunyu", "结婚登记、生育登记和相关服务。", Audience.PERSON, []),
    ("养老", "yanglao", "养老保险、高龄津贴和养老服务。", Audience.PERSON, [("pingyuan", "高龄津贴申领")]),
    (
        "企业开办",
        "qiyekaiban",
        "开办企业和个体工商户：登记、许可和设备登记。",
        Audience.COMPANY,
        [("scjg", "个体工商户登记"), ("scjg", "食品经营许可"), ("scjg", "特种设备使用登记")],
    ),
    (
        "不动产",
        "budongchan",
        "宅基地、建房和不动产登记。",
        Audience.PERSON,
        [("pingyuan", "农村宅基地用地审批")],
    ),
    (
        "困难救助",
        "kunnan-jiuzhu",
        "低保、临时救助等社会救助。",
        Audience.PERSON,
        [("pingyuan", "临时救助申请"), ("pingyuan", "最低生活保障申请")],
    ),
]


def load_services_demo() -> None:
    for spec in GUIDES:
        add_guide(spec)
    for sort_order, (name, slug, description, audience, items) in enumerate(LIFE_EVENTS):
        event, _created = LifeEvent.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "audience": audience,
                "sort_order": sort_order,
            },
        )
        for unit_slug, item_name in items:
            item = ServiceItem.objects.filter(unit__slug=unit_slug, name=item_name).first()
            if item is not None:
                event.items.add(item)


def guide_column(unit: Unit) -> ColumnPage | None:
    """The unit's 办事指南 column in the Chinese tree, opened if missing."""
    section = UnitSectionPage.objects.filter(unit=unit, locale__language_code="zh-hans").first()
    if section is None:
        return None
    column = ColumnPage.objects.child_of(section).filter(slug=COLUMN_SLUG).first()
    if column is None:
        column = ColumnPage(
            title=COLUMN_TITLE,
            slug=COLUMN_SLUG,
            intro="<p>本单位政务服务事项的办事指南：依据、条件、材料、流程、地点、时间和电话一次告知。</p>",
        )
        section.add_child(instance=column)
        column.save_revision().publish()
        mirror_in_other_languages(column)
    return column


def service_item(spec: GuideSpec, unit: Unit) -> ServiceItem:
    item, _created = ServiceItem.objects.get_or_create(
        unit=unit,
        name=spec.item,
        defaults={"code": spec.code, "kind": spec.kind, "theme": spec.theme, "audience": spec.audience},
    )
    return item


def guide_page(spec: GuideSpec, item: ServiceItem) -> ServiceGuidePage:
    """The guide as an unsaved page with its inline rows (the tests build theirs the same way)."""
    handling = "" if spec.handling == HandlingItem.SINGLE else f"（{HandlingItem(spec.handling).label}）"
    page = ServiceGuidePage(
        title=f"{spec.item}{handling}（演示）",
        slug=spec.slug,
        service_item=item,
        handling_item=spec.handling,
        summary=spec.summary,
        conditions=spec.conditions,
        location=spec.location,
        hours=HOURS,
        statutory_limit=spec.statutory,
        promised_limit=spec.promised,
        visits=spec.visits,
        charged=spec.fee is not None,
        fee_amount=spec.fee[0] if spec.fee else "",
        fee_basis=spec.fee[1] if spec.fee else "",
        consult_phone=spec.phone,
        complaint_phone=COMPLAINT,
        online_url=spec.online_url,
        notes=DEMO_NOTE,
    )
    page.basis = [LegalBasis(law=law, article=article) for law, article in spec.basis]
    page.materials = [
        Material(name=name, copy_kind=copy_kind, copies=copies, medium=medium)
        for name, copy_kind, copies, medium in spec.materials
    ]
    page.steps = [
        ProcessStep(name=name, description=text, time_needed=time) for name, text, time in spec.steps
    ]
    page.faqs = [Question(question=question, answer=answer) for question, answer in spec.faqs]
    return page


def add_guide(spec: GuideSpec) -> ServiceGuidePage | None:
    unit = Unit.objects.filter(slug=spec.unit).first()
    column = guide_column(unit) if unit else None
    if column is None:
        return None
    existing = ServiceGuidePage.objects.child_of(column).filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    page = guide_page(spec, service_item(spec, unit))
    column.add_child(instance=page)
    page.save_revision().publish()
    mirror_in_other_languages(page)
    return page
