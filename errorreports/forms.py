"""The public 找错 form and the staff's answer form."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from participation.forms import AbuseCheckedForm

from .models import ErrorCategory

MAX_URL_LENGTH = 500


def same_site_url(value: str, hosts: Iterable[str]) -> str:
    """`value` if it is a page of this site (a path, or an http(s) address on one of `hosts`),
    else "": a report names a page of ours, never another site's address."""
    value = (value or "").strip()
    if not value or len(value) > MAX_URL_LENGTH or "\x00" in value:
        return ""
    hosts = {host.lower() for host in hosts if host}
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=hosts, require_https=False):
        return ""
    parts = urlsplit(value)
    if not parts.netloc and not value.startswith("/"):
        return ""
    return value


class ErrorReportForm(AbuseCheckedForm):
    category = forms.ChoiceField(
        label=_("错误类型"),
        choices=ErrorCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择错误类型。"), "invalid_choice": _("请选择列出的错误类型。")},
    )
    page_url = forms.CharField(
        label=_("出错页面网址"),
        max_length=MAX_URL_LENGTH,
        help_text=_("从本网站页面底部的链接进入时已自动填写；也可粘贴本网站页面的网址。"),
        error_messages={
            "required": _("请填写出错页面的网址。"),
            "max_length": _("网址不能超过 %(limit_value)d 个字符。"),
        },
    )
    description = forms.CharField(
        label=_("问题描述"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        error_messages={
            "required": _("请描述发现的问题。"),
            "max_length": _("问题描述不能超过 %(limit_value)d 字（现为 %(show_value)d 字）。"),
        },
    )
    name = forms.CharField(label=_("姓名（选填）"), max_length=50, required=False)
    contact = forms.CharField(
        label=_("联系方式（选填）"),
        max_length=100,
        required=False,
        help_text=_("电话或电子邮箱，仅供办理人员联系您，不会公开。"),
    )

    def __init__(self, *args, hosts: Iterable[str] = (), captcha: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = list(hosts)
        if captcha:
            self.add_captcha()
        self.put_abuse_fields_last()

    def clean_page_url(self):
        value = self.cleaned_data["page_url"].strip()
        if not same_site_url(value, self.hosts):
            raise forms.ValidationError(_("只能报告本网站页面的问题，请填写本网站页面的网址。"))
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if not value:
            raise forms.ValidationError(_("请描述发现的问题。"))
        return value


class LookupForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=30, error_messages={"required": _("请输入查询码。")})


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("答复内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("答复将在公开查询页面显示，请勿写入报告人的个人信息。"),
        error_messages={"required": _("请填写答复内容。")},
    )
