"""Template helpers for deadlines on the official working-day calendar.

{% load workdays_tags %}
{% deadline page.closing_date 15 %}                      {# due date, 暂定, 计算方法 #}
{% with due=page.closing_date|add_working_days:15 %}…{% endwith %}
{% include "workdays/deadline.html" with deadline=some_deadline %}
"""

from __future__ import annotations

from datetime import date

from django import template
from django.urls import reverse

from ..services import Deadline, as_local_date, upcoming_years_without_data
from ..services import add_working_days as compute_deadline

register = template.Library()


def _as_date(value) -> date | None:
    return as_local_date(value) if isinstance(value, date) else None


@register.filter(name="add_working_days")
def add_working_days_filter(start, working_days) -> Deadline | None:
    """`{{ start|add_working_days:20 }}`: the Deadline, or None when there is no start date."""
    start = _as_date(start)
    if start is None:
        return None
    return compute_deadline(start, int(working_days))


@register.inclusion_tag("workdays/deadline.html")
def deadline(start, working_days) -> dict:
    """Renders the due date `working_days` after `start`, with how it was computed."""
    return {"deadline": add_working_days_filter(start, working_days)}


@register.inclusion_tag("workdays/admin/missing_years_banner.html", takes_context=True)
def missing_calendar_years_banner(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"missing_years": []}
    may_edit = user.has_perm("workdays.add_calendaryear") and user.has_perm("workdays.add_specialday")
    return {
        "missing_years": upcoming_years_without_data(),
        "edit_url": reverse("workdays_years:index") if may_edit else "",
        "days_url": reverse("workdays_days:add") if may_edit else "",
    }
