"""Review cannot be skipped: a unit's page goes public through 保密审查 → 发布审查 only, approved by
somebody other than who wrote or submitted it; county administrators keep a recorded 紧急发布."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from disclosure.models import GovernmentDocumentPage
from tests.conftest import unit_member as member
from tests.test_documents import new_document, statutory
from tests.test_tenancy import document_form


def refused(response) -> bool:
    """Wagtail's admin answers a forbidden action with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def fresh(page: GovernmentDocumentPage) -> GovernmentDocumentPage:
    return GovernmentDocumentPage.objects.get(pk=page.pk)


def approve(client, page, comment: str = ""):
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": comment})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "county_admin"])
def test_the_editors_publish_button_only_saves_a_draft(small_county, client, role):
    page = new_document("pingyuan", publish=False, title="直接发布的尝试")
    client.force_login(member(role))
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert 'name="action-publish"' not in client.get(edit_url).content.decode()

    response = client.post(
        edit_url, document_form("改过的标题", page.slug, **{"action-publish": "action-publish"}), follow=True
    )
    page = fresh(page)
    assert not page.live
    # Nothing typed is lost: the change waits as a draft, and the message says why.
    assert page.get_latest_revision_as_object().title == "改过的标题"
    assert "须经保密审查和发布审查后发布" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "county_admin"])
def test_a_new_page_cannot_be_created_live(small_county, client, role):
    client.force_login(member(role))
    column = statutory("pingyuan")
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "governmentdocumentpage", column.pk])
    client.post(url, document_form("新建即发布", "created-live", **{"action-publish": "action-publish"}))
    created = GovernmentDocumentPage.objects.child_of(column).get(slug="created-live")
    assert not created.live


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "county_admin"])
def test_bulk_publish_from_the_page_listing_is_refused(small_county, client, role):
    page = new_document("pingyuan", publish=False, title="批量发布的尝试")
    client.force_login(member(role))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{url}?id={page.pk}", {"include_descendants": ""})
    assert not fresh(page).live


@pytest.mark.django_db
def test_copy_with_publish_into_a_unit_makes_a_draft(small_county, client):
    source = new_document("pingyuan", title="复制来源")
    client.force_login(member("county_admin"))
    column = statutory("pingyuan")
    client.post(
        reverse("wagtailadmin_pages:copy", args=[source.pk]),
        {
            "new_title": "复制件",
            "new_slug": "copied-live",
            "new_parent_page": column.pk,
            "publish_copies": "on",
        },
    )
    assert not GovernmentDocumentPage.objects.child_of(column).get(slug="copied-live").live


@pytest.mark.django_db
def test_the_review_approved_by_another_reviewer_still_publishes(small_county, client):
    drafter, reviewer = member("editor"), member("reviewer")
    page = new_document("pingyuan", publish=False, title="走完审查的文件")
    assert not page.permissions_for_user(reviewer).can_publish()
    page.get_workflow().start(page, drafter)

    client.force_login(reviewer)
    approve(client, page)
    assert fresh(page).current_workflow_task_state.task.name == "发布审查（平原镇）"
    approve(client, page, "同意发布")
    page = fresh(page)
    assert page.live and page.current_workflow_state is None
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=reviewer).exists()


@pytest.mark.django_db
def test_a_reviewer_cannot_approve_their_own_submission(small_county, client):
    author, colleague = member("reviewer"), member("reviewer")
    page = new_document("pingyuan", publish=False, title="自己提交的文件")
    page.save_revision(user=author)
    page.get_workflow().start(page, author)

    client.force_login(author)
    shown = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "不能审查通过自己提交或最后修改的内容" in shown
    task_state = fresh(page).current_workflow_task_state
    assert f"/workflow/action/approve/{task_state.pk}/" not in shown
    assert refused(approve(client, page))
    # Nor from the editor's action menu, which approves along with a save.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        document_form(
            page.title, page.slug, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
        ),
    )
    page = fresh(page)
    assert page.current_workflow_task_state.task.name == "保密审查（平原镇）" and not page.live

    client.force_login(colleague)
    approve(client, page)
    assert fresh(page).current_workflow_task_state.task.name == "发布审查（平原镇）"


@pytest.mark.django_db
def test_a_reviewer_cannot_approve_a_revision_they_wrote_for_an_editor(small_county, client):
    """The last editor of the revision under review is not the one to approve it either."""
    drafter, reviewer = member("editor"), member("reviewer")
    page = new_document("pingyuan", publish=False, title="审核人改写的文件")
    page.save_revision(user=reviewer)
    page.get_workflow().start(page, drafter)
    client.force_login(reviewer)
    assert refused(approve(client, page))
    assert fresh(page).current_workflow_task_state.task.name == "保密审查（平原镇）"


@pytest.mark.django_db
def test_county_admin_emergency_publish_needs_a_reason_is_logged_and_shown(small_county, client):
    from review.models import EmergencyPublication

    admin, drafter = member("county_admin"), member("editor")
    page = new_document("pingyuan", publish=False, title="紧急通知")
    page.get_workflow().start(page, drafter)
    url = reverse("review:emergency_publish", args=[page.pk])

    client.force_login(admin)
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400 and "紧急发布必须填写理由" in response.content.decode()
    assert not fresh(page).live and not EmergencyPublication.objects.exists()

    client.post(url, {"reason": "防汛紧急通知，须立即告知群众。"})
    page = fresh(page)
    assert page.live and page.current_workflow_state is None
    record = EmergencyPublication.objects.get()
    assert (record.page_id, record.published_by, record.unit.slug) == (page.pk, admin, "pingyuan")
    entry = PageLogEntry.objects.get(page=page, action="review.emergency_publish")
    assert entry.user == admin and entry.data["reason"] == "防汛紧急通知，须立即告知群众。"

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "最近的紧急发布" in dashboard and "防汛紧急通知，须立即告知群众。" in dashboard
    client.force_login(member("reviewer"))
    assert "防汛紧急通知" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_unit_staff_have_no_emergency_publish(small_county, client, role):
    from review.models import EmergencyPublication

    page = new_document("pingyuan", publish=False, title="非紧急")
    client.force_login(member(role))
    url = reverse("review:emergency_publish", args=[page.pk])
    assert url not in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert refused(client.post(url, {"reason": "想立即发布"}))
    assert not fresh(page).live and not EmergencyPublication.objects.exists()


@pytest.mark.django_db
def test_the_units_reviewers_can_still_withdraw_a_page(small_county, client):
    """Taking a page off the site is not held back by review; other units and editors may not."""
    page = new_document("pingyuan", title="需要撤回的文件")
    url = reverse("review:withdraw", args=[page.pk])
    for outsider in (member("editor"), member("reviewer", "scjg")):
        client.force_login(outsider)
        assert refused(client.post(url))
        assert fresh(page).live

    client.force_login(member("reviewer"))
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert client.get(url).status_code == 200
    client.post(url)
    assert not fresh(page).live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").exists()
