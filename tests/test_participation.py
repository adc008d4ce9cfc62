"""Consultations: the draft split into articles, states at the set times, decisions, the published
outcome and its notifications, overdue outcomes, the XLSX export, and who may do what."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from opinions.models import Channel, Decision, Moderation, Opinion, Stance
from opinions.outcome import outcome_entries, publish_outcome
from opinions.services import OpinionInput, decide, decide_group, group_opinions, moderate, submit_opinion
from participation.models import ConsultationOutcome, ConsultationPage, ConsultationState, MessageBoardPage
from participation.outcome import pending_outcomes, update_states
from participation.splitting import split_draft
from portal.demo.participation import DEMO_DRAFT, create_consultation
from sites.models import Unit
from sites.provisioning import COUNTY_ADMINS_GROUP

from .test_opinions import open_consultation, section, tasks_in_process  # noqa: F401 (fixture)

User = get_user_model()


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def staff(username: str, unit_slug: str | None, role: str = "editor"):
    user = User.objects.create_user(username, password="pw-not-used")
    if unit_slug is None:
        user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    else:
        unit = Unit.objects.get(slug=unit_slug)
        user.groups.add(unit.editors_group if role == "editor" else unit.reviewers_group)
    return user


def add_opinion(
    page, content: str, *, email: str = "", phone: str = "13800000001", article_label: str = "", **fields
):
    article = page.articles.get(label=article_label) if article_label else None
    return submit_opinion(
        page,
        OpinionInput(
            content=content,
            stance=fields.pop("stance", Stance.NEUTRAL),
            article=article,
            phone=phone,
            email=email,
            consent=True,
            channel=fields.pop("channel", Channel.ONLINE),
        ),
    )


def close(page):
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(days=1)
    )
    update_states()
    page.refresh_from_db()
    return page


# --- the draft ---


def test_draft_is_split_on_articles_with_chapters_as_headings():
    articles = split_draft(DEMO_DRAFT)
    assert [article.label for article in articles] == [f"第{n}条" for n in "一二三四五六七八"]
    assert articles[2].text.startswith("第三条 农贸市场每日开市时间为早上6时至晚上8时")
    assert articles[0].heading == "第一章 总则"
    assert articles[3].heading == "第二章 经营管理"


def test_plans_split_on_sections_then_subsections():
    plan = (
        "关于某事的方案\n一、总体要求\n做好某事。\n二、主要任务\n（一）第一项\n内容。\n（二）第二项\n内容。"
    )
    assert [article.label for article in split_draft(plan)] == ["一、", "二、"]
    notice = "通知\n（一）事项一\n内容一\n（二）事项二\n内容二"
    assert [article.label for article in split_draft(notice)] == ["（一）", "（二）"]
    assert split_draft("没有编号的一段话。") == []


def test_editor_pastes_the_draft_in_the_admin_and_it_is_split(client, small_county):
    reviewer = staff("py_reviewer", "pingyuan", "reviewer")
    client.force_login(reviewer)
    parent = section("pingyuan")
    now = timezone.localtime()
    data = nested_form_data(
        {
            "title": "平原镇集镇农贸市场管理办法（征求意见稿）",
            "slug": "market",
            "method": "consultation",
            "summary": "",
            "audience": "社会公众",
            "opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "closes_at": (now + timedelta(days=20)).strftime("%Y-%m-%d %H:%M"),
            "outcome_working_days": "15",
            "draft_text": DEMO_DRAFT,
            "drafting_explanation": rich_text("<p>起草说明</p>"),
            "articles": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/add/participation/consultationpage/{parent.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ConsultationPage.objects.get(slug="market", locale=parent.locale)
    # A draft until its review approves it (review app).
    assert not page.live
    assert [article.label for article in page.articles.all()][:3] == ["第一条", "第二条", "第三条"]

    # Adjusted by hand, the articles stay as the editor left them on the next save.
    articles = list(page.articles.all())
    forms = [
        {"id": a.pk, "label": a.label, "heading": a.heading, "text": a.text, "ORDER": str(i)}
        for i, a in enumerate(articles)
    ]
    forms[2]["label"] = "第三条（开市时间）"
    data.update(nested_form_data({"articles": inline_formset(forms, initial=len(forms))}))
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = ConsultationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.articles.all()[2].label == "第三条（开市时间）"


# --- states ---


def test_states_follow_the_times_only_when_the_schedule_runs(client, small_county):
    now = timezone.now()
    page = open_consultation(opens_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=2))
    assert page.state == ConsultationState.UPCOMING
    # Viewing the page does not change the state: only the scheduled task does.
    ConsultationPage.objects.filter(pk=page.pk).update(opens_at=now - timedelta(minutes=1))
    client.get(page.url)
    page.refresh_from_db()
    assert page.state == ConsultationState.UPCOMING
    assert update_states() == 1
    page.refresh_from_db()
    assert page.state == ConsultationState.OPEN
    assert update_states(now + timedelta(hours=3)) == 1
    page.refresh_from_db()
    assert page.state == ConsultationState.CLOSED


def test_publishing_a_revision_keeps_the_state(small_county):
    page = open_consultation()
    assert page.state == ConsultationState.OPEN
    ConsultationPage.objects.filter(pk=page.pk).update(state=ConsultationState.CLOSED)
    page = ConsultationPage.objects.get(pk=page.pk)
    page.summary = "改一改简介"
    page.save_revision().publish()
    assert ConsultationPage.objects.get(pk=page.pk).state == ConsultationState.CLOSED


def test_a_copy_made_in_another_language_after_the_outcome_shows_it_published(client, small_county):
    """Provisioning mirrors a section's new pages into the Dai and Jingpo trees; a copy made after
    the outcome must not go on showing the consultation as merely closed."""
    from wagtail.models import Locale

    page = close(open_consultation())
    ConsultationOutcome.objects.create(consultation=page, summary="没有收到意见。")
    publish_outcome(page, None)
    # Copied from a page loaded before the outcome was published: it carries the older state.
    dai = page.copy_for_translation(Locale.objects.get(language_code="tdd"), copy_parents=True, alias=True)
    assert ConsultationPage.objects.get(pk=dai.pk).state == ConsultationState.CLOSED
    update_states()
    assert ConsultationPage.objects.get(pk=dai.pk).state == ConsultationState.OUTCOME_PUBLISHED
    html = client.get(dai.url + "outcome/").content.decode()
    assert "没有收到意见。" in html


def test_beat_schedule_runs_the_state_task(settings):
    from cms.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["participation-consultation-states"]
    assert entry["task"] == "participation.update_consultation_states"
    assert entry["task"] in app.tasks


# --- decisions ---


def test_reason_required_unless_adopted_and_change_required_when_adopted(small_county):
    page = open_consultation()
    opinion = add_opinion(page, "意见")
    moderate(opinion, Moderation.PUBLIC, None)
    with pytest.raises(ValidationError) as error:
        decide(opinion, Decision.NOT_ADOPTED, "", "", None)
    assert "必须说明理由" in str(error.value)
    with pytest.raises(ValidationError) as error:
        decide(opinion, Decision.ADOPTED, "", "", None)
    assert "写明对草案作了哪些修改" in str(error.value)
    decide(opinion, Decision.ADOPTED, "", "第三条改为早上5时半开市。", None)
    opinion.refresh_from_db()
    assert opinion.decision == Decision.ADOPTED and opinion.decided_at


def test_outcome_cannot_be_published_while_open_undecided_or_without_summary(small_county):
    page = open_consultation()
    opinion = add_opinion(page, "意见一")
    ConsultationOutcome.objects.create(consultation=page, summary="")
    with pytest.raises(ValidationError) as error:
        publish_outcome(page, None)
    messages = " ".join(error.value.messages)
    assert "尚未截止" in messages and "未审核或未作出处理决定" in messages and "总体情况说明" in messages
    close(page)
    ConsultationOutcome.objects.filter(consultation=page).update(summary="总体情况")
    with pytest.raises(ValidationError):
        publish_outcome(page, None)
    moderate(opinion, Moderation.PRIVATE, None)
    decide(opinion, Decision.NOT_ADOPTED, "与上位法不符。", "", None)
    publish_outcome(page, None)
    page.refresh_from_db()
    assert page.state == ConsultationState.OUTCOME_PUBLISHED


def test_spam_does_not_block_or_count(small_county):
    page = open_consultation()
    spam = add_opinion(page, "广告")
    moderate(spam, Moderation.INVALID, None)
    close(page)
    ConsultationOutcome.objects.create(consultation=page, summary="未收到有效意见。")
    publish_outcome(page, None)
    from opinions.outcome import outcome_statistics

    assert outcome_statistics(page).total == 0


@pytest.mark.usefixtures("tasks_in_process")
def test_published_outcome_shows_statistics_reasons_and_notifies_by_email(
    client, small_county, django_capture_on_commit_callbacks
):
    page = open_consultation()
    adopted = add_opinion(
        page, "建议提前开市。", email="a@example.net", article_label="第三条", stance=Stance.SUPPORT
    )
    rejected = add_opinion(
        page, "反对设立临时摊位。", phone="13800000002", stance=Stance.OPPOSE, channel=Channel.LETTER
    )
    private = add_opinion(page, "我叫王五，住在老街12号，建议……", email="c@example.net", phone="13800000003")
    for opinion in (adopted, rejected):
        moderate(opinion, Moderation.PUBLIC, None)
    moderate(private, Moderation.PRIVATE, None)
    decide(adopted, Decision.ADOPTED, "", "第三条开市时间改为早上5时半。", None)
    decide(rejected, Decision.NOT_ADOPTED, "临时摊位方便农户销售自产农产品，予以保留。", "", None)
    decide(private, Decision.OUT_OF_SCOPE, "不属于本办法规定的事项。", "", None)
    close(page)
    ConsultationOutcome.objects.create(consultation=page, summary="共收到意见 3 条。\n采纳 1 条。")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_outcome(page, None)

    consultation_html = client.get(page.url).content.decode()
    assert "查看意见采纳情况" in consultation_html
    response = client.get(page.url + "outcome/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "共收到有效意见 3 条" in html
    assert "第三条开市时间改为早上5时半。" in html
    assert "临时摊位方便农户销售自产农产品，予以保留。" in html
    assert "不属于本办法规定的事项。" in html
    assert "王五" not in html and "老街12号" not in html
    assert "不予公开" in html
    # Counts by channel, stance and decision.
    assert '<th scope="row">信函</th><td>1</td>' in html
    assert '<th scope="row">反对</th><td>1</td>' in html
    assert '<th scope="row">采纳</th><td>1</td>' in html

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["a@example.net", "c@example.net"]
    for message in mail.outbox:
        code = Opinion.objects.get(email=message.to[0]).tracking_code
        assert code in message.body and code in message.subject
    assert Opinion.objects.filter(notified_at__isnull=False).count() == 2


def test_outcome_page_is_not_there_before_publication(client, small_county):
    page = open_consultation()
    assert client.get(page.url + "outcome/").status_code == 404


def test_identical_opinions_are_grouped_and_answered_once(small_county):
    page = open_consultation()
    first = add_opinion(page, "建议延长开市时间。", phone="13800000011")
    second = add_opinion(page, "开市时间太短，建议延长。", phone="13800000012")
    for opinion in (first, second):
        moderate(opinion, Moderation.PUBLIC, None)
    group = group_opinions([first, second], "建议延长开市时间")
    answered = decide_group(
        group, Decision.PARTLY_ADOPTED, "街天延长，平日不变。", "第三条增加街天延长的规定。", None
    )
    assert answered == 2
    assert set(Opinion.objects.values_list("decision", flat=True)) == {Decision.PARTLY_ADOPTED}
    adopted, others = outcome_entries(page)
    assert len(adopted) == 1 and adopted[0].count == 2 and others == []


# --- admin: tenancy, decisions, publishing, export, overdue ---


@pytest.fixture
def two_units(small_county):
    pingyuan = open_consultation()
    scjg = create_consultation(
        section("scjg"),
        title="县市场监管局征求意见",
        slug="scjg-consultation",
        draft=DEMO_DRAFT,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=5),
    )
    return (
        pingyuan,
        scjg,
        add_opinion(pingyuan, "平原镇的意见"),
        add_opinion(scjg, "市场监管局的意见", phone="13800000099"),
    )


def test_staff_see_and_decide_only_their_units_opinions(client, two_units):
    _pingyuan, scjg, ours, theirs = two_units
    client.force_login(staff("py_editor", "pingyuan"))
    index = client.get("/admin/opinions_admin/").content.decode()
    assert ours.tracking_code in index and theirs.tracking_code not in index
    assert client.get(f"/admin/opinions_admin/edit/{theirs.pk}/").status_code == 404
    assert (
        client.post(f"/admin/opinions_admin/edit/{theirs.pk}/", {"moderation": "public"}).status_code == 404
    )
    assert client.get(f"/admin/participation/{scjg.pk}/outcome/").status_code == 404
    assert client.get(f"/admin/participation/{scjg.pk}/export/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.moderation == Moderation.PENDING

    # Deciding without a reason is refused in Chinese; with one it is saved.
    url = f"/admin/opinions_admin/edit/{ours.pk}/"
    response = client.post(
        url, {"moderation": "public", "decision": "not_adopted", "reason": "", "change_made": ""}
    )
    assert response.status_code == 200
    assert "除“采纳”外，必须说明理由" in response.content.decode()
    ours.refresh_from_db()
    assert ours.decision == ""
    response = client.post(
        url, {"moderation": "public", "decision": "not_adopted", "reason": "理由", "change_made": ""}
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.moderation, ours.decision, ours.reason) == ("public", "not_adopted", "理由")
    assert ours.content == "平原镇的意见"


def test_county_admin_sees_every_unit(client, two_units):
    _pingyuan, scjg, ours, theirs = two_units
    client.force_login(staff("county", None))
    index = client.get("/admin/opinions_admin/").content.decode()
    assert ours.tracking_code in index and theirs.tracking_code in index
    assert client.get(f"/admin/participation/{scjg.pk}/outcome/").status_code == 200


def test_staff_register_opinions_received_offline(client, two_units):
    pingyuan, scjg, _ours, _theirs = two_units
    client.force_login(staff("py_editor", "pingyuan"))
    data = {
        "consultation": pingyuan.pk,
        "article": pingyuan.articles.get(label="第五条").pk,
        "channel": "letter",
        "submitted_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "content": "来信：建议临时摊位也要登记联系电话。",
        "stance": "neutral",
        "name": "来信人",
        "phone": "0692-1234567",
        "email": "",
    }
    response = client.post("/admin/opinions_admin/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    opinion = Opinion.objects.get(channel="letter")
    assert (
        opinion.article_label == "第五条"
        and opinion.tracking_code
        and opinion.registered_by.username == "py_editor"
    )
    # Another unit's consultation is not offered.
    data["consultation"] = scjg.pk
    data["content"] = "另一条"
    assert client.post("/admin/opinions_admin/new/", data).status_code == 200
    assert Opinion.objects.filter(channel="letter").count() == 1


def test_only_reviewers_publish_the_outcome(client, small_county):
    page = open_consultation()
    opinion = add_opinion(page, "意见")
    moderate(opinion, Moderation.PUBLIC, None)
    decide(opinion, Decision.NOT_ADOPTED, "理由", "", None)
    close(page)
    url = f"/admin/participation/{page.pk}/outcome/"
    client.force_login(staff("py_editor", "pingyuan"))
    denied = client.post(url, {"summary": "总体情况", "publish": "1"})
    # Wagtail answers a refused admin action with a redirect to the dashboard and a message.
    assert denied.status_code == 302 and denied["Location"] == "/admin/"
    page.refresh_from_db()
    assert page.state == ConsultationState.CLOSED
    client.force_login(staff("py_reviewer", "pingyuan", "reviewer"))
    assert client.post(url, {"summary": "总体情况", "publish": "1"}).status_code == 302
    page.refresh_from_db()
    assert page.state == ConsultationState.OUTCOME_PUBLISHED


def test_export_lists_every_opinion_with_decision_and_reason(client, small_county):
    page = open_consultation()
    first = add_opinion(page, "意见甲", article_label="第三条")
    add_opinion(page, "意见乙", phone="13800000002")
    moderate(first, Moderation.PUBLIC, None)
    decide(first, Decision.NOT_ADOPTED, "理由甲", "", None)
    client.force_login(staff("py_editor", "pingyuan"))
    response = client.get(f"/admin/participation/{page.pk}/export/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 2
    header = [cell.value for cell in sheet[2]]
    by_content = {row[header.index("意见内容")]: row for row in rows}
    assert by_content["意见甲"][header.index("处理结果")] == "不采纳"
    assert by_content["意见甲"][header.index("理由")] == "理由甲"
    assert by_content["意见甲"][header.index("针对条款")] == "第三条"
    assert by_content["意见乙"][header.index("处理结果")] == "未处理"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://example.com","点此")', "=1+1"])
def test_export_writes_citizen_text_as_text_never_as_a_formula(client, small_county, text):
    page = open_consultation()
    add_opinion(page, text)
    client.force_login(staff("py_editor", "pingyuan"))
    response = client.get(f"/admin/participation/{page.pk}/export/")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[2]]
    cell = sheet.cell(row=3, column=header.index("意见内容") + 1)
    assert (cell.value, cell.data_type) == (text, "s")


def test_overdue_outcomes_are_listed_for_the_unit_and_the_county(client, small_county):
    page = open_consultation()
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=timezone.now() - timedelta(days=90), closes_at=timezone.now() - timedelta(days=60)
    )
    update_states()
    page.refresh_from_db()
    [item] = pending_outcomes(Unit.objects.filter(slug="pingyuan"))
    assert item.overdue and item.deadline.working_days == 15
    assert pending_outcomes(Unit.objects.filter(slug="scjg")) == []
    client.force_login(staff("py_editor", "pingyuan"))
    assert "已逾期" in client.get("/admin/participation/").content.decode()
    assert "采纳情况已逾期未公布" in client.get("/admin/").content.decode()
    client.force_login(staff("scjg_editor", "scjg"))
    assert page.title not in client.get("/admin/participation/").content.decode()
    client.force_login(staff("county", None))
    assert "已逾期" in client.get("/admin/participation/").content.decode()


def test_demo_has_an_open_and_a_closed_consultation_with_its_outcome(client, demo):
    default = ConsultationPage.objects.filter(locale__language_code="zh-hans")
    [open_one] = default.filter(state=ConsultationState.OPEN)
    assert open_one.unit.slug == "pingyuan" and open_one.articles.count() == 8
    [closed] = default.filter(state=ConsultationState.OUTCOME_PUBLISHED)
    # Mirrored into the Dai and Jingpo trees (so provisioning has nothing left to add), in step.
    for page in (open_one, closed, MessageBoardPage.objects.get(locale__language_code="zh-hans")):
        copies = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
        assert sorted(copies.values_list("locale__language_code", flat=True)) == ["kac", "tdd"]
        assert all(copy.alias_of_id == page.pk for copy in copies)
    assert {
        copy.state for copy in ConsultationPage.objects.filter(translation_key=closed.translation_key)
    } == {ConsultationState.OUTCOME_PUBLISHED}
    html = client.get(closed.url + "outcome/").content.decode()
    assert "停车管理不属于本通知范围" in html
    assert client.get(open_one.url).status_code == 200
    assert "13900000" not in client.get(closed.url).content.decode()
