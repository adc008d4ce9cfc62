"""Policy interpretations (政策解读): linking both ways, never exposing a non-public policy, the
county-wide column with its filters, the 3-working-day duty, "submit together", and tenancy.

Browser checks (the demo interpretation and its Dai and Jingpo versions) are in
tests/browser/test_interpretation.py.
"""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.models import DisclosureAttribute, GovernmentDocumentPage, InterpretationRequirement
from interpretation.models import (
    InterpretationIndexPage,
    InterpretationKind,
    InterpretationPage,
    InterpretedPolicy,
)
from interpretation.services import (
    interpretation_duties,
    public_interpretations_of,
    requires_interpretation_with_policy,
)
from sites.models import Unit, UnitSectionPage
from sites.provisioning import COUNTY_ADMINS_GROUP, provision_units
from tests.test_documents import new_document, statutory
from tests.test_tenancy import document_form
from workdays.services import is_working_day, working_days_between

CHINA = ZoneInfo("Asia/Shanghai")
SECRET_TITLE = "不应公开的政策文件标题"
_numbers = itertools.count()


# --- helpers ----------------------------------------------------------------------------------


def qa_body(question: str = "这项政策适用于谁？", answer: str = "<p>适用于全县。</p>") -> list:
    return [("question_answer", {"question": question, "answer": RichText(answer)})]


def new_interpretation(
    parent: Page,
    policies: list[GovernmentDocumentPage],
    *,
    publish: bool = True,
    kind: str = InterpretationKind.TEXT,
    body: list | None = None,
    title: str | None = None,
    first_published_at: datetime.datetime | None = None,
) -> InterpretationPage:
    number = next(_numbers)
    page = InterpretationPage(
        title=title or f"测试解读{number}",
        slug=f"interpretation-{number}",
        kind=kind,
        body=body or qa_body(),
        live=False,
        first_published_at=first_published_at,
    )
    page.policy_links = [InterpretedPolicy(policy=policy) for policy in policies]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def county_column() -> InterpretationIndexPage:
    section = UnitSectionPage.objects.get(unit__slug="xzfb", locale__language_code="zh-hans")
    return InterpretationIndexPage.objects.child_of(section).get()


def member(unit_slug: str | None, role: str):
    user = get_user_model().objects.create_user(f"{role}-{next(_numbers)}", password="x")
    if unit_slug is None:
        user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    else:
        unit = Unit.objects.get(slug=unit_slug)
        user.groups.add(unit.reviewers_group if role == "reviewer" else unit.editors_group)
    return user


def working_days_ago(count: int, today: datetime.date | None = None) -> datetime.datetime:
    """10:00 on a working day from which today is the `count`-th working day."""
    day = today or timezone.localdate()
    remaining = count
    while remaining:
        if is_working_day(day):
            remaining -= 1
        day -= datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    assert working_days_between(day, today or timezone.localdate()) == count
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=CHINA)


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


# --- linking both ways ------------------------------------------------------------------------


@pytest.mark.django_db
def test_interpretation_links_its_policy_and_the_policy_lists_it(small_county, client):
    policy = new_document("scjg", title="县市场监督管理局食品经营许可管理办法")
    other = new_document("scjg", title="县市场监督管理局另一份文件")
    interpretation = new_interpretation(statutory("scjg"), [policy], title="食品经营许可管理办法问答")

    page = html(client, interpretation.url)
    assert "县市场监督管理局食品经营许可管理办法" in page and f'href="{policy.url}"' in page
    assert "县市场监督管理局" in page  # the interpreting unit
    assert other.title not in page

    listed = html(client, policy.url)
    assert (
        "政策解读" in listed
        and f'href="{interpretation.url}"' in listed
        and "食品经营许可管理办法问答" in listed
    )
    assert "食品经营许可管理办法问答" not in html(client, other.url)


@pytest.mark.django_db
def test_a_draft_interpretation_is_not_listed_on_the_policy(small_county, client):
    policy = new_document("scjg")
    new_interpretation(statutory("scjg"), [policy], publish=False, title="尚未发布的解读")
    assert "尚未发布的解读" not in html(client, policy.url)
    assert public_interpretations_of(policy) == []


@pytest.mark.django_db
def test_one_interpretation_may_explain_several_policies(small_county, client):
    first, second = new_document("pingyuan", title="第一份政策"), new_document("pingyuan", title="第二份政策")
    interpretation = new_interpretation(statutory("pingyuan"), [first, second], title="两份政策的解读")
    page = html(client, interpretation.url)
    assert page.index("第一份政策") < page.index("第二份政策")
    assert "两份政策的解读" in html(client, first.url) and "两份政策的解读" in html(client, second.url)


