"""Demo content for the portal home page: news and notices of the county office, 平原镇 and
县市场监督管理局 in a 工作动态 and a 通知公告 column of each, the 办事服务 entry and 专题专栏 links.

The news is dated in the days before the demo is loaded, so the 动态 columns stay within their two
weeks (disclosure/indicators.py) on the day of `make run`. Every title says 演示.

Idempotent: columns and pages are found by slug, topics by title; nothing existing is overwritten.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import Locale, Page

from disclosure.models import ColumnPage, NewsPage, NoticePage, PublicationPage
from foi.pages import CountyApplicationPage
from interpretation.models import InterpretationIndexPage
from sites.models import DisclosureIndexPage, HomeTopicLink, PortalHomePage, UnitSectionPage

NEWS_COLUMN = ("gzdt", "工作动态")
NOTICE_COLUMN = ("tzgg", "通知公告")
SERVICE_LABEL = "云南政务服务网"
SERVICE_URL = "https://zwfw.yn.gov.cn/"

# unit slug -> [(kind, slug, title, summary, days before the load, hour)]
PUBLICATIONS = {
    "xzfb": [
        (
            "news",
            "demo-county-openness-training",
            "县政府办公室举办全县政务公开业务培训（演示）",
            "各乡镇、县直各部门政务公开工作人员参加培训，学习基层政务公开标准目录编制要求。",
            1,
            16,
        ),
        (
            "news",
            "demo-county-standardisation-meeting",
            "全县基层政务公开标准化规范化工作推进会召开（演示）",
            "会议通报各单位公开目录编制和专栏建设情况，部署下一阶段工作。",
            5,
            10,
        ),
        (
            "notice",
            "demo-county-site-check-notice",
            "关于开展政府网站和政务新媒体季度检查的通知（演示）",
            "请各单位对照检查指标开展自查，按时报送自查情况。",
            3,
            9,
        ),
        (
            "notice",
            "demo-county-holiday-duty",
            "关于做好元旦期间值班值守工作的通知（演示）",
            "明确值班安排、信息报送和应急处置要求。",
            8,
            15,
        ),
    ],
    "pingyuan": [
        (
            "news",
            "demo-pingyuan-subsidy-publicity",
            "平原镇开展耕地地力保护补贴政策宣传（演示）",
            "镇村干部进村入户讲解补贴对象、标准和发放时间。",
            2,
            11,
        ),
        (
            "notice",
            "demo-pingyuan-subsidy-list",
            "平原镇2026年耕地地力保护补贴发放名单公示（演示）",
            "公示期7天，对名单有异议的可向镇农业农村服务中心反映。",
            4,
            10,
        ),
    ],
    "scjg": [
        (
            "news",
            "demo-scjg-food-safety-check",
            "县市场监督管理局开展校园周边食品安全检查（演示）",
            "检查学校周边食品经营户，督促落实进货查验和索证索票制度。",
            3,
            14,
        ),
        (
            "notice",
            "demo-scjg-annual-report-reminder",
            "关于市场主体按时报送年度报告的公告（演示）",
            "各类市场主体应在规定时间内通过国家企业信用信息公示系统报送年度报告。",
            6,
            9,
        ),
    ],
}
BODY = "<p>{summary}</p><p>（以上为演示内容，由本单位替换为正式稿件。）</p>"


def load_home_demo() -> None:
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for slug, publications in PUBLICATIONS.items():
        section = UnitSectionPage.objects.filter(unit__slug=slug, locale__language_code="zh-hans").first()
        if section is None:
            continue
        columns = {"news": _column(section, *NEWS_COLUMN), "notice": _column(section, *NOTICE_COLUMN)}
        for kind, page_slug, title, summary, days, hour in publications:
            published = (today - datetime.timedelta(days=days)).replace(hour=hour)
            model = NewsPage if kind == "news" else NoticePage
            _publish(columns[kind], model, page_slug, title, summary, published)
    add_home_entries()


def _column(section: UnitSectionPage, slug: str, title: str) -> ColumnPage:
    column = ColumnPage.objects.child_of(section).filter(slug=slug).first()
    if column is None:
        column = ColumnPage(title=title, slug=slug)
        section.add_child(instance=column)
        column.save_revision().publish()
    _copy_into_other_trees(column)
    return column


def _copy_into_other_trees(page: Page) -> None:
    """Alias copies in the Dai and Jingpo trees, as wagtail-localize makes them for a page added in
    the admin (and provisioning for a section's columns), so those trees show the demo too."""
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
            page.copy_for_translation(locale, copy_parents=True, alias=True)


def _publish(column: ColumnPage, model: type[PublicationPage], slug, title, summary, published) -> None:
    if Page.objects.child_of(column).filter(slug=slug).exists():
        return
    page = model(
        title=title,
        slug=slug,
        summary=summary,
        body=BODY.format(summary=summary),
        first_published_at=published,
    )
    column.add_child(instance=page)
    page.save_revision().publish()
    model.objects.filter(pk=page.pk).update(last_published_at=published)
    _copy_into_other_trees(page)


def add_home_entries() -> None:
    """The 办事服务 entry and the 专题专栏 of the Chinese home page, unless the county set its own."""
    home = PortalHomePage.objects.filter(locale__language_code="zh-hans", depth=2).first()
    if home is None:
        return
    index = DisclosureIndexPage.objects.child_of(home).first()
    office = UnitSectionPage.objects.filter(unit__slug="xzfb", locale=home.locale).first()
    pingyuan = UnitSectionPage.objects.filter(unit__slug="pingyuan", locale=home.locale).first()
    topics = [
        ("基层政务公开标准化规范化", index, "", "各单位公开目录、公开指南和专栏建设情况。"),
        (
            "政策解读",
            InterpretationIndexPage.objects.child_of(office).first() if office else None,
            "",
            "县政府及各部门出台政策的文字、图解和案例解读。",
        ),
        (
            "依申请公开",
            CountyApplicationPage.objects.descendant_of(home).filter(locale=home.locale).first(),
            "",
            "在线申请公开政府信息，凭查询码查询办理进度。",
        ),
        ("平原镇信息公开", pingyuan, "", "平原镇的工作动态、通知公告和政策文件。"),
    ]
    changed = False
    if not home.service_url:
        home.service_label, home.service_url = SERVICE_LABEL, SERVICE_URL
        changed = True
    existing = set(home.topic_links.values_list("title", flat=True))
    for title, page, url, text in topics:
        title = f"{title}（演示）"
        if title in existing or (page is None and not url):
            continue
        home.topic_links.add(HomeTopicLink(title=title, link_page=page, link_url=url, text=text))
        changed = True
    if changed:
        home.save_revision().publish()
