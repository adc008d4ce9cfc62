"""Staff forms of the 依申请公开 admin: registering an application received offline, and one form per
step of its handling (foi/admin_views.py). The forms only check what a form can check (a field
left empty, a date in the future, a number out of range); whether the step is allowed now is the
service's decision (foi/services.py), whose `TransitionRefused` the view shows on the form.

The registration's applicant fields are the public form's own (foi/forms.py,
`ApplicantFieldsForm`), with its checks (`clean_applicant`, `check_id_copy`): staff registration
refuses exactly what the online form refuses, with the same messages.
"""

from __future__ import annotations

import copy

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from sites.models import Unit
from sites.tenancy import units_for_user

from .forms import ApplicantFieldsForm, clean_applicant
from .models import RECEIPT_RULES, Appeal, AppealOutcome, Application, Channel, FeeMethod
from .replies import REASON_REQUIRED, REPLY_KINDS, ReplyType

# The applicant and what is asked for: the public form's fields (foi/forms.py).
APPLICANT_FIELDS = [
    "applicant_kind",
    "organisation_kind",
    "name",
    "legal_representative",
    "contact_person",
    "id_kind",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "id_copy",
    "description",
    "document_title",
    "document_number",
    "index_number",
    "purpose",
    "delivery_method",
    "carrier",
]


def _name_fields_in_messages(form: forms.BaseForm, only: tuple[str, ...] = ()) -> None:
    """Every message names its field: "请填写证件号码。", not "这个字段是必填项。"."""
    for name, field in form.fields.items():
        if only and name not in only:
            continue
        label = {"label": field.label}
        messages = field.error_messages
        if field.required:
            messages["required"] = _("请填写%(label)s。") % label
        if isinstance(field, forms.IntegerField):
            # %% keeps Django's own placeholder for the limit.
            messages["invalid"] = _("%(label)s请填写整数。") % label
            messages["min_value"] = _("%(label)s不能小于 %%(limit_value)s。") % label
            messages["max_value"] = _("%(label)s不能大于 %%(limit_value)s。") % label
        elif isinstance(field, forms.DateField):
            messages["invalid"] = _("%(label)s的日期格式不正确，请按“2026-01-05”填写。") % label


def _not_in_future(value, label):
    if value and value > timezone.localdate():
        raise forms.ValidationError(
            _("%(label)s不能晚于今天（%(today)s）。") % {"label": label, "today": timezone.localdate()}
        )
    return value


def check_upload(upload, *, label, extensions, max_bytes) -> None:
    """A file of an allowed type and size, else a message naming the field, the type and the limit."""
    if not upload:
        return
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in extensions:
        raise forms.ValidationError(
            _("%(label)s只接受 %(allowed)s 文件，“%(name)s”不是。")
            % {"label": label, "allowed": "、".join(extensions), "name": upload.name}
        )
    if upload.size > max_bytes:
        raise forms.ValidationError(
            _("%(label)s不能超过 %(limit)d MB（“%(name)s”为 %(size).1f MB）。")
            % {
                "label": label,
                "limit": max_bytes // (1024 * 1024),
                "name": upload.name,
                "size": upload.size / (1024 * 1024),
            }
        )


def channel_choices() -> list[tuple[str, str]]:
    """The offline channels, each with the receipt date Art. 31 fixes for it."""
    choices = []
    for value, label in Channel.choices:
        if value != Channel.ONLINE:
            rule = str(RECEIPT_RULES[value]).split("：", 1)[-1]
            choices.append((value, f"{label}：{rule}"))
    return choices


