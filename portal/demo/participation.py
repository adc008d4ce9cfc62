"""Demo participation content: an open consultation of 平原镇, a closed one of 县市场监督管理局
with its published outcome, and 平原镇's message board. Idempotent, like sites/demo.py.

`create_consultation` is also what the tests use to make a consultation the way an editor
would (page added, draft split into articles, published)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from opinions.models import Channel, Decision, Moderation, Stance
from opinions.outcome import publish_outcome
from opinions.services import OpinionInput, decide, moderate, submit_opinion
from participation.models import (
    ConsultationOutcome,
    ConsultationPage,
    DraftArticle,
    Message,
    MessageBoardPage,
    MessageModeration,
)
from participation.outcome import update_states
from participation.splitting import split_draft
from sites.models import Unit, UnitSectionPage

OPEN_SLUG = "market-rules-consultation"
CLOSED_SLUG = "price-display-consultation"
BOARD_SLUG = "messages"

DEMO_DRAFT = """平原镇集镇农贸市场管理办法（征求意见稿）
第一章 总则
第一条 为规范平原镇集镇农贸市场经营秩序，保障群众“菜篮子”安全，根据有关法律法规，结合本镇实际，制定本办法。
第二条 本办法适用于平原镇集镇农贸市场及其周边临时摊区的经营和管理活动。
第三条 农贸市场每日开市时间为早上6时至晚上8时。节假日和街天可适当延长，延长时间由镇人民政府提前公告。
第二章 经营管理
第四条 经营者应当亮照经营，明码标价，使用经检定合格的计量器具。
第五条 临时摊位实行登记管理，优先安排本镇农户销售自产农产品，不收取摊位费。
第六条 市场开办者应当每日清扫市场，垃圾日产日清，定期消毒。
第三章 附则
第七条 本办法由平原镇人民政府负责解释。
第八条 本办法自公布之日起施行。"""

DEMO_EXPLANATION = (
    "<p>（演示文本）为解决集镇农贸市场占道经营、开市时间不统一等群众反映集中的问题，"
    "镇人民政府起草了本办法。起草过程中走访了市场经营户和周边居民，参考了县内其他乡镇的做法。</p>"
)

CLOSED_DRAFT = """县市场监督管理局关于规范集贸市场价格公示的通知（征求意见稿）
一、公示范围
集贸市场内销售粮油、肉蛋、蔬菜等民生商品的经营者，应当公示商品价格。
二、公示方式
价格公示可采用价签、价目表或电子屏等方式，做到一货一签、标示醒目。
三、监督检查
县市场监督管理局对价格公示情况开展日常检查，群众可拨打 12315 投诉举报。"""


def _section(slug: str) -> UnitSectionPage:
    return UnitSectionPage.objects.get(unit__slug=slug, locale=Locale.get_default())


def mirror_in_other_languages(page: Page) -> None:
    """Give the page its wagtail-localize aliases in the Dai and Jingpo trees, as provisioning
    (sites/provisioning.py `_ensure_translated_tree`) does for a section's children and as the
    admin does when an editor adds a page. Without them the next `provision_units` run would add
    them and report the unit as changed."""
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
            page.copy_for_translation(locale, copy_parents=True, alias=True)
    if isinstance(page, ConsultationPage):
        # The state is not copied with the page (exclude_fields_in_copy): the copies share it.
        ConsultationPage.objects.filter(translation_key=page.translation_key).update(state=page.state)


def create_consultation(
    section: UnitSectionPage,
    *,
    title: str,
    slug: str,
    draft: str,
    opens_at: datetime,
    closes_at: datetime,
    **fields,
) -> ConsultationPage:
    """Add, split and publish a consultation below a unit's section; its state follows the times."""
    page = ConsultationPage(
        title=title, slug=slug, draft_text=draft, opens_at=opens_at, closes_at=closes_at, **fields
    )
    page.articles = [
        DraftArticle(label=part.label, heading=part.heading, text=part.text, sort_order=position)
        for position, part in enumerate(split_draft(draft))
    ]
    section.add_child(instance=page)
    page.save_revision().publish()
    update_states()
    page.refresh_from_db()
    return page