# --- a non-public policy is never exposed -----------------------------------------------------


def surfaces(interpretation: InterpretationPage) -> list[str]:
    return [
        interpretation.url,
        county_column().url,
        f"{county_column().url}?unit=pingyuan",
        f"{county_column().url}?kind=text",
    ]


def listings(interpretation: InterpretationPage) -> list[str]:
    return [url for url in surfaces(interpretation) if url != interpretation.url]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, changed_later",
    [
        (DisclosureAttribute.ON_REQUEST, False),
        (DisclosureAttribute.NOT_PUBLIC, False),
        (DisclosureAttribute.ON_REQUEST, True),
        (DisclosureAttribute.NOT_PUBLIC, True),
        ("withdrawn", True),  # withdrawn "from the start" is the unpublished-policy test below
    ],
)
def test_interpretation_goes_off_the_site_with_its_policy(small_county, client, change, changed_later):
    """An interpretation retells its policy: when the policy is not public (restricted from the
    start, made non-public or withdrawn later) the interpretation is on no public surface either."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    first = DisclosureAttribute.PUBLIC if changed_later else change
    policy = new_document("pingyuan", title=SECRET_TITLE, disclosure_attribute=first)
    interpretation = new_interpretation(statutory("pingyuan"), [policy], title="某政策的解读")
    if changed_later:
        assert "某政策的解读" in html(client, interpretation.url)
        if change == "withdrawn":
            UnpublishPageAction(policy).execute(skip_permission_checks=True)
        else:
            policy.disclosure_attribute = change
            policy.save_revision().publish()

    for url in listings(interpretation):
        page = html(client, url)
        assert SECRET_TITLE not in page, url
        assert policy.url not in page, url
        assert "某政策的解读" not in page, url
    assert client.get(interpretation.url).status_code == 404
    assert interpretation.url not in client.get("/sitemap.xml").content.decode()
    if changed_later:
        # Withdrawn, so that it leaves the site search too, and its editors see why.
        assert not Page.objects.get(pk=interpretation.pk).live


@pytest.mark.django_db
def test_interpretation_of_an_unpublished_policy_is_public_only_once_the_policy_is(small_county, client):
    policy = new_document("pingyuan", title=SECRET_TITLE, publish=False)
    interpretation = new_interpretation(statutory("pingyuan"), [policy], title="同步发布的解读")
    assert client.get(interpretation.url).status_code == 404
    assert "同步发布的解读" not in html(client, county_column().url)
    policy.save_revision().publish()
    assert SECRET_TITLE in html(client, interpretation.url)
    assert "同步发布的解读" in html(client, county_column().url)


@pytest.mark.django_db
def test_control_row_a_public_policy_shows_on_every_surface(small_county, client):
    """Proves the surfaces above would show the policy if it were public."""
    policy = new_document("pingyuan", title=SECRET_TITLE)
    interpretation = new_interpretation(statutory("pingyuan"), [policy])
    for url in surfaces(interpretation):
        assert SECRET_TITLE in html(client, url), url


# --- the county-wide column -------------------------------------------------------------------


@pytest.fixture
def three_interpretations(small_county):
    chart = [
        (
            "chart",
            {
                "title": "补贴标准",
                "unit": "元",
                "rows": [{"label": "一档", "value": "120.5"}, {"label": "二档", "value": "241"}],
                "source": "县市场监督管理局",
            },
        )
    ]
    case = [
        (
            "case",
            {"title": "某商户的案例", "facts": RichText("<p>情况</p>"), "analysis": RichText("<p>说明</p>")},
        )
    ]
    return {
        "pingyuan": new_interpretation(
            statutory("pingyuan"), [new_document("pingyuan")], title="平原镇的问答解读"
        ),
        "scjg": new_interpretation(
            statutory("scjg"),
            [new_document("scjg")],
            kind=InterpretationKind.GRAPHIC,
            body=chart,
            title="市场监管局的图解",
        ),
        "xzfb": new_interpretation(
            county_column(),
            [new_document("scjg")],
            kind=InterpretationKind.CASE,
            body=case,
            title="县政府办的案例解读",
        ),
        "draft": new_interpretation(
            statutory("pingyuan"), [new_document("pingyuan")], publish=False, title="草稿解读"
        ),
    }


TITLES = {"pingyuan": "平原镇的问答解读", "scjg": "市场监管局的图解", "xzfb": "县政府办的案例解读"}


def listed_titles(client, query: str = "") -> set[str]:
    page = html(client, county_column().url + query)
    assert "草稿解读" not in page
    return {key for key, title in TITLES.items() if title in page}


@pytest.mark.django_db
def test_county_column_lists_every_units_interpretations_and_filters_by_unit_and_form(
    three_interpretations, client
):
    assert listed_titles(client) == {"pingyuan", "scjg", "xzfb"}
    assert listed_titles(client, "?unit=pingyuan") == {"pingyuan"}
    assert listed_titles(client, "?unit=scjg") == {"scjg"}
    assert listed_titles(client, "?kind=graphic") == {"scjg"}
    assert listed_titles(client, "?kind=case") == {"xzfb"}
    assert listed_titles(client, "?unit=pingyuan&kind=graphic") == set()
    assert "没有符合条件的政策解读" in html(client, county_column().url + "?unit=pingyuan&kind=graphic")
    # An unknown filter value is ignored rather than emptying the list.
    assert listed_titles(client, "?unit=nowhere&kind=nonsense") == {"pingyuan", "scjg", "xzfb"}


@pytest.mark.django_db
def test_county_column_offers_only_units_and_forms_it_holds(three_interpretations, client):
    page = html(client, county_column().url)
    assert 'value="pingyuan"' in page and 'value="scjg"' in page
    assert 'value="graphic"' in page and 'value="video"' not in page


@pytest.mark.django_db
def test_a_units_own_column_lists_only_that_units_interpretations(three_interpretations, client):
    section = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    column = InterpretationIndexPage(title="政策解读", slug="interpretations")
    section.add_child(instance=column)
    column.save_revision().publish()
    page = html(client, column.url)
    assert TITLES["pingyuan"] in page and TITLES["scjg"] not in page and TITLES["xzfb"] not in page
    assert 'name="unit"' not in page


@pytest.mark.django_db
def test_chart_is_drawn_without_script_or_inline_style(three_interpretations, client):
    page = html(client, three_interpretations["scjg"].url)
    assert "<svg" in page and 'width="55.00%"' in page  # the largest value takes the full bar span
    assert "<td>120.5</td>" in page and "<td>241</td>" in page
    assert "<script" not in page.split("<main", 1)[1] and 'style="' not in page


# --- provisioning -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_provisioning_opens_the_county_column_once_in_every_language(small_county, small_county_records):
    column = county_column()
    assert column.live and column.url == "/zwgk/xzfb/interpretations/"
    for code in ("tdd", "kac"):
        assert InterpretationIndexPage.objects.get(locale__language_code=code).alias_of_id == column.pk
    pingyuan = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    assert not InterpretationIndexPage.objects.child_of(pingyuan).exists()
    assert provision_units(small_county_records).changed == 0


# --- the 3-working-day duty -------------------------------------------------------------------


def states(unit_slug: str | None = None) -> dict[str, str]:
    units = None if unit_slug is None else [Unit.objects.get(slug=unit_slug)]
    result = {}
    for duty in interpretation_duties(units):
        if duty.is_overdue:
            result[duty.policy.title] = "overdue"
        elif duty.is_pending:
            result[duty.policy.title] = "pending"
        else:
            result[duty.policy.title] = "late" if duty.was_late else "on_time"
    return result


@pytest.mark.django_db
def test_policy_published_four_working_days_ago_without_interpretation_is_overdue(small_county, client):
    four_ago = working_days_ago(4)
    overdue = new_document(
        "scjg", title="四个工作日前发布、尚无解读", is_normative=True, first_published_at=four_ago
    )
    interpreted = new_document(
        "scjg", title="四个工作日前发布、已有解读", is_normative=True, first_published_at=four_ago
    )
    new_interpretation(
        statutory("scjg"), [interpreted], first_published_at=four_ago + datetime.timedelta(days=1)
    )
    due_today = new_document(
        "scjg", title="三个工作日前发布", is_normative=True, first_published_at=working_days_ago(3)
    )
    not_needed = new_document("scjg", title="不需要解读的通知", first_published_at=four_ago)
    waived = new_document(
        "scjg",
        title="规范性文件但注明不需要解读",
        is_normative=True,
        interpretation_required=InterpretationRequirement.NOT_REQUIRED,
        first_published_at=four_ago,
    )
    marked = new_document(
        "scjg",
        title="非规范性文件但注明需要解读",
        interpretation_required=InterpretationRequirement.REQUIRED,
        first_published_at=four_ago,
    )

    expected = {
        overdue.title: "overdue",
        interpreted.title: "on_time",
        due_today.title: "pending",
        marked.title: "overdue",
    }
    assert states("scjg") == expected
    assert states() == expected  # the county sees the same
    assert not_needed.title not in states() and waived.title not in states()

    # As the unit's reviewer and a county administrator see it in the admin.
    client.force_login(member("scjg", "reviewer"))
    unit_page = html(client, "/admin/interpretation/units/scjg/")
    overdue_section = unit_page.split("interpretation-duties--overdue", 1)[1].split("</section>", 1)[0]
    assert overdue.title in overdue_section and interpreted.title not in overdue_section
    assert "已逾期 1 个工作日" in overdue_section and "计算方法" in overdue_section
    client.force_login(member(None, "county_admin"))
    county_page = html(client, "/admin/interpretation/county/")
    overdue_section = county_page.split("interpretation-duties--overdue", 1)[1].split("</section>", 1)[0]
    assert overdue.title in overdue_section and "县市场监督管理局" in overdue_section
    assert interpreted.title not in overdue_section


@pytest.mark.django_db
def test_interpretation_published_after_the_limit_is_recorded_as_late(small_county):
    published = working_days_ago(10)
    policy = new_document("pingyuan", title="迟到的解读", is_normative=True, first_published_at=published)
    assert states("pingyuan") == {policy.title: "overdue"}
    new_interpretation(statutory("pingyuan"), [policy])
    assert states("pingyuan") == {policy.title: "late"}


@pytest.mark.django_db
def test_an_unpublished_or_non_public_interpretation_does_not_count(small_county):
    policy = new_document(
        "pingyuan", title="只有草稿解读", is_normative=True, first_published_at=working_days_ago(5)
    )
    new_interpretation(statutory("pingyuan"), [policy], publish=False)
    assert states("pingyuan") == {policy.title: "overdue"}


@pytest.mark.django_db
def test_non_public_and_repealed_policies_owe_no_public_interpretation(small_county):
    new_document(
        "pingyuan",
        is_normative=True,
        disclosure_attribute=DisclosureAttribute.NOT_PUBLIC,
        first_published_at=working_days_ago(5),
    )
    assert states("pingyuan") == {}


# --- "submit together" ------------------------------------------------------------------------


def policy_form(title: str, slug: str, **extra) -> dict:
    """The admin form of a normative document (行政规范性文件)."""
    return document_form(title, slug, **{"is_normative": "on", **extra})


def set_option(client, unit_slug: str, on: bool):
    return client.post(
        f"/admin/interpretation/units/{unit_slug}/", {"require_with_policy": "on"} if on else {}
    )


@pytest.mark.django_db
def test_only_reviewers_and_county_admins_set_the_submit_together_option(small_county, client):
    client.force_login(member("pingyuan", "editor"))
    refused = set_option(client, "pingyuan", True)
    # Wagtail answers a refused admin action by sending the user back to the dashboard.
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert not requires_interpretation_with_policy(Unit.objects.get(slug="pingyuan"))
    client.force_login(member("pingyuan", "reviewer"))
    assert set_option(client, "pingyuan", True).status_code == 302
    assert "本单位要求政策解读与政策文件同步报审" not in html(client, "/admin/interpretation/units/pingyuan/")
    client.force_login(member("pingyuan", "editor"))
    assert "本单位要求政策解读与政策文件同步报审" in html(client, "/admin/interpretation/units/pingyuan/")
    client.force_login(member("scjg", "reviewer"))
    assert set_option(client, "pingyuan", False).status_code == 404


@pytest.mark.django_db
def test_submit_together_holds_a_policy_until_its_interpretation_is_submitted(small_county, client):
    reviewer, editor = member("pingyuan", "reviewer"), member("pingyuan", "editor")
    client.force_login(reviewer)
    set_option(client, "pingyuan", True)
    client.force_login(editor)
    policy = new_document("pingyuan", publish=False, title="草拟的规范性文件")
    edit_url = f"/admin/pages/{policy.pk}/edit/"

    response = client.post(
        edit_url,
        policy_form("草拟的规范性文件（修改稿）", policy.slug, **{"action-submit": "1"}),
        follow=True,
    )
    policy.refresh_from_db()
    assert not policy.workflow_in_progress
    # Nothing typed is lost: the change is kept as a draft, and the editor is told why.
    assert policy.get_latest_revision_as_object().title == "草拟的规范性文件（修改稿）"
    assert "本单位要求政策文件与政策解读同步报审" in response.content.decode()

    # A draft interpretation is not enough; one sent to review is.
    interpretation = new_interpretation(statutory("pingyuan"), [policy], publish=False)
    client.post(edit_url, policy_form("草拟的规范性文件（修改稿）", policy.slug, **{"action-submit": "1"}))
    policy.refresh_from_db()
    assert not policy.workflow_in_progress
    interpretation.get_workflow().start(interpretation, editor)
    client.post(edit_url, policy_form("草拟的规范性文件（修改稿）", policy.slug, **{"action-submit": "1"}))
    policy.refresh_from_db()
    assert policy.workflow_in_progress


@pytest.mark.django_db
def test_submit_together_holds_a_new_policy_and_spares_documents_needing_no_interpretation(
    small_county, client
):
    client.force_login(member("pingyuan", "reviewer"))
    set_option(client, "pingyuan", True)
    client.force_login(member("pingyuan", "editor"))
    add_url = f"/admin/pages/add/disclosure/governmentdocumentpage/{statutory('pingyuan').pk}/"

    client.post(add_url, policy_form("新的规范性文件", "new-normative", **{"action-submit": "1"}))
    held = GovernmentDocumentPage.objects.get(slug="new-normative", locale=Locale.get_default())
    assert not held.workflow_in_progress and not held.live

    client.post(add_url, policy_form("普通通知", "plain-notice", is_normative="", **{"action-submit": "1"}))
    assert GovernmentDocumentPage.objects.get(
        slug="plain-notice", locale=Locale.get_default()
    ).workflow_in_progress


@pytest.mark.django_db
def test_without_the_option_a_policy_goes_to_review_at_once(small_county, client):
    client.force_login(member("pingyuan", "editor"))
    policy = new_document("pingyuan", publish=False)
    client.post(
        f"/admin/pages/{policy.pk}/edit/", policy_form(policy.title, policy.slug, **{"action-submit": "1"})
    )
    policy.refresh_from_db()
    assert policy.workflow_in_progress


# --- tenancy ----------------------------------------------------------------------------------


def interpretation_form(title: str, slug: str, policy: GovernmentDocumentPage) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kind": InterpretationKind.TEXT,
            "interpreter": "",
            "summary": "",
            "policy_links": inline_formset([{"policy": policy.pk}]),
            "body": streamfield(
                [("question_answer", {"question": "问题", "answer": rich_text("<p>回答</p>")})]
            ),
            "comments": inline_formset([]),
        }
    )


@pytest.mark.django_db
def test_a_unit_cannot_attach_an_interpretation_to_another_units_policy(small_county, client):
    other_unit_policy = new_document("scjg", title=SECRET_TITLE)
    own_policy = new_document("pingyuan")
    client.force_login(member("pingyuan", "editor"))
    add_url = f"/admin/pages/add/interpretation/interpretationpage/{statutory('pingyuan').pk}/"

    response = client.post(add_url, interpretation_form("越权的解读", "foreign", other_unit_policy))
    assert response.status_code == 200
    assert "只能关联本单位的政策文件" in response.content.decode()
    assert SECRET_TITLE not in response.content.decode()
    assert not InterpretationPage.objects.filter(slug="foreign").exists()

    client.post(add_url, interpretation_form("本单位的解读", "own", own_policy))
    assert InterpretationPage.objects.filter(slug="own").exists()

    # Nor can it put an interpretation in the other unit's section at all.
    foreign_add = f"/admin/pages/add/interpretation/interpretationpage/{statutory('scjg').pk}/"
    response = client.post(foreign_add, interpretation_form("别处的解读", "elsewhere", other_unit_policy))
    assert (
        response.status_code in (302, 403)
        and not InterpretationPage.objects.filter(slug="elsewhere").exists()
    )


@pytest.mark.django_db
def test_the_county_office_may_interpret_any_units_policy(small_county, client):
    policy = new_document("scjg")
    client.force_login(member("xzfb", "editor"))
    add_url = f"/admin/pages/add/interpretation/interpretationpage/{county_column().pk}/"
    client.post(add_url, interpretation_form("县政府办的解读", "county-office", policy))
    assert InterpretationPage.objects.filter(slug="county-office").exists()


@pytest.mark.django_db
def test_a_unit_cannot_see_another_units_overdue_list(small_county, client):
    new_document("scjg", title=SECRET_TITLE, is_normative=True, first_published_at=working_days_ago(6))
    client.force_login(member("pingyuan", "editor"))
    assert client.get("/admin/interpretation/units/scjg/").status_code == 404
    assert client.get("/admin/interpretation/county/").status_code == 404
    index = client.get("/admin/interpretation/")
    assert index.status_code == 302 and index.url.endswith("/admin/interpretation/units/pingyuan/")
    assert SECRET_TITLE not in html(client, "/admin/interpretation/units/pingyuan/")
    # Control: the unit's own reviewers see it.
    client.force_login(member("scjg", "reviewer"))
    assert SECRET_TITLE in html(client, "/admin/interpretation/units/scjg/")


# --- forms of interpretation ------------------------------------------------------------------


def library_file(unit_slug: str, name: str, content: bytes):
    unit = Unit.objects.get(slug=unit_slug)
    return get_document_model().objects.create(
        title=name, file=ContentFile(content, name=name), collection=unit.collection
    )


def video_body(video, captions) -> list:
    return [
        ("video", {"title": "三分钟看懂", "video": video, "captions": captions, "transcript": "文字稿内容"})
    ]


@pytest.mark.django_db
def test_video_interpretation_plays_with_captions_and_its_files_are_public_only_once_published(
    small_county, client
):
    video = library_file("pingyuan", "jiedu.mp4", b"\x00\x00\x00\x18ftypmp42")
    captions = library_file("pingyuan", "jiedu.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\n政策解读\n".encode())
    page = new_interpretation(
        statutory("pingyuan"),
        [new_document("pingyuan")],
        kind=InterpretationKind.VIDEO,
        body=video_body(video, captions),
        publish=False,
    )
    assert client.get(video.url).status_code == 404 and client.get(captions.url).status_code == 404
    page.save_revision().publish()
    rendered = html(client, page.url)
    assert f'<source src="{video.url}" type="video/mp4">' in rendered
    assert f'<track kind="captions" src="{captions.url}" srclang="zh-hans"' in rendered
    assert "文字稿内容" in rendered
    assert client.get(video.url).status_code == 200 and client.get(captions.url).status_code == 200


@pytest.mark.django_db
def test_video_block_refuses_files_that_are_not_video_and_webvtt(small_county):
    from django.core.exceptions import ValidationError

    from interpretation.blocks import VideoBlock

    pdf = library_file("pingyuan", "not-a-video.pdf", b"%PDF-1.4")
    block = VideoBlock()
    with pytest.raises(ValidationError) as raised:
        block.clean(block.to_python({"title": "t", "video": pdf.pk, "captions": pdf.pk, "transcript": ""}))
    errors = raised.value.block_errors
    assert "MP4 或 WebM" in str(errors["video"]) and "WebVTT" in str(errors["captions"])


@pytest.mark.django_db
def test_form_must_match_the_content(small_county):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        new_interpretation(statutory("pingyuan"), [new_document("pingyuan")], kind=InterpretationKind.VIDEO)
    assert "视频解读的正文须包含至少一个带字幕的视频" in str(raised.value)


# --- demo -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_interprets_the_seed_document_with_sample_dai_and_jingpo_pages(demo, client):

    demo = InterpretationPage.objects.get(locale=Locale.get_default())
    assert demo.kind == InterpretationKind.TEXT and demo.live
    seed = GovernmentDocumentPage.objects.get(slug="yingjiang-openness-standardisation-plan-2020")
    page = html(client, demo.url)
    assert seed.title in page and "谁起草、谁解读" in page
    assert demo.title in html(client, seed.url)

    dai = demo.get_translation(Locale.objects.get(language_code="tdd"))
    jingpo = demo.get_translation(Locale.objects.get(language_code="kac"))
    for translation in (dai, jingpo):
        assert translation.live and translation.alias_of_id is None
        text = html(client, translation.url)
        assert "示例文字，不是译文" in text and seed.title in text  # the policy, still only in Chinese
    assert any("\u1950" <= char <= "\u197f" for char in dai.title)
    assert "Jinghpaw" in jingpo.title
    assert InterpretationPage.objects.count() == 3

    # The duty demo: one overdue policy at 县市场监督管理局, one within the limit at 平原镇.
    assert list(states("scjg").values()) == ["overdue"]
    assert list(states("pingyuan").values()) == ["pending"]
