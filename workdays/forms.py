from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from .models import DayKind, SpecialDay

# A holiday period is at most about a week; a month guards against a mistyped year.
MAX_RANGE_DAYS = 31


class SpecialDayForm(WagtailAdminModelForm):
    """Adds an optional last day so that a whole holiday period is entered in one go."""

    last_day = forms.DateField(
        label=_("至（可选）"),
        required=False,
        widget=AdminDateInput,
        help_text=_("连续多天放假时填写最后一天，整个假期一次录入，每天一条记录。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing changes one day; ranges are only for entering new days.
            self.fields.pop("last_day", None)

    def extra_days(self) -> list:
        first, last = self.cleaned_data.get("day"), self.cleaned_data.get("last_day")
        if not first or not last:
            return []
        return [first + timedelta(days=offset) for offset in range(1, (last - first).days + 1)]

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("day"), cleaned_data.get("last_day")
        if not first or not last:
            return cleaned_data
        if last < first:
            self.add_error("last_day", _("最后一天不能早于日期。"))
            return cleaned_data
        if (last - first).days >= MAX_RANGE_DAYS:
            self.add_error("last_day", _("一次最多录入 %(count)d 天。") % {"count": MAX_RANGE_DAYS})
            return cleaned_data
        days = self.extra_days()
        taken = list(SpecialDay.objects.filter(day__in=days).values_list("day", flat=True))
        if taken:
            self.add_error(
                "last_day",
                _("以下日期已经录入，请先修改或删除它们：%(days)s。")
                % {"days": "、".join(f"{day:%Y-%m-%d}" for day in sorted(taken))},
            )
        if cleaned_data.get("kind") == DayKind.WORKDAY and any(day.weekday() < 5 for day in days):
            self.add_error("last_day", _("调休上班日应是星期六或星期日，请逐日录入。"))
        return cleaned_data

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            for day in self.extra_days():
                SpecialDay.objects.create(day=day, kind=instance.kind, name=instance.name)
        return instance