def load_participation_demo() -> None:
    now = timezone.now()
    present = set(
        UnitSectionPage.objects.filter(unit__slug__in=["pingyuan", "scjg"]).values_list(
            "unit__slug", flat=True
        )
    )
    if present != {"pingyuan", "scjg"}:
        return  # another county's unit file: these samples name Yingjiang's units
    pingyuan = _section("pingyuan")
    if not ConsultationPage.objects.child_of(pingyuan).filter(slug=OPEN_SLUG).exists():
        opened = create_consultation(
            pingyuan,
            title="平原镇集镇农贸市场管理办法（征求意见稿）",
            slug=OPEN_SLUG,
            draft=DEMO_DRAFT,
            opens_at=now - timedelta(days=3),
            closes_at=now + timedelta(days=27),
            summary="（演示）就集镇农贸市场开市时间、临时摊位和卫生管理公开征求意见。",
            drafting_explanation=DEMO_EXPLANATION,
            audience="社会公众，特别是市场经营户和集镇居民",
            channel_email="pingyuan-demo@example.org",
            channel_letter="盈江县平原镇人民政府党政综合办公室（演示地址），邮编 679300，信封注明“意见征集”",
            channel_in_person="平原镇便民服务中心（工作日办公时间）",
        )
        mirror_in_other_languages(opened)

    scjg = _section("scjg")
    if not ConsultationPage.objects.child_of(scjg).filter(slug=CLOSED_SLUG).exists():
        closed = create_consultation(
            scjg,
            title="关于规范集贸市场价格公示的通知（征求意见稿）",
            slug=CLOSED_SLUG,
            draft=CLOSED_DRAFT,
            opens_at=now - timedelta(days=60),
            closes_at=now - timedelta(days=30),
            summary="（演示）就集贸市场民生商品价格公示的范围、方式和监督检查征求意见。",
            audience="社会公众、集贸市场经营者",
        )
        mirror_in_other_languages(closed)
        articles = {article.label: article for article in closed.articles.all()}
        samples = (
            (
                "二、",
                "建议允许小摊贩用手写价签，电子屏成本太高。",
                Stance.SUPPORT,
                Channel.ONLINE,
                Decision.ADOPTED,
                "",
                "第二项增加“可使用手写价签”。",
            ),
            (
                "一、",
                "建议把水果也纳入公示范围。",
                Stance.SUPPORT,
                Channel.LETTER,
                Decision.PARTLY_ADOPTED,
                "时令水果价格变动频繁，暂只纳入常年销售的品种。",
                "第一项增加“常年销售的水果”。",
            ),
            (
                "三、",
                "不应该开展检查，会影响生意。",
                Stance.OPPOSE,
                Channel.ONLINE,
                Decision.NOT_ADOPTED,
                "价格公示检查是法定职责，检查将尽量避开赶街高峰。",
                "",
            ),
            (
                "",
                "建议整治市场周边停车问题。",
                Stance.NEUTRAL,
                Channel.IN_PERSON,
                Decision.OUT_OF_SCOPE,
                "停车管理不属于本通知范围，已转交县交通运输部门。",
                "",
            ),
        )
        for number, (label, content, stance, channel, decision, reason, change) in enumerate(
            samples, start=1
        ):
            opinion = submit_opinion(
                closed,
                OpinionInput(
                    content=f"（演示意见）{content}",
                    stance=stance,
                    article=articles.get(label),
                    phone=f"1390000{number:04d}",
                    consent=True,
                    channel=channel,
                    submitted_at=now - timedelta(days=50 - number),
                ),
            )
            moderate(opinion, Moderation.PUBLIC, None)
            decide(opinion, decision, reason, change, None)
        ConsultationOutcome.objects.create(
            consultation=closed,
            summary=(
                "（演示）本次征求意见共收到意见 4 条，主要集中在价格公示方式和公示范围。\n"
                "我局对每条意见逐条研究，采纳 1 条、部分采纳 1 条，不采纳的均说明了理由。修改后的通知将另行印发。"
            ),
        )
        publish_outcome(closed, None)

    if not MessageBoardPage.objects.child_of(pingyuan).exists():
        board = MessageBoardPage(
            title="网民留言",
            slug=BOARD_SLUG,
            intro="<p>（演示）受理涉及平原镇工作的咨询、建议。我们在 10 个工作日内答复；含个人信息的留言不公开，但同样答复。</p>",
        )
        pingyuan.add_child(instance=board)
        board.save_revision().publish()
        mirror_in_other_languages(board)
        unit = Unit.objects.get(slug="pingyuan")
        demo_messages = (
            (
                "集镇路灯什么时候修好？",
                "（演示留言）平原镇老街的路灯坏了两个多星期了，晚上走路不安全。",
                "（演示答复）已安排维修，预计本周内修复。感谢您的反映。",
                20,
            ),
            (
                "农机购置补贴怎么申请？",
                "（演示留言）想买一台微耕机，请问补贴在哪里申请，需要什么材料？",
                "（演示答复）请携带身份证、购机发票到镇农业综合服务中心申请，详见本镇公开的办事指南。",
                12,
            ),
            ("建议增加集镇公厕", "（演示留言）赶街天人多，集镇公厕太少，建议增加。", "", 2),
        )
        for number, (subject, content, reply, days_ago) in enumerate(demo_messages, start=1):
            received = now - timedelta(days=days_ago)
            Message.objects.create(
                unit=unit,
                board=board,
                tracking_code=f"L-DEMO-{number:04d}",
                subject=subject,
                content=content,
                phone=f"1380000{number:04d}",
                consent=True,
                received_at=received,
                moderation=MessageModeration.PUBLIC if reply else MessageModeration.PENDING,
                reply=reply,
                replied_at=received + timedelta(days=3) if reply else None,
            )
