"""The 找错 indicator of the county's oversight (issue 14): a report from 我为政府网站找错 is found
the day after its reply deadline while unanswered, against the county office, and no longer once
it is answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from errorreports.indicators import find_overdue_reports
from errorreports.services import ReportInput, answer_report, submit_report
from sites.models import Unit, UnitKind


@pytest.mark.django_db
def test_a_report_is_overdue_the_day_after_its_deadline_until_answered(small_county):
    report = submit_report(ReportInput(category="link", page_url="/zwgk/", description="链接打不开"))
    key = f"errorreport:{report.pk}"
    office = Unit.objects.get(kind=UnitKind.COUNTY_OFFICE)

    assert key not in {finding.key for finding in find_overdue_reports(report.due_date)}
    [finding] = [f for f in find_overdue_reports(report.due_date + timedelta(days=1)) if f.key == key]
    assert finding.unit_id == office.pk
    assert finding.url == reverse("errorreports_admin:answer", args=[report.pk])
    assert report.tracking_code in finding.title and finding.since == report.due_date + timedelta(days=1)

    user = get_user_model().objects.create_user("office-editor")
    user.groups.add(office.editors_group)
    answer_report(report, "已修复该链接。", user)
    assert key not in {f.key for f in find_overdue_reports(report.due_date + timedelta(days=2))}
