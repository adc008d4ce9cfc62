"""django-simple-captcha's widget as the public forms show it (AbuseCheckedForm.add_captcha)."""

from __future__ import annotations

from captcha.fields import CaptchaTextInput


class CaptchaWidget(CaptchaTextInput):
    """The image with a Chinese text alternative, then the key and the answer. The hidden key carries
    neither `required` nor `autocomplete`, which the Nu checker refuses on a hidden input (the field
    itself stays required)."""

    template_name = "participation/captcha_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        key = context["widget"]["subwidgets"][0]["attrs"]
        key.pop("required", None)
        key.pop("autocomplete", None)
        return context