class RegistrationForm(WagtailAdminModelForm):
    """An application received by letter, fax, in person or e-mail, entered by the unit's staff."""

    class Meta:
        model = Application
        fields = ["unit", "channel", "received_on", *APPLICANT_FIELDS]
        widgets = {"unit": forms.Select, "channel": forms.RadioSelect, "received_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The online form's fields: labels, help, choices and messages.
        for name in APPLICANT_FIELDS:
            self.fields[name] = copy.deepcopy(ApplicantFieldsForm.base_fields[name])
        user = self.for_user
        # Re-checked on the server: a unit posted by id that is not the user's is an invalid choice.
        self.fields["unit"].queryset = (
            units_for_user(user).active().order_by("sort_order", "name") if user else Unit.objects.none()
        )
        self.fields["unit"].error_messages["invalid_choice"] = _("所选办理单位不存在或不属于您的单位。")
        self.fields["channel"].choices = channel_choices()
        self.fields["channel"].initial = Channel.ORDINARY_LETTER
        self.fields["received_on"].required = True
        _name_fields_in_messages(self, only=("unit", "channel", "received_on"))
        if self.fields["unit"].queryset.count() == 1:
            self.fields["unit"].initial = self.fields["unit"].queryset.get().pk

    def clean_received_on(self):
        return _not_in_future(self.cleaned_data.get("received_on"), self.fields["received_on"].label)

    clean_phone = ApplicantFieldsForm.clean_phone
    clean_postcode = ApplicantFieldsForm.clean_postcode
    clean_id_copy = ApplicantFieldsForm.clean_id_copy

    def clean(self):
        cleaned = super().clean()
        clean_applicant(self, cleaned)
        return cleaned

    @property
    def file_to_choose_again(self) -> bool:
        return self.is_bound and bool(self.errors) and bool(self.files.get("id_copy"))

    def applicant_input(self):
        data = self.cleaned_data
        return ApplicantFieldsForm.applicant_input(
            self, data["unit"], channel=data["channel"], received_on=data["received_on"]
        )


# --- the steps of handling ------------------------------------------------------------------


class ActionForm(forms.Form):
    """One step of the handling page; `action` is the name `services.allowed_actions` gives."""

    action: str = ""
    title = ""
    submit_label = _("确定")
    button_class = "button"
    # Shown above the form: what the step does and what it issues.
    help = ""

    def __init__(self, *args, application=None, user=None, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)
        self.application, self.user = application, user
        _name_fields_in_messages(self)

    def service_kwargs(self) -> dict:
        """The keyword arguments of the service function, from the cleaned data."""
        return dict(self.cleaned_data)


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=AdminDateInput, help_text=help_text)


def _working_days(label, initial, *, minimum=1, maximum=60, help_text=""):
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=minimum,
        max_value=maximum,
        help_text=help_text,
    )


class DatedActionForm(ActionForm):
    """A step that happened on a day (default today), which may not lie in the future."""

    on = _date_field(_("日期"), required=False, help_text=_("留空为今天。"))

    def clean_on(self):
        return _not_in_future(self.cleaned_data.get("on"), self.fields["on"].label)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("on"):
            data.pop("on", None)
        return data


