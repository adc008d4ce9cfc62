"""The annual reports: a unit's 政府信息公开工作年度报告 as a page in its 政府信息公开年报 column,
and the portal's 政府网站工作年度报表.

Both keep the figures they were counted with (`figures`, filled by reports/services.py), so a
published report says what was reviewed and published, whatever the records say later; the
next year's report checks itself against them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from sites.models import UnitPageMixin

from .forms import AnnualReportPageForm
from .panels import FiguresPanel

ANNUAL_REPORT_COLUMN_KIND = "annual_report"  # disclosure.models.ColumnKind.ANNUAL_REPORT
REPORT_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class AnnualReportPage(UnitPageMixin, RoutablePageMixin, Page):
    """政府信息公开工作年度报告 (条例 Art. 49, 国办公开办函〔2021〕30号): sections 一, 五 and 六 written
    by the unit; Tables 二, 三 and 四 counted from its records; 行政许可, 行政处罚, 行政强制 and
    收费 entered by the unit."""

    year = models.PositiveIntegerField(_("报告年度"), help_text=_("报告所述的自然年度。"))
    overview = RichTextField(
        _("一、总体情况"),
        blank=True,
        features=REPORT_TEXT_FEATURES,
        help_text=_("本年度主动公开、依申请公开、政府信息管理、平台建设、监督保障等工作的总体情况。"),
    )
    licensing_decisions = models.PositiveIntegerField(_("行政许可：本年处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚：本年处理决定数量"), default=0)
    coercion_decisions = models.PositiveIntegerField(_("行政强制：本年处理决定数量"), default=0)
    administrative_fees = models.DecimalField(
        _("行政事业性收费：本年收费金额（万元）"),
        max_digits=12,
        decimal_places=4,
        default=0,
        help_text=_("以万元为单位，最多保留四位小数。"),
    )
    problems_and_improvements = RichTextField(
        _("五、存在的主要问题及改进情况"),
        blank=True,
        features=REPORT_TEXT_FEATURES,
        help_text=_("上一年度问题的整改情况，本年度存在的主要问题和改进措施。"),
    )
    other_matters = RichTextField(
        _("六、其他需要报告的事项"),
        blank=True,
        features=REPORT_TEXT_FEATURES,
        help_text=_(
            "生成报告时预填本年度实际收取的信息处理费；可补充年度工作要点落实、人大建议和政协提案办理结果公开等情况。"
        ),
    )
    figures = models.JSONField(_("统计数据"), default=dict, blank=True, editable=False)
    counted_at = models.DateTimeField(_("统计时间"), null=True, blank=True, editable=False)

    content_panels = [
        FieldPanel("title"),
        FieldPanel("year", read_only=True),
        FieldPanel("overview"),
        FiguresPanel(heading=_("系统统计（表二、表三、表四）")),
        MultiFieldPanel(
            [
                FieldPanel("licensing_decisions"),
                FieldRowPanel([FieldPanel("penalty_decisions"), FieldPanel("coercion_decisions")]),
                FieldPanel("administrative_fees"),
            ],
            heading=_("二、主动公开政府信息情况：本单位填报的数字"),
        ),
        FieldPanel("problems_and_improvements"),
        FieldPanel("other_matters"),
    ]
    promote_panels = [FieldPanel("slug")]

    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types: list[str] = []
    base_form_class = AnnualReportPageForm

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        # Only in a 政府信息公开年报 column, and only through 生成年度报告 (reports/admin_views.py),
        # which counts the figures and refuses a second report for the same year.
        return False

    def has_figures(self) -> bool:
        return bool(self.figures.get("table3"))

    def blocking_problems(self) -> list[dict]:
        return [problem for problem in self.figures.get("problems", []) if problem.get("blocking")]

    def get_context(self, request, *args, **kwargs):
        from .tables import SECTION_TITLES

        context = super().get_context(request, *args, **kwargs)
        context["titles"] = SECTION_TITLES
        return context

    @path("xlsx/", name="xlsx")
    def xlsx(self, request):
        from .exports import annual_report_xlsx_response

        return annual_report_xlsx_response(self)

    @path("docx/", name="docx")
    def docx(self, request):
        from .exports import annual_report_docx_response

        return annual_report_docx_response(self)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class WebsiteReport(models.Model):
    """政府网站工作年度报表 (国办函〔2018〕12号) of the county portal: counted figures plus the
    entries only the site's operators know; published on the home page by 31 January."""

    year = models.PositiveIntegerField(_("报表年度"), unique=True)
    site_name = models.CharField(_("网站名称"), max_length=100)
    site_address = models.CharField(_("首页网址"), max_length=200)
    host = models.CharField(_("主办单位"), max_length=100)
    site_code = models.CharField(
        _("网站标识码"),
        max_length=20,
        blank=True,
        help_text=_("全国政府网站基本信息数据库分配的 10 位标识码。"),
    )
    icp_number = models.CharField(_("ICP备案编号"), max_length=50, blank=True)
    police_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    unique_visitors = models.PositiveBigIntegerField(
        _("独立用户访问总量"),
        null=True,
        blank=True,
        help_text=_("来自统计系统；不掌握的留空，报表显示“未统计”。"),
    )
    page_views = models.PositiveBigIntegerField(_("网站总访问量"), null=True, blank=True)
    new_media_accounts = models.PositiveIntegerField(_("政务新媒体账号数"), null=True, blank=True)
    innovation = models.TextField(
        _("创新发展"), blank=True, help_text=_("本年度网站的创新做法，如适老化、无障碍改造等。")
    )
    figures = models.JSONField(_("统计数据"), default=dict, blank=True, editable=False)
    counted_at = models.DateTimeField(_("统计时间"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("状态"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(year)d 年度政府网站工作年度报表") % {"year": self.year}

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED


class ReportKind(models.TextChoices):
    OGI = "ogi", _("政府信息公开工作年度报告")
    WEBSITE = "website", _("政府网站工作年度报表")


class ReportReminder(models.Model):
    """A reminder already sent, so that each is sent once (reports/services.py)."""

    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    unit = models.ForeignKey("sites.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    stage = models.CharField(max_length=20)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "year", "stage"], name="reports_reminder_once"),
            models.UniqueConstraint(
                fields=["kind", "year", "stage"],
                condition=models.Q(unit__isnull=True),
                name="reports_portal_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.stage}"
