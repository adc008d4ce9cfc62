"""政府网站工作年度报表 (国办函〔2018〕12号): the portal's figures for a year, counted from the
system's own records, and the report's rows as the page and the XLSX show them.

A figure the system does not keep (e.g. service items before 办事服务 is built) is None and shows
as 未统计, never as a made-up zero.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from disclosure.models import ColumnPage, GovernmentDocumentPage
from interpretation.models import InterpretationPage
from opinions.models import Opinion
from participation.models import ConsultationOutcome, ConsultationPage, Message
from security.models import AuditAction, AuditEntry
from workdays.services import as_local_date, working_days_between

from .models import WebsiteReport

# Audit events that are security events (attacks or their traces), as opposed to routine logins.
SECURITY_EVENTS = (AuditAction.LOGIN_FAILED, AuditAction.LOCKOUT, AuditAction.OTP_FAILED)


def _published_in(model, year: int):
    """Pages of this type first published in the year, in the Chinese tree, not aliases."""
    return model.objects.filter(
        locale=Locale.get_default(), alias_of__isnull=True, first_published_at__year=year
    )


def _message_figures(year: int) -> list[tuple[str, int | str | None]]:
    messages = Message.objects.valid().filter(received_at__year=year)
    answered = list(messages.filter(replied_at__isnull=False).values_list("received_at", "replied_at"))
    days = [
        working_days_between(as_local_date(received), as_local_date(replied))
        for received, replied in answered
    ]
    average = f"{sum(days) / len(days):.1f}" if days else "0"
    return [
        (_("留言办理：收到留言数量（条）"), messages.count()),
        (_("留言办理：办结留言数量（条）"), len(answered)),
        (_("留言办理：平均办理时间（工作日）"), average),
        (_("留言办理：公开答复数量（条）"), messages.public().filter(replied_at__isnull=False).count()),
    ]


def count_website(year: int) -> dict:
    """Every counted figure of the year's website report, as stored on the report."""
    documents = _published_in(GovernmentDocumentPage, year)
    columns = ColumnPage.objects.filter(locale=Locale.get_default(), alias_of__isnull=True).live()
    consultations = _published_in(ConsultationPage, year)
    security = AuditEntry.objects.filter(time__year=year)
    sections = [
        (
            _("信息发布"),
            [
                (_("总数（条）"), documents.count()),
                (
                    _("其中：政策文件（行政规范性文件）数量（条）"),
                    documents.filter(is_normative=True).count(),
                ),
                (_("栏目数量（个）"), columns.count()),
            ],
        ),
        (
            _("解读回应"),
            [
                (_("解读信息发布：总数（条）"), _published_in(InterpretationPage, year).count()),
                (_("回应公众关注热点或重大舆情数量（次）"), None),
            ],
        ),
        (
            _("办事服务"),
            [
                (_("发布服务事项目录"), None),
                (_("注册用户数（个）"), None),
                (_("政务服务事项数量（项）"), None),
            ],
        ),
        (
            _("互动交流"),
            [
                (_("征集调查：征集调查期数（期）"), consultations.count()),
                (
                    _("征集调查：收到意见数量（条）"),
                    Opinion.objects.valid().filter(submitted_at__year=year).count(),
                ),
                (
                    _("征集调查：公布调查结果期数（期）"),
                    ConsultationOutcome.objects.filter(published_at__year=year).count(),
                ),
                *_message_figures(year),
            ],
        ),
        (
            _("安全防护"),
            [
                (_("审计日志记录的安全事件（次）"), security.filter(action__in=SECURITY_EVENTS).count()),
                (_("其中：账号锁定（次）"), security.filter(action=AuditAction.LOCKOUT).count()),
                (_("权限变更记录（次）"), security.filter(action=AuditAction.PERMISSION_CHANGED).count()),
            ],
        ),
        (
            _("站内搜索"),
            [(_("是否提供站内搜索"), _("是（中文分词、拼音和同义词检索）"))],
        ),
    ]
    return {
        "year": year,
        "sections": [
            {"title": title, "rows": [{"label": label, "value": value} for label, value in rows]}
            for title, rows in sections
        ],
    }


def _text(value) -> str:
    return _("未统计") if value is None or value == "" else str(value)


def website_rows(report: WebsiteReport) -> list[tuple[str, list[tuple[str, str]]]]:
    """The report's rows in order: the entered site information first, then the counted sections."""
    entered = [
        (
            _("网站基本信息"),
            [
                (_("网站名称"), report.site_name),
                (_("首页网址"), report.site_address),
                (_("主办单位"), report.host),
                (_("网站类型"), _("政府门户网站")),
                (_("政府网站标识码"), _text(report.site_code)),
                (_("ICP备案编号"), _text(report.icp_number)),
                (_("公安机关备案号"), _text(report.police_number)),
                (_("独立用户访问总量（个）"), _text(report.unique_visitors)),
                (_("网站总访问量（次）"), _text(report.page_views)),
            ],
        )
    ]
    counted = [
        (section["title"], [(row["label"], _text(row["value"])) for row in section["rows"]])
        for section in report.figures.get("sections", [])
    ]
    extra = [
        (_("移动新媒体"), [(_("政务新媒体账号数（个）"), _text(report.new_media_accounts))]),
        (_("创新发展"), [(_("创新做法"), report.innovation or _("无"))]),
    ]
    return entered + counted + extra


def recount_website(report: WebsiteReport) -> WebsiteReport:
    report.figures = count_website(report.year)
    report.counted_at = timezone.now()
    report.save(update_fields=["figures", "counted_at"])
    return report
