"""Life cycle of government information: the Art. 26 timer, yearly re-evaluation, invalidation and
the cleanup-results page, and the audit trail of it all."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageLogEntry

from disclosure.models import CleanupReportPage, DisclosureAttribute, Validity
from review.models import ReEvaluation
from review.services import disclosure_timers
from sites.models import Unit
from tests.test_documents import new_document, statutory
from tests.test_review_workflow import member


@pytest.mark.django_db
def test_unpublished_public_documents_count_down_20_working_days_from_their_written_date(
    small_county, client
):
    overdue = new_document(
        "pingyuan", publish=False, title="逾期未发布的通知", written_date=datetime.date(2026, 3, 2)
    )
    soon = new_document(
        "pingyuan", publish=False, title="即将到期的通知", written_date=datetime.date(2026, 3, 6)
    )
    new_document(
        "pingyuan",
        publish=False,
        title="不公开的内部文件",
        disclosure_attribute=DisclosureAttribute.NOT_PUBLIC,
    )
    new_document("pingyuan", title="已按时发布的通知")

    timers = {
        timer.document.title: timer
        for timer in disclosure_timers(Unit.objects.get(slug="pingyuan"), datetime.date(2026, 3, 31))
    }
    assert set(timers) == {"逾期未发布的通知", "即将到期的通知"}
    # 2026-03-02 + 20 working days = 2026-03-30 (four plain weeks, no holiday in March).
    assert timers["逾期未发布的通知"].deadline.due == datetime.date(2026, 3, 30)
    assert timers["逾期未发布的通知"].is_overdue and timers["逾期未发布的通知"].overdue_by == 1
    assert timers["即将到期的通知"].deadline.due == datetime.date(2026, 4, 3)
    assert timers["即将到期的通知"].is_due_soon and timers["即将到期的通知"].remaining == 3

    client.force_login(member("pingyuan", "editor", "py_editor"))
    html = client.get("/admin/review/deadlines/pingyuan/").content.decode()
    assert overdue.title in html and soon.title in html and "计算方法" in html
    assert "不公开的内部文件" not in html
    assert client.get("/admin/review/deadlines/scjg/").status_code == 404


@pytest.mark.django_db
def test_yearly_re_evaluation_records_decisions_and_sends_disclosures_through_review(small_county, client):
    kept = new_document("pingyuan", title="内部考核细则", disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
    opened = new_document(
        "pingyuan", title="补贴发放花名册", disclosure_attribute=DisclosureAttribute.ON_REQUEST
    )
    new_document("pingyuan", title="公开的通知")
    editor = member("pingyuan", "editor", "py_editor")
    reviewer = member("pingyuan", "reviewer", "py_reviewer")
    url = "/admin/review/re-evaluation/pingyuan/2026/"

    client.force_login(member("scjg", "editor", "scjg_editor"))
    assert client.get(url).status_code == 404
    assert client.post(url, {"document": kept.pk, "decision": "keep", "reason": "越权"}).status_code == 404

    client.force_login(editor)
    html = client.get(url).content.decode()
    assert "内部考核细则" in html and "补贴发放花名册" in html and "公开的通知" not in html
    assert "待复核 2 件" in html

    response = client.post(url, {"document": kept.pk, "decision": "keep", "reason": " "})
    assert response.status_code == 400 and "请填写复核理由" in response.content.decode()
    assert not ReEvaluation.objects.exists()

    client.post(url, {"document": kept.pk, "decision": "keep", "reason": "涉及内部人事考核，仍不宜公开。"})
    client.post(url, {"document": opened.pk, "decision": "disclose", "reason": "补贴已发放完毕，可以公开。"})
    decisions = {decision.document.title: decision for decision in ReEvaluation.objects.all()}
    assert decisions["内部考核细则"].decision == "keep" and decisions["内部考核细则"].decided_by == editor
    assert decisions["补贴发放花名册"].attribute_before == DisclosureAttribute.ON_REQUEST
    assert PageLogEntry.objects.filter(page=opened, action="review.re_evaluate").exists()

    # The disclosure waits for the unit's two reviewers; meanwhile the public still gets nothing.
    opened.refresh_from_db()
    assert opened.workflow_in_progress
    assert client.logout() is None and client.get(opened.url).status_code == 404
    for _step in range(2):
        opened.current_workflow_task.on_action(opened.current_workflow_task_state, reviewer, "approve")
        opened.refresh_from_db()
    assert opened.disclosure_attribute == DisclosureAttribute.PUBLIC
    assert client.get(opened.url).status_code == 200

    # A second decision on the same document in the same year is refused.
    client.force_login(editor)
    response = client.post(url, {"document": kept.pk, "decision": "disclose", "reason": "再议"})
    assert response.status_code == 400 and "已经复核过" in response.content.decode()
    html = client.get(url).content.decode()
    assert "待复核 0 件" in html and "涉及内部人事考核" in html


@pytest.mark.django_db
def test_cleanup_results_page_lists_what_was_invalidated_that_year(small_county, client):
    repealed = new_document("pingyuan", title="平原镇临时救助暂行办法")
    repealed.validity, repealed.validity_changed_on = Validity.REPEALED, datetime.date(2026, 6, 1)
    repealed.validity_reason = "被《平原镇临时救助实施办法》替代"
    repealed.save_revision().publish()
    earlier = new_document("pingyuan", title="2024年废止的办法")
    earlier.validity, earlier.validity_changed_on, earlier.validity_reason = (
        Validity.EXPIRED,
        datetime.date(2024, 1, 1),
        "到期",
    )
    earlier.save_revision().publish()
    hidden = new_document(
        "pingyuan", title="不公开的废止文件", disclosure_attribute=DisclosureAttribute.NOT_PUBLIC
    )
    hidden.validity, hidden.validity_changed_on, hidden.validity_reason = (
        Validity.REPEALED,
        datetime.date(2026, 2, 1),
        "废止",
    )
    hidden.save_revision().publish()
    new_document("pingyuan", title="现行有效的办法")

    report = CleanupReportPage(title="平原镇2026年度文件清理结果", slug="cleanup-2026", year=2026)
    statutory("pingyuan").add_child(instance=report)
    report.save_revision().publish()

    html = client.get(report.url).content.decode()
    assert "平原镇临时救助暂行办法" in html and "被《平原镇临时救助实施办法》替代" in html
    assert "2026 年度共宣布失效 0 件、废止 1 件" in html
    for absent in ("2024年废止的办法", "不公开的废止文件", "现行有效的办法"):
        assert absent not in html

    # The column's 现行有效 filter leaves invalidated documents out; they stay readable.
    current = client.get(statutory("pingyuan").url, {"validity": "valid"}).content.decode()
    assert "现行有效的办法" in current and "平原镇临时救助暂行办法" not in current
    assert client.get(repealed.url).status_code == 200


@pytest.mark.django_db
def test_attribute_and_validity_changes_are_in_the_history_and_the_unit_export(small_county, client):
    page = new_document("pingyuan", title="属性调整的文件")
    editor = member("pingyuan", "editor", "py_editor")
    page.disclosure_attribute = DisclosureAttribute.ON_REQUEST
    page.save_revision(user=editor)
    page.validity, page.validity_changed_on, page.validity_reason = (
        Validity.EXPIRED,
        datetime.date(2026, 5, 1),
        "到期",
    )
    page.save_revision(user=editor).publish()
    new_document("scjg", title="另一单位的文件").save_revision(
        user=get_user_model().objects.create_superuser("root")
    )

    change = PageLogEntry.objects.get(page=page, action="disclosure.change_attribute")
    assert change.user == editor and change.data == {"from": "public", "to": "on_request"}
    assert "由“此件公开发布”改为“此件依申请公开”" in change.message or "依申请公开" in change.message
    assert PageLogEntry.objects.filter(page=page, action="disclosure.change_validity").exists()

    client.force_login(editor)
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "更改公开属性" in history or "公开属性由" in history

    response = client.get("/admin/reports/site-history/", {"export": "xlsx"})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    labels = {row[1] for row in rows[1:]}
    assert "属性调整的文件" in labels and "另一单位的文件" not in labels
    assert any(row[3] == "更改公开属性" for row in rows[1:])
