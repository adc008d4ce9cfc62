"""The demo's applications (portal/demo/foi.py): every state of the procedure, with live clocks."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from foi.models import Application, EventKind, State
from foi.replies import ReplyType
from portal.demo import load_demo


@pytest.mark.django_db
def test_the_demo_has_applications_in_every_state_for_both_units(small_county_records):
    load_demo(small_county_records, progress=lambda message: None)
    applications = Application.objects.select_related("unit")
    assert 25 <= applications.count() <= 35
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
def test_loading_the_demo_again_adds_no_applications(small_county_records):
    load_demo(small_county_records, progress=lambda message: None)
    count = Application.objects.count()
    load_demo(small_county_records, progress=lambda message: None)
    assert Application.objects.count() == count
