"""The applicant's forms: the online application (依申请公开) and the look-up by 查询码.

The checks of the applicant and of what is asked for live in `ApplicantFieldsForm` (and the
plain functions `clean_applicant` and `check_id_copy`), so that the staff's registration of a
letter, fax, in-person or e-mail application (admin_forms.py) refuses exactly what the online
form refuses, with the same Chinese messages. The public `ApplicationForm` adds the abuse checks
(honeypot, fill time) and the privacy consent.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.forms import AbuseCheckedForm, clean_phone_value

from .models import (
    DESCRIPTION_MAX_LENGTH,
    ApplicantKind,
    Carrier,
    Channel,
    DeliveryMethod,
    IdKind,
    OrganisationKind,
)
from .services import ApplicantInput
from .validators import validate_applicant_id

DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# Which documents identify which kind of applicant.
CITIZEN_ID_KINDS = (
    IdKind.RESIDENT_ID,
    IdKind.PASSPORT,
    IdKind.HK_MACAO_PERMIT,
    IdKind.TAIWAN_PERMIT,
    IdKind.FOREIGN_RESIDENCE,
    IdKind.OTHER,
)
ORGANISATION_ID_KINDS = (IdKind.CREDIT_CODE, IdKind.OTHER)

# The ID copy: the file's first bytes decide its type, not its name (a renamed .exe stays out).
ID_COPY_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
POSTCODE = re.compile(r"^\d{6}$")


def upload_max_bytes() -> int:
    return int(getattr(settings, "FOI_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def check_id_copy(upload) -> None:
    """Refuse an ID copy that is not a PDF, JPG or PNG by its content, or is over the size limit."""
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    if extension not in ID_COPY_SIGNATURES:
        raise ValidationError(
            _("身份证明复印件只能上传 PDF、JPG 或 PNG 文件，“%(name)s”的类型不被允许。"),
            code="id_copy_type",
            params={"name": upload.name},
        )
    limit = upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("身份证明复印件不能超过 %(limit)s MB（所选文件为 %(size)s MB）。"),
            code="id_copy_size",
            params={"limit": _megabytes(limit), "size": _megabytes(upload.size)},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in ID_COPY_SIGNATURES[extension]):
        raise ValidationError(
            _("身份证明复印件的内容不是 PDF、JPG 或 PNG 文件（只改文件扩展名无效），请重新选择。"),
            code="id_copy_content",
        )


def clean_applicant(form: forms.BaseForm, cleaned: dict) -> None:
    """The checks that depend on more than one field, as errors on the field at fault."""
    kind = cleaned.get("applicant_kind")
    id_kind = cleaned.get("id_kind")
    if kind == ApplicantKind.ORGANISATION:
        if not cleaned.get("organisation_kind"):
            form.add_error("organisation_kind", _("法人或其他组织请选择组织类型。"))
        if not (cleaned.get("legal_representative") or "").strip():
            form.add_error("legal_representative", _("法人或其他组织请填写法定代表人或负责人。"))
        if id_kind and id_kind not in ORGANISATION_ID_KINDS:
            form.add_error("id_kind", _("法人或其他组织的证件类型应为统一社会信用代码或其他有效证件。"))
            id_kind = None
    elif kind == ApplicantKind.CITIZEN:
        # Not counted in an organisation's column of the annual report.
        cleaned["organisation_kind"] = ""
        if id_kind and id_kind not in CITIZEN_ID_KINDS:
            form.add_error("id_kind", _("公民的证件类型不能是统一社会信用代码，请选择身份证件。"))
            id_kind = None
    number = cleaned.get("id_number")
    if id_kind and number:
        number = number.strip()
        if id_kind in (IdKind.RESIDENT_ID, IdKind.CREDIT_CODE):
            number = number.upper()
        try:
            validate_applicant_id(id_kind, number)
        except ValidationError as error:
            form.add_error("id_number", error)
        else:
            cleaned["id_number"] = number
    if cleaned.get("delivery_method") == DeliveryMethod.POST:
        if not (cleaned.get("address") or "").strip():
            form.add_error("address", _("选择邮寄的，请填写通信地址。"))
    if cleaned.get("delivery_method") == DeliveryMethod.EMAIL and "email" in cleaned and not cleaned["email"]:
        form.add_error("email", _("选择通过电子邮件获取的，请填写电子邮箱。"))


def _required(message: str) -> dict:
    return {"required": message}


class ApplicantFieldsForm(forms.Form):
    """The applicant and what they ask for (条例第二十九条), with every check; no abuse checks."""

    applicant_kind = forms.ChoiceField(
        label=gettext_lazy("申请人类型"),
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("请选择申请人类型：公民，或法人或其他组织。")),
    )
    organisation_kind = forms.ChoiceField(
        label=gettext_lazy("组织类型"),
        choices=[("", gettext_lazy("（法人或其他组织请选择）")), *OrganisationKind.choices],
        required=False,
        help_text=gettext_lazy("法人或其他组织必填。"),
    )
    name = forms.CharField(
        label=gettext_lazy("姓名或名称"),
        max_length=100,
        help_text=gettext_lazy("公民填写姓名；法人或其他组织填写全称。"),
        error_messages=_required(gettext_lazy("请填写申请人的姓名或名称。")),
    )
    legal_representative = forms.CharField(
        label=gettext_lazy("法定代表人或负责人"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("法人或其他组织必填。"),
    )
    contact_person = forms.CharField(
        label=gettext_lazy("联系人"), max_length=50, required=False, help_text=gettext_lazy("选填。")
    )
    id_kind = forms.ChoiceField(
        label=gettext_lazy("证件类型"),
        choices=[("", gettext_lazy("（请选择）")), *IdKind.choices],
        help_text=gettext_lazy("公民选择身份证件；法人或其他组织一般选择统一社会信用代码。"),
        error_messages=_required(gettext_lazy("请选择证件类型。")),
    )
    id_number = forms.CharField(
        label=gettext_lazy("证件号码"),
        max_length=40,
        help_text=gettext_lazy("居民身份证 18 位、统一社会信用代码 18 位，均按国家标准核对校验位。"),
        error_messages=_required(gettext_lazy("请填写证件号码。")),
    )
    phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=30,
        help_text=gettext_lazy("手机号或带区号的固定电话，用于联系和查询。"),
        error_messages=_required(gettext_lazy("请填写联系电话。")),
    )
    email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        required=False,
        max_length=254,
        help_text=gettext_lazy("选填；填写后，回执和办理结果会同时发送到此邮箱。"),
        error_messages={
            "invalid": gettext_lazy("电子邮箱格式不正确。"),
            "max_length": gettext_lazy("电子邮箱不能超过 %(limit_value)d 个字符。"),
        },
    )
    address = forms.CharField(
        label=gettext_lazy("通信地址"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("选择邮寄的必填。"),
    )
    postcode = forms.CharField(
        label=gettext_lazy("邮政编码"), max_length=6, required=False, help_text=gettext_lazy("6 位数字。")
    )
    id_copy = forms.FileField(
        label=gettext_lazy("身份证明复印件"),
        required=False,
        help_text=gettext_lazy(
            "可上传身份证件或营业执照的扫描件、照片：PDF、JPG 或 PNG，不超过 10 MB。仅办理单位可见。"
        ),
        error_messages={"empty": gettext_lazy("所选的身份证明复印件是空文件，请重新选择。")},
    )

    description = forms.CharField(
        label=gettext_lazy("所需信息的内容描述"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX_LENGTH}),
        help_text=gettext_lazy("尽量具体：信息的名称、形成时间、涉及事项等，便于准确查找。"),
        error_messages={
            "required": gettext_lazy("请填写所需信息的内容描述。"),
            "max_length": gettext_lazy("内容描述不能超过 %(limit_value)d 字（现为 %(show_value)d 字）。"),
        },
    )
    document_title = forms.CharField(
        label=gettext_lazy("信息名称"), max_length=200, required=False, help_text=gettext_lazy("选填。")
    )
    document_number = forms.CharField(
        label=gettext_lazy("文号"), max_length=100, required=False, help_text=gettext_lazy("选填。")
    )
    index_number = forms.CharField(
        label=gettext_lazy("索引号"), max_length=100, required=False, help_text=gettext_lazy("选填。")
    )
    purpose = forms.CharField(
        label=gettext_lazy("用途"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        help_text=gettext_lazy("选填：《政府信息公开条例》不再要求说明用途。"),
    )
    delivery_method = forms.ChoiceField(
        label=gettext_lazy("获取信息的方式"),
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("请选择获取信息的方式。")),
    )
    carrier = forms.ChoiceField(
        label=gettext_lazy("信息的载体形式"),
        choices=Carrier.choices,
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("请选择信息的载体形式：纸质或电子。")),
    )

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean_postcode(self):
        value = (self.cleaned_data.get("postcode") or "").strip()
        if value and not POSTCODE.match(value):
            raise ValidationError(_("邮政编码应为 6 位数字。"))
        return value

    def clean_id_copy(self):
        upload = self.cleaned_data.get("id_copy")
        if upload:
            check_id_copy(upload)
            # The stored name says nothing about the applicant.
            upload.name = "id-copy." + upload.name.rsplit(".", 1)[-1].lower()
        return upload

    def clean(self):
        cleaned = super().clean()
        clean_applicant(self, cleaned)
        return cleaned

    @property
    def file_to_choose_again(self) -> bool:
        """A refused form cannot keep the chosen file: the page asks for it again."""
        return self.is_bound and bool(self.errors) and bool(self.files.get("id_copy"))

    def applicant_input(
        self, unit, *, channel: str = Channel.ONLINE, received_on: date | None = None
    ) -> ApplicantInput:
        data = self.cleaned_data
        text = {
            name: (data.get(name) or "").strip()
            for name in (
                "organisation_kind",
                "name",
                "legal_representative",
                "contact_person",
                "id_number",
                "phone",
                "email",
                "address",
                "postcode",
                "description",
                "document_title",
                "document_number",
                "index_number",
                "purpose",
            )
        }
        return ApplicantInput(
            unit_id=unit.pk,
            applicant_kind=data["applicant_kind"],
            id_kind=data["id_kind"],
            delivery_method=data["delivery_method"],
            carrier=data["carrier"],
            channel=channel,
            received_on=received_on,
            id_copy=data.get("id_copy") or None,
            **text,
        )


class ApplicationForm(ApplicantFieldsForm, AbuseCheckedForm):
    """The online form: the applicant's fields, the privacy consent, the honeypot and fill time."""

    consent = forms.BooleanField(
        label=gettext_lazy("我已阅读并同意隐私声明"),
        error_messages=_required(gettext_lazy("请阅读并同意隐私声明后再提交。")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.put_abuse_fields_last()


class LookupForm(forms.Form):
    """查询码 plus the last four characters of the ID number or of the phone number."""

    code = forms.CharField(
        label=gettext_lazy("查询码"),
        max_length=30,
        help_text=gettext_lazy("提交申请后得到的查询码，如 F-ABCD-2345。"),
        error_messages=_required(gettext_lazy("请输入查询码。")),
    )
    last_four = forms.CharField(
        label=gettext_lazy("证件号码或联系电话的后 4 位"),
        max_length=10,
        error_messages=_required(gettext_lazy("请输入证件号码或联系电话的后 4 位。")),
    )

    def clean_last_four(self):
        value = re.sub(r"\s", "", self.cleaned_data.get("last_four") or "").upper()
        if not re.fullmatch(r"[0-9A-Z]{4}", value):
            raise ValidationError(_("请输入证件号码或联系电话的后 4 位（4 个数字或字母）。"))
        return value
