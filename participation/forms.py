"""Forms of public participation: the consultation page's admin form (splits the pasted draft into
articles), and what every citizen's form shares: the abuse checks, the phone check and the look-up
by tracking code."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.forms import UnitScopedPageForm

from . import abuse
from .splitting import split_draft

PHONE = re.compile(r"^\+?[0-9][0-9\-\s()（）]{5,18}[0-9]$")


def clean_phone_value(value: str) -> str:
    value = (value or "").strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(_("电话号码格式不正确，请填写手机号或带区号的固定电话。"))
    return value


class AbuseCheckedForm(forms.Form):
    """Honeypot and fill-time checks shared by the citizens' forms (opinions, board messages)."""

    website = forms.CharField(
        label=_("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["started"].initial = abuse.form_token()

    def add_captcha(self) -> None:
        """The image captcha (django-simple-captcha), for the forms whose owner asks for one."""
        from captcha.fields import CaptchaField

        from .captcha_widget import CaptchaWidget

        self.fields["captcha"] = CaptchaField(
            label=_("验证码"),
            widget=CaptchaWidget(),
            help_text=_("请输入图片中的字母，不区分大小写。"),
            error_messages={"invalid": _("验证码不正确，请重新输入。"), "required": _("请输入验证码。")},
        )

    def put_abuse_fields_last(self) -> None:
        """The honeypot and the time stamp go last, out of the way of keyboard users. Called at the
        end of a subclass's __init__, after it has added its own fields."""
        for name in ("website", "started"):
            self.fields[name] = self.fields.pop(name)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交未成功：表单中填写了不应填写的内容，请刷新页面后重新填写。"))
        age = abuse.form_age(cleaned.get("started", ""))
        if age is None:
            raise forms.ValidationError(_("提交未成功：表单已失效，请刷新页面后重新填写。"))
        if age < abuse.min_fill_seconds():
            raise forms.ValidationError(_("提交过快，请确认填写内容后再提交。"))
        if age > abuse.max_form_age_seconds():
            raise forms.ValidationError(
                _("表单打开时间过长已失效，请刷新页面后重新填写（已填内容请先复制保存）。")
            )
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=30, error_messages={"required": _("请输入查询码。")})
    contact = forms.CharField(
        label=_("提交时留下的电话或电子邮箱"),
        max_length=254,
        error_messages={"required": _("请输入提交时留下的电话或电子邮箱。")},
    )


# --- admin ---


class ConsultationPageForm(UnitScopedPageForm):
    resplit_articles = forms.BooleanField(
        label=_("按草案全文重新拆分条款"),
        required=False,
        help_text=_("勾选后保存，将用草案全文重新生成全部条款，手工调整过的条款会被替换。"),
    )

    def save(self, commit=True):
        page = super().save(commit=False)
        # After the formset has been applied, the in-memory relation holds the articles kept.
        articles_kept = list(page.articles.all())
        # Split when the editor asks to, or when a draft was pasted and no article exists yet;
        # after that the articles are the editor's to adjust.
        if page.draft_text.strip() and (self.cleaned_data.get("resplit_articles") or not articles_kept):
            from .models import DraftArticle

            page.articles = [
                DraftArticle(label=part.label, heading=part.heading, text=part.text, sort_order=position)
                for position, part in enumerate(split_draft(page.draft_text))
            ]
        if commit:
            page.save()
        return page
