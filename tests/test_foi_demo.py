"""The demo's applications (portal/demo/foi.py): every state of the procedure, with live clocks."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client
from django.utils import timezone

from foi.models import Application, EventKind, State
from foi.replies import ReplyType
from portal.demo import load_demo
from reports.models import AnnualReportPage, WebsiteReport


@pytest.mark.django_db
def test_the_demo_has_applications_in_every_state_for_both_units(demo):
    applications = Application.objects.select_related("unit")
    # Thirty applications of this year, and eleven of last year behind the demo annual reports.
    assert 35 <= applications.count() <= 45
    assert {application.unit.slug for application in applications} == {"pingyuan", "scjg"}
    states = Counter(application.state for application in applications)
    assert set(states) == set(State.values), states
    today = timezone.localdate()
    assert applications.overdue(today).exists()
    assert applications.filter(state=State.CONSULTATION).exists()
    assert applications.filter(extension_days__gt=0, state=State.IN_PROGRESS).exists()
    charged = applications.get(state=State.FEE_NOTICE)
    assert charged.fee_amount == 1100  # 120 pages: 70 × 10 + 20 × 20 yuan
    assert applications.filter(reply_type=ReplyType.NOT_CORRECTED).exists()
    assert applications.filter(events__kind=EventKind.TRANSFERRED).exists()
    for application in applications.exclude(state__in=(State.REPLIED, State.ARCHIVED)):
        assert application.due_on is not None


@pytest.mark.django_db
def test_loading_the_demo_again_adds_no_applications(demo, small_county_records):
    count = Application.objects.count()
    reports = list(AnnualReportPage.objects.live().values_list("title", flat=True))
    # Last year's reports of both demo units are published, and the portal's website report.
    assert len(reports) == 2 and WebsiteReport.objects.get().is_published
    home = Client().get("/").content.decode()
    assert "政府网站工作年度报表" in home
    load_demo(small_county_records, progress=lambda message: None)
    assert Application.objects.count() == count
    assert list(AnnualReportPage.objects.live().values_list("title", flat=True)) == reports
