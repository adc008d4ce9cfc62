"""Forms: the citizen's opinion form and the staff forms in the admin. What every citizen's form
shares (abuse checks, the phone check, the look-up form) is participation/forms.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from participation.forms import AbuseCheckedForm, clean_phone_value
from participation.models import DraftArticle
from participation.permissions import consultations_for_user

from .models import CONTENT_MAX_LENGTH, Channel, Decision, Moderation, Opinion, OpinionGroup, Stance


def article_choice_label(article, length: int = 36) -> str:
    """The article as offered in the form: its number, then the start of its text (which usually
    begins with the number already: "第三条 农贸市场每日……")."""
    text = " ".join(article.text.split())
    if not text.startswith(article.label):
        text = f"{article.label} {text}"
    return text if len(text) <= length else text[: length - 1] + "…"


class OpinionForm(AbuseCheckedForm):
    article = forms.ChoiceField(
        label=_("针对"), required=False, error_messages={"invalid_choice": _("所选条款不存在，请重新选择。")}
    )
    content = forms.CharField(
        label=_("意见内容"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": CONTENT_MAX_LENGTH}),
        help_text=_("不超过 2000 字，纯文本。请勿在意见中填写身份证号、住址等个人信息。"),
        error_messages={
            "required": _("请填写意见内容。"),
            "max_length": _("意见内容不能超过 %(limit_value)d 字（现为 %(show_value)d 字）。"),
        },
    )
    stance = forms.ChoiceField(
        label=_("总体态度"),
        choices=Stance.choices,
        initial=Stance.NEUTRAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择总体态度。"), "invalid_choice": _("请选择支持、中立或反对。")},
    )
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    publish_name = forms.BooleanField(label=_("公开我的姓名（不勾选则显示为“网民”）"), required=False)
    phone = forms.CharField(label=_("电话"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        # The record keeps 254 characters (EmailField's default); the form field allows 320.
        max_length=254,
        error_messages={
            "invalid": _("电子邮箱格式不正确。"),
            "max_length": _("电子邮箱不能超过 %(limit_value)d 个字符。"),
        },
        help_text=_("填写邮箱可收到查询码和处理结果通知。"),
    )
    consent = forms.BooleanField(
        label=_("我已阅读并同意隐私声明"),
        error_messages={"required": _("请阅读并同意隐私声明后再提交。")},
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.articles = {str(article.pk): article for article in consultation.canonical.articles.all()}
        self.fields["article"].choices = [("", _("草案整体"))] + [
            (key, article_choice_label(article)) for key, article in self.articles.items()
        ]
        if consultation.require_real_name:
            self.fields["name"].required = True
            self.fields["name"].label = _("姓名（本次征求意见要求实名）")
            self.fields["name"].error_messages["required"] = _("本次征求意见要求实名，请填写姓名。")
        if consultation.captcha_required:
            self.add_captcha()
        self.put_abuse_fields_last()

    def clean_article(self):
        key = self.cleaned_data.get("article") or ""
        if key and key not in self.articles:
            raise forms.ValidationError(_("所选条款不存在，请重新选择。"))
        return self.articles.get(key)

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if not content:
            raise forms.ValidationError(_("请填写意见内容。"))
        return content

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("phone") or cleaned.get("email")):
            raise forms.ValidationError(_("请至少留下电话或电子邮箱，以便反馈处理结果；联系方式不会公开。"))
        return cleaned


# --- admin ---


class StaffOpinionForm(WagtailAdminModelForm):
    """Registering an opinion received by letter, fax, e-mail or in person."""

    class Meta:
        model = Opinion
        fields = [
            "consultation",
            "article",
            "channel",
            "submitted_at",
            "content",
            "stance",
            "name",
            "publish_name",
            "phone",
            "email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consultations = consultations_for_user(self.for_user) if self.for_user else Opinion.objects.none()
        self.fields["consultation"].queryset = consultations
        self.fields["consultation"].label_from_instance = lambda page: page.title
        self.fields["article"].queryset = DraftArticle.objects.filter(page__in=consultations)
        self.fields["article"].label_from_instance = lambda article: f"{article.page.title} · {article.label}"
        self.fields["article"].help_text = _("针对某一条款的意见请选择条款；针对草案整体的留空。")
        self.fields["channel"].choices = [choice for choice in Channel.choices if choice[0] != Channel.ONLINE]
        self.fields["submitted_at"].label = _("收到时间")
        self.fields["submitted_at"].initial = timezone.now

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        article, consultation = cleaned.get("article"), cleaned.get("consultation")
        if article and consultation and article.page_id != consultation.pk:
            self.add_error("article", _("所选条款不属于这次征求意见。"))
        return cleaned


class OpinionHandleForm(WagtailAdminModelForm):
    """Moderation and the decision on one opinion. The opinion is shown above them so that staff
    decide on what the citizen wrote; the citizen's own words are not editable."""

    about = forms.CharField(
        label=_("征求意见 · 针对 · 态度 · 渠道 · 提交时间"), required=False, disabled=True
    )

    class Meta:
        model = Opinion
        fields = ["about", "content", "moderation", "group", "decision", "reason", "change_made"]
        widgets = {"content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opinion = self.instance
        self.fields["content"].disabled = True
        self.fields["content"].required = False
        if opinion.pk:
            self.fields["about"].initial = " · ".join(
                [
                    opinion.consultation.title,
                    opinion.target,
                    opinion.get_stance_display(),
                    opinion.get_channel_display(),
                    timezone.localtime(opinion.submitted_at).strftime("%Y-%m-%d %H:%M"),
                ]
            )
        self.fields["group"].queryset = OpinionGroup.objects.filter(
            consultation_id=self.instance.consultation_id
        )
        self.fields["group"].help_text = _(
            "与其他意见实质相同的，可归入同类意见统一答复（处理结果以同类意见为准）。"
        )
        self.fields["moderation"].help_text = _(
            "公开：意见内容在征求意见页上公开；不公开：含个人信息等不宜公开，但仍须作出处理决定；"
            "无效：垃圾信息或辱骂，不计入统计。"
        )

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("group")
        if group and group.decision:
            # A grouped opinion carries its group's answer.
            cleaned["decision"], cleaned["reason"], cleaned["change_made"] = (
                group.decision,
                group.reason,
                group.change_made,
            )
        # The reason and change rules are checked by the model (DecisionFields.clean).
        if cleaned.get("decision") and cleaned.get("moderation") == Moderation.PENDING:
            self.add_error("moderation", _("请先审核（公开或不公开），再作出处理决定。"))
        return cleaned


class GroupForm(WagtailAdminModelForm):
    class Meta:
        model = OpinionGroup
        fields = ["consultation", "title", "decision", "reason", "change_made"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations_for_user(self.for_user)
        self.fields["consultation"].label_from_instance = lambda page: page.title
        self.fields["decision"].choices = [("", _("尚未决定"))] + list(Decision.choices)