class RequestCorrectionForm(DatedActionForm):
    action = "request_correction"
    title = _("告知补正")
    submit_label = _("出具补正告知书")
    help = _("申请内容不明确的，应在收到申请之日起 7 个工作日内一次性告知补正（条例第三十条）。")
    items = forms.CharField(
        label=_("需要补正的事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("一次性写明需要补正的全部事项和要求。"),
    )
    working_days = _working_days(_("补正期限"), 15, help_text=_("工作日，默认 15 个。"))


class RecordCorrectionForm(ActionForm):
    action = "record_correction"
    title = _("收到补正")
    submit_label = _("登记补正")
    help = _("答复期限自收到补正之日起重新计算。")
    on = _date_field(_("收到补正日期"))
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_on(self):
        return _not_in_future(self.cleaned_data.get("on"), self.fields["on"].label)


class AcceptForm(DatedActionForm):
    action = "accept"
    title = _("受理办理")
    submit_label = _("受理")


class StartConsultationForm(DatedActionForm):
    action = "start_consultation"
    title = _("征求第三方或其他机关意见")
    submit_label = _("出具征求意见书")
    help = _("征求意见所需时间不计入答复期限（条例第三十二条、第三十四条）。")
    addressee = forms.CharField(label=_("征求意见对象"), max_length=200)
    working_days = _working_days(_("答复意见期限"), 15, help_text=_("工作日，默认 15 个。"))


class EndConsultationForm(DatedActionForm):
    action = "end_consultation"
    title = _("征求意见结束")
    submit_label = _("登记征求意见结果")
    note = forms.CharField(label=_("意见情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(DatedActionForm):
    action = "extend"
    title = _("延期答复")
    submit_label = _("出具延期答复告知书")
    help = _(
        "需要延长答复期限的，经政府信息公开工作机构负责人同意，可以延长一次，最长不超过 20 个工作日（条例第三十三条）。"
    )
    working_days = _working_days(_("延长工作日"), 20, maximum=20)
    approver = forms.CharField(label=_("批准人"), max_length=100, help_text=_("政府信息公开工作机构负责人。"))
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class FeeNoticeForm(DatedActionForm):
    action = "notify_fee"
    title = _("收费通知")
    submit_label = _("出具收费通知书")
    help = _(
        "按国办函〔2020〕109号计收信息处理费；自出具通知至缴费之日不计入答复期限，缴费期限不少于 20 个工作日。"
    )
    method = forms.ChoiceField(label=_("计收方式"), choices=FeeMethod.choices, widget=forms.RadioSelect)
    pages = forms.IntegerField(label=_("页数"), required=False, min_value=1, help_text=_("按量计收时必填。"))
    working_days = _working_days(_("缴费期限"), 20, minimum=20, help_text=_("工作日，不少于 20 个。"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == FeeMethod.PER_PAGE and not cleaned.get("pages"):
            self.add_error("pages", _("按量计收请填写页数。"))
        return cleaned


class RecordPaymentForm(ActionForm):
    action = "record_payment"
    title = _("登记缴费")
    submit_label = _("登记缴费")
    help = _("答复期限自缴费之日起恢复计算。")
    on = _date_field(_("缴费日期"))

    def clean_on(self):
        return _not_in_future(self.cleaned_data.get("on"), self.fields["on"].label)


class TransferForm(ActionForm):
    action = "transfer"
    title = _("转交其他单位")
    submit_label = _("转交")
    button_class = "button button-secondary"
    help = _("申请应由其他单位办理的，转交须说明理由，并记入办理记录。")
    to_unit = forms.ModelChoiceField(
        label=_("转交至"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("所选单位不存在或已停用。")},
    )
    reason = forms.CharField(label=_("转交理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any active unit of the county, the handling one excepted: "谁受理、谁办理" moves with it.
        units = Unit.objects.active().order_by("sort_order", "name")
        if self.application is not None:
            units = units.exclude(pk=self.application.unit_id)
        self.fields["to_unit"].queryset = units


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReplyTypeSelect(forms.Select):
    """Each option carries its default legal basis, which foi/static/foi/reply-form.js fills in."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        kind = REPLY_KINDS.get(value)
        if kind is not None:
            option["attrs"]["data-basis"] = str(kind.basis)
        return option


def reply_type_choices() -> list[tuple[str, str]]:
    """The reply types as Table 三 numbers them: "（三）4 不予公开：保护第三方合法权益"."""
    return [("", "---------")] + [
        (value, f"{REPLY_KINDS[value].row} {label}") for value, label in ReplyType.choices
    ]


class DraftReplyForm(ActionForm):
    action = "draft_reply"
    title = _("拟定答复")
    submit_label = _("提交答复")
    help = _("予以公开、部分公开的答复先经本单位审核人员保密审查，通过后出具答复书；其他类型直接出具答复书。")
    reply_type = forms.ChoiceField(
        label=_("答复类型"),
        widget=ReplyTypeSelect(attrs={"data-foi-reply-type": ""}),
        help_text=_("即年度报告表三的一行。"),
    )
    legal_basis = forms.CharField(
        label=_("法律依据"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"data-foi-legal-basis": ""}),
        help_text=_("留空则使用所选答复类型的默认依据。"),
    )
    reason = forms.CharField(
        label=_("理由与说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("部分公开、不予公开和“其他处理：其他”须说明理由。"),
    )
    already_public_at = forms.CharField(
        label=_("已主动公开的获取途径"), max_length=300, required=False, help_text=_("如网址。")
    )
    files = MultipleFileField(
        label=_("答复附件"),
        required=False,
        help_text=_("提供给申请人的政府信息；仅申请人凭查询码和本单位工作人员可下载。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_type"].choices = reply_type_choices()
        self.fields["reply_type"].error_messages["invalid_choice"] = _("请选择表三中的一种答复类型。")
        # The default basis of each type, also for a browser without scripts.
        self.default_bases = [
            (f"{kind.row} {ReplyType(value).label}", kind.basis) for value, kind in REPLY_KINDS.items()
        ]

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        extensions = tuple(extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS)
        for upload in uploads:
            check_upload(
                upload,
                label=self.fields["files"].label,
                extensions=extensions,
                max_bytes=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
            )
        return uploads

    def clean(self):
        cleaned = super().clean()
        reply_type = cleaned.get("reply_type")
        if reply_type in REASON_REQUIRED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("“%(type)s”须说明理由。") % {"type": ReplyType(reply_type).label})
        if reply_type and not (cleaned.get("legal_basis") or "").strip():
            cleaned["legal_basis"] = str(REPLY_KINDS[reply_type].basis)
        return cleaned

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        uploads = data.pop("files", [])
        data["files"] = [(upload.name.rsplit(".", 1)[0] or upload.name, upload) for upload in uploads]
        return data


class ApproveReplyForm(ActionForm):
    action = "approve_reply"
    title = _("保密审查通过")
    submit_label = _("审查通过并出具答复书")
    help = _("由本单位审核人员审查，拟稿人不能审查自己拟定的答复。")


class RejectReplyForm(ActionForm):
    action = "reject_reply"
    title = _("保密审查退回")
    submit_label = _("退回修改")
    button_class = "button button-secondary"
    note = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 2}))


class ArchiveForm(ActionForm):
    action = "archive"
    title = _("归档")
    submit_label = _("归档")
    button_class = "button button-secondary"


class ProposeForm(ActionForm):
    action = "propose_for_disclosure"
    title = _("转为主动公开")
    submit_label = _("起草主动公开文件")
    button_class = "button button-secondary"
    help = _("多个申请人申请公开相同政府信息、且可以公开的，可以纳入主动公开范围（条例第四十四条）。")


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        RequestCorrectionForm,
        RecordCorrectionForm,
        AcceptForm,
        StartConsultationForm,
        EndConsultationForm,
        ExtendForm,
        FeeNoticeForm,
        RecordPaymentForm,
        TransferForm,
        DraftReplyForm,
        ApproveReplyForm,
        RejectReplyForm,
        ArchiveForm,
        ProposeForm,
    )
}


class AppealForm(WagtailAdminModelForm):
    """A 行政复议 or 行政诉讼 case: the unit and the application are the user's own, re-checked here."""

    class Meta:
        model = Appeal
        fields = ["unit", "application", "kind", "case_number", "filed_on", "outcome", "decided_on", "note"]
        widgets = {"unit": forms.Select, "filed_on": AdminDateInput, "decided_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        units = units_for_user(user).order_by("sort_order", "name") if user else Unit.objects.none()
        self.fields["unit"].queryset = units
        self.fields["unit"].error_messages["invalid_choice"] = _("所选单位不存在或不属于您的单位。")
        self.fields["application"].queryset = Application.objects.filter(unit__in=units).order_by(
            "-year", "-sequence"
        )
        self.fields["application"].error_messages["invalid_choice"] = _("所选申请不存在或不属于您的单位。")
        self.fields["application"].label_from_instance = lambda application: (
            f"{application.register_number} {application.name}"
        )
        if units.count() == 1:
            self.fields["unit"].initial = units.get().pk

    def clean(self):
        cleaned = super().clean()
        unit, application = cleaned.get("unit"), cleaned.get("application")
        if unit and application and application.unit_id != unit.pk:
            self.add_error("application", _("所选申请不是由该单位办理的。"))
        filed_on, decided_on, outcome = (
            cleaned.get("filed_on"),
            cleaned.get("decided_on"),
            cleaned.get("outcome"),
        )
        today = timezone.localdate()
        if filed_on and filed_on > today:
            self.add_error("filed_on", _("受理日期不能晚于今天。"))
        if decided_on and decided_on > today:
            self.add_error("decided_on", _("审结日期不能晚于今天。"))
        if filed_on and decided_on and decided_on < filed_on:
            self.add_error("decided_on", _("审结日期不能早于受理日期。"))
        if outcome == AppealOutcome.PENDING and decided_on:
            self.add_error("outcome", _("已填写审结日期，请选择复议或诉讼的结果。"))
        if outcome and outcome != AppealOutcome.PENDING and not decided_on:
            self.add_error("decided_on", _("已审结的案件请填写审结日期。"))
        return cleaned
