from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login without "remember me": a staff session always ends with the browser or
    after SESSION_IDLE_MINUTES without a request (等保 2.0)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("remember", None)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("动态口令"),
        min_length=6,
        max_length=8,
        help_text=_("身份验证器（手机应用）当前显示的 6 位数字"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("动态口令是 6 位数字。"))
        return token


class AccountActionForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150, required=False)
    address = forms.GenericIPAddressField(label=_("来源地址"), required=False)
