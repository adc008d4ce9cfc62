"""Applications for government information (依申请公开), their clocks, notices and replies.

An application belongs to one unit, the one that received it ("谁受理、谁办理"); a transfer to
another unit is an event with a reason. Its state moves only through `foi/services.py`, which
checks every transition, counts the clocks on the shared working-day calendar and logs an event
for each step. Nothing of an application is public: only the handling unit's staff and the county
administrators see it in the admin, and the applicant sees its status by 查询码 plus the last four
digits of the ID number or phone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.models import Unit

from .replies import ReplyType

DESCRIPTION_MAX_LENGTH = 2000


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("公民")
    ORGANISATION = "organisation", _("法人或其他组织")


class OrganisationKind(models.TextChoices):
    """The five columns of Table 三 under 法人或其他组织."""

    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class IdKind(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", _("台湾居民来往大陆通行证")
    FOREIGN_RESIDENCE = "foreign_residence", _("外国人永久居留身份证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    OTHER = "other", _("其他有效证件")


class Channel(models.TextChoices):
    """How the application arrived; each fixes its receipt date differently (条例 Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    SIGNED_MAIL = "signed_mail", _("邮政快递等需签收的信函")
    ORDINARY_LETTER = "ordinary_letter", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


# What Art. 31 says the receipt date is, per channel: shown beside the date staff enter.
RECEIPT_RULES = {
    Channel.ONLINE: _("网上申请：以双方确认之日为收到申请之日（系统生成回执之日）。"),
    Channel.IN_PERSON: _("当面提交：以提交之日为收到申请之日。"),
    Channel.SIGNED_MAIL: _("以邮寄方式提交需签收的：以本机关签收之日为收到申请之日。"),
    Channel.ORDINARY_LETTER: _("以平常信函等无需签收的方式提交的：以本机关与申请人确认之日为收到申请之日。"),
    Channel.FAX: _("通过传真提交的：以双方确认之日为收到申请之日。"),
    Channel.EMAIL: _("通过电子邮件提交的：以双方确认之日为收到申请之日。"),
}


class DeliveryMethod(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICK_UP = "pick_up", _("自行领取")
    ON_SITE = "on_site", _("当场查阅、抄录")


class Carrier(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class State(models.TextChoices):
    RECEIVED = "received", _("已接收，待审查")
    CORRECTION = "correction", _("待补正")
    IN_PROGRESS = "in_progress", _("办理中")
    CONSULTATION = "consultation", _("征求第三方或其他机关意见中")
    FEE_NOTICE = "fee_notice", _("待缴纳信息处理费")
    REVIEW = "review", _("保密审查中")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("已归档")


# States in which the 20-working-day reply clock runs.
CLOCK_RUNNING = (State.RECEIVED, State.IN_PROGRESS, State.REVIEW)
# States after the reply: nothing is due any more.
CLOSED = (State.REPLIED, State.ARCHIVED)


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: one method per application."""

    PER_APPLICATION = "per_application", _("按件计收")
    PER_PAGE = "per_page", _("按量计收")


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.exclude(state__in=CLOSED)

    def overdue(self, today=None) -> ApplicationQuerySet:
        """Open applications whose current due date has passed (their clock runs)."""
        today = today or timezone.localdate()
        return self.filter(state__in=CLOCK_RUNNING, due_on__lt=today)

    def in_year(self, year: int) -> ApplicationQuerySet:
        return self.filter(received_on__year=year)


class Application(models.Model):
    """One application for government information, from receipt to archive."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("办理单位"),
        on_delete=models.PROTECT,
        related_name="foi_applications",
        help_text=_("谁受理、谁办理；转交其他单位须说明理由，并记入办理记录。"),
    )
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, editable=False)
    # The register number, per unit and year: 2026 年第 3 件.
    year = models.PositiveIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("登记序号"), editable=False)

    # --- the applicant -------------------------------------------------------------------------
    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantKind.choices)
    organisation_kind = models.CharField(
        _("组织类型"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("法人或其他组织必填，按年度报告的五类统计。"),
    )
    name = models.CharField(_("姓名或名称"), max_length=100)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    id_kind = models.CharField(_("证件类型"), max_length=20, choices=IdKind.choices)
    id_number = models.CharField(
        _("证件号码"),
        max_length=40,
        help_text=_("居民身份证按 GB 11643 校验，统一社会信用代码按 GB 32100 校验。"),
    )
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    id_copy = models.FileField(
        _("身份证明复印件"),
        upload_to="foi/identity/%Y/%m/",
        blank=True,
        help_text=_("仅办理单位工作人员可见，不在任何公开页面出现。"),
    )

    # --- what is asked for ---------------------------------------------------------------------
    description = models.TextField(
        _("所需信息的内容描述"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("尽量具体：信息的名称、形成时间、涉及事项等。"),
    )
    document_title = models.CharField(_("信息名称"), max_length=200, blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    index_number = models.CharField(_("索引号"), max_length=100, blank=True)
    purpose = models.TextField(_("用途"), blank=True, help_text=_("选填：条例不再要求说明用途。"))
    delivery_method = models.CharField(_("获取方式"), max_length=20, choices=DeliveryMethod.choices)
    carrier = models.CharField(_("载体形式"), max_length=20, choices=Carrier.choices)

    # --- receipt (Art. 31) ---------------------------------------------------------------------
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField(
        _("收到申请日期"), help_text=_("按条例第三十一条确定，见申请方式下的说明。")
    )
    submitted_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("工作人员代为登记的信函、传真、当面或电子邮件申请；网上申请为空。"),
    )

    # --- the clocks (working days, workdays/services.py) ---------------------------------------
    state = models.CharField(_("办理状态"), max_length=20, choices=State.choices, default=State.RECEIVED)
    clock_start = models.DateField(
        _("答复期限起算日"),
        help_text=_("收到申请之日，补正的为收到补正之日；当日不计入。"),
    )
    paused_working_days = models.PositiveIntegerField(
        _("不计入期限的工作日"),
        default=0,
        help_text=_(
            "征求第三方或其他机关意见、等待缴费所用的工作日（条例第三十二条、第三十四条、第四十二条）。"
        ),
    )
    extension_days = models.PositiveIntegerField(_("延长工作日"), default=0)
    due_on = models.DateField(_("答复截止日"), null=True, blank=True, db_index=True)
    pause_started_on = models.DateField(_("暂停起始日"), null=True, blank=True)
    pause_due_on = models.DateField(
        _("暂停截止日"),
        null=True,
        blank=True,
        help_text=_("补正期限、征求意见期限或缴费期限，视状态而定。"),
    )

    # --- fees (国办函〔2020〕109号) -------------------------------------------------------------
    fee_method = models.CharField(_("计收方式"), max_length=20, choices=FeeMethod.choices, blank=True)
    fee_pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    fee_amount = models.DecimalField(
        _("收费金额（元）"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    # --- the reply (Art. 36) -------------------------------------------------------------------
    reply_type = models.CharField(_("答复类型"), max_length=30, choices=ReplyType.choices, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    reply_reason = models.TextField(_("理由与说明"), blank=True)
    already_public_at = models.CharField(
        _("已主动公开的获取途径"),
        max_length=300,
        blank=True,
        help_text=_("已主动公开的信息，告知申请人获取的方式和途径（如网址）。"),
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保密审查人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A reminder or escalation already sent for this due date goes out once (tasks.py).
    reminded_for = models.JSONField(_("已发送提醒"), default=dict, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "sequence"], name="foi_unique_register_number"),
        ]

    def __str__(self) -> str:
        return f"{self.register_number} {self.name}"

    @property
    def register_number(self) -> str:
        return _("依申请〔%(year)d〕%(sequence)d号") % {"year": self.year, "sequence": self.sequence}

    @property
    def masked_id_number(self) -> str:
        """The ID number with all but the first 3 and last 4 characters hidden, for listings."""
        number = self.id_number
        if len(number) <= 7:
            return "*" * len(number)
        return number[:3] + "*" * (len(number) - 7) + number[-4:]

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED


class EventKind(models.TextChoices):
    RECEIVED = "received", _("接收登记")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTED = "corrected", _("收到补正")
    ACCEPTED = "accepted", _("受理办理")
    CONSULTATION_STARTED = "consultation_started", _("征求意见")
    CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
    EXTENDED = "extended", _("延期答复")
    FEE_NOTIFIED = "fee_notified", _("收费通知")
    FEE_PAID = "fee_paid", _("缴费")
    TRANSFERRED = "transferred", _("转交其他单位")
    SUBMITTED_FOR_REVIEW = "submitted_for_review", _("提交保密审查")
    REVIEW_APPROVED = "review_approved", _("保密审查通过")
    REVIEW_REJECTED = "review_rejected", _("保密审查退回")
    REPLIED = "replied", _("答复")
    ARCHIVED = "archived", _("归档")
    REMINDED = "reminded", _("到期提醒")
    ESCALATED = "escalated", _("逾期报县政务公开办")
    PROPOSED_FOR_DISCLOSURE = "proposed_for_disclosure", _("转为主动公开")


class ApplicationEvent(models.Model):
    """One step in an application's handling: who, when, why. Never edited or deleted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    on = models.DateField(_("日期"), help_text=_("事项发生之日，计算期限所用。"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    from_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("此后的截止日"), null=True, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class NoticeKind(models.TextChoices):
    """The standard set of documents (宿迁 pilot, 宿政办函〔2021〕21号), each numbered per unit and year."""

    RECEIPT = "receipt", _("政府信息公开申请接收回执")
    CORRECTION = "correction", _("政府信息公开申请补正告知书")
    EXTENSION = "extension", _("政府信息公开申请延期答复告知书")
    THIRD_PARTY = "third_party", _("政府信息公开征求第三方意见书")
    FEE = "fee", _("政府信息公开信息处理费收费通知书")
    REPLY = "reply", _("政府信息公开申请答复书")


# The letters of each notice's number: 盈平公复〔2026〕3号 is the unit's abbreviation plus these.
NOTICE_NUMBER_LETTERS = {
    NoticeKind.RECEIPT: "公收",
    NoticeKind.CORRECTION: "公补",
    NoticeKind.EXTENSION: "公延",
    NoticeKind.THIRD_PARTY: "公征",
    NoticeKind.FEE: "公费",
    NoticeKind.REPLY: "公复",
}


class Notice(models.Model):
    """A letter issued for an application; its text is generated from the records (letters.py)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    kind = models.CharField(_("文书"), max_length=20, choices=NoticeKind.choices)
    year = models.PositiveIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    issued_on = models.DateField(_("出具日期"))
    # For a third-party consultation: whom it is addressed to.
    addressee = models.CharField(_("送达对象"), max_length=200, blank=True)
    # What the letter says beyond the records: the items to correct, the extension's reason, …
    details = models.TextField(_("告知事项"), blank=True)
    due_on = models.DateField(_("期限"), null=True, blank=True)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "sequence"], name="foi_unique_notice_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def number(self) -> str:
        prefix = self.unit.short_name or self.unit.name
        return f"{prefix}{NOTICE_NUMBER_LETTERS[self.kind]}〔{self.year}〕{self.sequence}号"


class ReplyFile(models.Model):
    """The information itself, attached to the reply: a private file for the applicant only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reply_files")
    title = models.CharField(_("名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="foi/replies/%Y/%m/")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    DIRECT_SUIT = "direct_suit", _("行政诉讼：未经复议直接起诉")
    SUIT_AFTER_RECONSIDERATION = "suit_after_reconsideration", _("行政诉讼：复议后起诉")


class AppealOutcome(models.TextChoices):
    """The four result columns of Table 四 (尚未审结 until a decision is entered)."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 brought against the unit over an application (条例 Art. 51), as the unit
    records it for Table 四 of its annual report."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("被申请人（本单位）"), on_delete=models.PROTECT, related_name="foi_appeals"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("涉及的申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        help_text=_("复议或诉讼所针对的本单位政府信息公开申请。"),
    )
    kind = models.CharField(_("类型"), max_length=30, choices=AppealKind.choices)
    case_number = models.CharField(
        _("案号"), max_length=100, blank=True, help_text=_("复议决定书或判决书的编号。")
    )
    filed_on = models.DateField(_("受理日期"), help_text=_("复议机关或法院受理之日；按此日期计入年度报告。"))
    outcome = models.CharField(
        _("结果"), max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    decided_on = models.DateField(
        _("审结日期"), null=True, blank=True, help_text=_("作出复议决定或判决之日；尚未审结的留空。")
    )
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"

    def outcome_on(self, day) -> str:
        """The result as it stood on `day` (the report counts it at the end of its year)."""
        if self.outcome == AppealOutcome.PENDING or self.decided_on is None or self.decided_on > day:
            return AppealOutcome.PENDING
        return self.outcome


from .pages import ApplicationPage, CountyApplicationPage  # noqa: E402, F401
