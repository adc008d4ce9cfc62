"""Two-step review per unit: 保密审查 → 发布审查 by that unit's reviewers, with notifications by mail."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowPage

from disclosure.models import GovernmentDocumentPage
from review.models import ReviewTask
from sites.models import Unit, UnitSectionPage
from sites.provisioning import provision_units
from tests.test_documents import new_document
from tests.test_services import needs_redis


def member(unit_slug: str, role: str, username: str):
    unit = Unit.objects.get(slug=unit_slug)
    user = get_user_model().objects.create_user(username, f"{username}@example.cn", "pw-123456-review")
    user.groups.add(unit.reviewers_group if role == "reviewer" else unit.editors_group)
    return user


def refused(response) -> bool:
    """Wagtail answers a forbidden admin action with 403, 404 or a redirect to the dashboard."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response.url == "/admin/")


def submit(page: GovernmentDocumentPage, user):
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page.current_workflow_task_state


@pytest.mark.django_db
def test_every_unit_section_in_every_language_runs_its_own_two_step_review(
    small_county, small_county_records
):
    for unit in Unit.objects.all():
        sections = UnitSectionPage.objects.filter(unit=unit)
        assert sections.count() == 3
        workflows = {WorkflowPage.objects.get(page=section).workflow for section in sections}
        assert len(workflows) == 1
        tasks = list(workflows.pop().tasks.specific())
        assert [task.name for task in tasks] == [
            f"保密审查（{unit.display_name}）",
            f"发布审查（{unit.display_name}）",
        ]
        assert all(isinstance(task, ReviewTask) for task in tasks)
        assert all(list(task.groups.all()) == [unit.reviewers_group] for task in tasks)
    assert provision_units(small_county_records).changed == 0


@pytest.mark.django_db
def test_reviewer_of_another_unit_cannot_act_and_own_reviewers_take_both_steps(small_county, client):
    drafter = member("pingyuan", "editor", "py_drafter")
    reviewer = member("pingyuan", "reviewer", "py_reviewer")
    stranger = member("scjg", "reviewer", "scjg_reviewer")
    page = new_document("pingyuan", publish=False, title="平原镇待审文件")
    task_state = submit(page, drafter)
    assert task_state.task.name == "保密审查（平原镇）"

    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert task_state.task.specific.get_actions(page, stranger) == []
    for outsider in (stranger, drafter):
        client.force_login(outsider)
        assert refused(client.post(approve, {"comment": ""}))
    page.refresh_from_db()
    assert page.current_workflow_task_state.pk == task_state.pk and not page.live

    client.force_login(reviewer)
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    second = page.current_workflow_task_state
    assert second.task.name == "发布审查（平原镇）"
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", second.pk]),
        {"comment": "同意发布"},
    )
    page.refresh_from_db()
    assert page.live and page.current_workflow_task_state is None


@pytest.mark.django_db
def test_returning_a_document_needs_a_comment_and_tells_the_drafter(small_county, client):
    drafter = member("pingyuan", "editor", "py_drafter")
    reviewer = member("pingyuan", "reviewer", "py_reviewer")
    page = new_document("pingyuan", publish=False, title="需要修改的文件")
    mail.outbox.clear()
    task_state = submit(page, drafter)
    # The reviewers are told that something waits for them.
    assert any(
        reviewer.email in message.to and "需要修改的文件" in message.subject for message in mail.outbox
    )

    client.force_login(reviewer)
    reject = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client.post(reject, {"comment": "  "}, headers={"x-requested-with": "XMLHttpRequest"})
    assert "退回修改时必须填写意见" in response.json()["html"]
    page.refresh_from_db()
    assert page.current_workflow_task_state.pk == task_state.pk

    mail.outbox.clear()
    client.post(reject, {"comment": "第二段涉及个人信息，请删去。"})
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert task_state.status == "rejected" and task_state.comment == "第二段涉及个人信息，请删去。"
    assert any(drafter.email in message.to for message in mail.outbox)


@needs_redis
# Serialized rollback puts back the root page and locale that the flush after a transactional
# test removes and that provisioning builds on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_delivers_the_review_notification(
    small_county_records, start_celery_worker, settings, tmp_path: Path
):
    provision_units(small_county_records)
    settings.EMAIL_BACKEND = "cms.mail.CeleryEmailBackend"
    start_celery_worker(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )
    drafter = member("pingyuan", "editor", "py_drafter")
    reviewer = member("pingyuan", "reviewer", "py_reviewer")
    page = new_document("pingyuan", publish=False, title="请审查的通知")
    submit(page, drafter)

    deadline = time.monotonic() + 60
    delivered = ""
    while True:
        delivered = "".join(path.read_text(errors="replace") for path in tmp_path.glob("*.log"))
        if reviewer.email in delivered or time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    assert reviewer.email in delivered
    assert Page.objects.get(pk=page.pk).live is False
