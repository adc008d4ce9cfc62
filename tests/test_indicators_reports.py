"""The annual reports indicator of the county's oversight (issue 14): a unit's report (and the
portal's website report) not published by its due date is found until it is published."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from reports import services
from reports.indicators import find_unpublished_reports
from reports.models import AnnualReportPage
from sites.models import Unit


def keys(today: datetime.date) -> dict:
    return {finding.key: finding for finding in find_unpublished_reports(today)}


@pytest.mark.django_db
def test_report_not_published_by_its_due_date_is_found_until_published(small_county, django_user_model):
    pingyuan, county = Unit.objects.get(slug="pingyuan"), Unit.objects.get(slug="xzfb")
    township_key, county_key = f"annual_report:{pingyuan.pk}:2025", f"annual_report:{county.pk}:2025"

    assert keys(datetime.date(2026, 1, 31)) == {}
    found = keys(datetime.date(2026, 2, 1))
    assert township_key in found and county_key not in found  # the county government has to 31 March
    assert found[township_key].unit_id == pingyuan.pk
    assert found[township_key].since == datetime.date(2026, 2, 1)
    assert found[township_key].url == f"{reverse('reports:index')}?year=2025"
    assert found["website_report:2025"].unit_id is None
    assert county_key in keys(datetime.date(2026, 4, 1))

    editor = django_user_model.objects.create_user("report-editor")
    editor.groups.add(pingyuan.editors_group)
    page = services.generate_report(pingyuan, 2025, editor)
    assert keys(datetime.date(2026, 2, 1))[township_key].url == reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    page.get_latest_revision().publish()
    AnnualReportPage.objects.filter(pk=page.pk).update(
        first_published_at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    )
    # Published late, on 10 March: no longer found from then on, still found for the days before.
    assert township_key not in keys(datetime.date(2026, 3, 10))
    assert township_key in keys(datetime.date(2026, 3, 9))
