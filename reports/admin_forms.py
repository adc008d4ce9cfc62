"""The website report's form in the admin (reports/admin_views.py)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import WebsiteReport


class WebsiteReportForm(forms.ModelForm):
    """What only the site's operators know; every other figure is counted."""

    class Meta:
        model = WebsiteReport
        fields = [
            "site_name",
            "site_address",
            "host",
            "site_code",
            "icp_number",
            "police_number",
            "unique_visitors",
            "page_views",
            "new_media_accounts",
            "innovation",
        ]
        widgets = {"innovation": forms.Textarea(attrs={"rows": 4})}

    def clean_site_code(self):
        code = self.cleaned_data["site_code"].strip()
        if code and not (code.isdigit() and len(code) == 10):
            raise ValidationError(_("网站标识码为 10 位数字。"))
        return code
