"""Translations per unit: a unit's staff translate their own unit's pages and nobody else's.

wagtail-localize checks only a global permission in some of its views (platform-notes.md); the
project scopes them (sites/translation_views.py, sites/middleware.py). The matrix below plays every
wagtail-localize admin action on a translation of the user's own unit and of another unit and
compares the whole row with the expected one, as tests/test_tenancy.py does for page actions.
Translators work through PO files; editors send a translation into the unit's review and the
reviewers publish it. The report 缺少傣文/景颇文版本的页面 lists each unit's pages still lacking a
Dai or Jingpo version. Browser checks are in tests/browser/test_translation_tenancy.py.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page, PageLogEntry, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from disclosure.models import DisclosureAttribute, GovernmentDocumentPage
from sites.models import Unit, UnitProfilePage
from sites.provisioning import COUNTY_ADMINS_GROUP
from tests.test_documents import new_document

OWN, OTHER = "pingyuan", "scjg"
DAI_TITLE = "ᥘᥣᥭᥰ ᥛᥫᥒᥰ ᥙᥤᥒᥰ ᥕᥢᥰ"
DAI_BODY = "ᥖᥣᥲ ᥘᥣᥭᥰ ᥑᥨᥒᥰ ᥛᥫᥒᥰ"
_counter = itertools.count()


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def make_user(role: str, unit_slug: str = OWN):
    user = get_user_model().objects.create_user(
        f"{role}-{next(_counter)}", f"u{next(_counter)}@example.cn", "x"
    )
    if role == "county_admin":
        user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    else:
        unit = Unit.objects.get(slug=unit_slug)
        user.groups.add(unit.editors_group if role == "editor" else unit.reviewers_group)
    return user


def refused(response) -> bool:
    """Refused the way the admin refuses: 403/404, or Wagtail's redirect to the dashboard."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response.url == "/admin/")


def filled_po(translation: Translation, strings: dict[str, str]) -> bytes:
    """The translation's PO file with `strings` (msgctxt → text) filled in, as a translator returns it."""
    po = translation.export_po()
    for entry in po:
        for context, text in strings.items():
            if entry.msgctxt == context or entry.msgctxt.startswith(f"{context}."):
                entry.msgstr = text
    return str(po).encode()


def po_upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("translation.po", content, content_type="text/x-gettext-translation")


def live_text(page: Page) -> str:
    page = Page.objects.get(pk=page.pk).specific
    return f"{page.title} {page.body if isinstance(page, GovernmentDocumentPage) else ''}"


@dataclass
class TranslationFixture:
    """A live Chinese document of a unit with Dai and Jingpo translations started (not published)."""

    unit_slug: str
    page: GovernmentDocumentPage
    dai: Translation
    kac: Translation

    @classmethod
    def create(cls, unit_slug: str) -> TranslationFixture:
        page = new_document(unit_slug, title=f"{unit_slug}译文测试{next(_counter)}")
        translate_object(page, [locale("tdd"), locale("kac")])
        source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
        return cls(
            unit_slug=unit_slug,
            page=page,
            dai=Translation.objects.get(source=source, target_locale=locale("tdd")),
            kac=Translation.objects.get(source=source, target_locale=locale("kac")),
        )

    def target(self, translation: Translation) -> Page:
        return Page.objects.get(translation_key=self.page.translation_key, locale=translation.target_locale)

    @property
    def title_segment(self) -> StringSegment:
        return StringSegment.objects.get(source=self.dai.source, context__path="title")


ACTIONS = (
    "submit",
    "edit_translation",
    "sync",
    "edit_string",
    "download_po",
    "upload_po",
    "preview",
    "report",
    "submit_for_review",
    "publish",
    "sync_publish",
    "machine_translate",
    "stop",
    "restart",
    "convert_to_alias",
)
# Unit staff translate and send translations to review; the review's approval makes them public.
UNIT_STAFF_CANNOT = {"publish", "sync_publish", "convert_to_alias"}
# No machine translator knows Dai or Jingpo (WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None): 404 for all.
NOBODY_CAN = {"machine_translate"}


def expected_row(role: str, target: str) -> dict[str, bool]:
    if role != "county_admin" and target == OTHER:
        return dict.fromkeys(ACTIONS, False)
    cannot = NOBODY_CAN | (UNIT_STAFF_CANNOT if role != "county_admin" else set())
    return {action: action not in cannot for action in ACTIONS}


class TranslationActions:
    """Each method tries one wagtail-localize action on the target unit's translation and says
    whether it took effect (run in ACTIONS order: the later ones change the translation)."""

    def __init__(self, client, capture_on_commit, target: TranslationFixture):
        self.client, self.capture_on_commit, self.target = client, capture_on_commit, target
        self.dai_page = target.target(target.dai)

    def submit(self) -> bool:
        page = new_document(self.target.unit_slug, title="待翻译的文件")
        self.client.post(f"/admin/localize/submit/page/{page.id}/", {"locales": [locale("tdd").id]})
        return Page.objects.filter(
            translation_key=page.translation_key, locale=locale("tdd"), alias_of__isnull=True
        ).exists()

    def edit_translation(self) -> bool:
        response = self.client.get(f"/admin/pages/{self.dai_page.id}/edit/")
        return response.status_code == 200 and "js-translation-editor" in response.content.decode()

    def sync(self) -> bool:
        response = self.client.get(f"/admin/localize/update/{self.target.dai.source_id}/")
        return response.status_code == 200 and self.target.page.title in response.content.decode()

    def edit_string(self) -> bool:
        url = f"/admin/localize/translate/{self.target.dai.id}/strings/{self.target.title_segment.id}/edit/"
        self.client.put(url, urlencode({"value": "ᥖᥭᥰ"}), content_type="application/x-www-form-urlencoded")
        return StringTranslation.objects.filter(locale=locale("tdd"), data="ᥖᥭᥰ").exists()

    def download_po(self) -> bool:
        response = self.client.get(f"/admin/localize/translate/{self.target.dai.id}/pofile/download/")
        return (
            response.status_code == 200 and f'msgid "{self.target.page.title}"' in response.content.decode()
        )

    def upload_po(self) -> bool:
        content = filled_po(self.target.dai, {"title": DAI_TITLE, "body": DAI_BODY})
        self.client.post(
            f"/admin/localize/translate/{self.target.dai.id}/pofile/upload/",
            {"file": po_upload(content), "next": "/admin/"},
        )
        return StringTranslation.objects.filter(locale=locale("tdd"), data=DAI_TITLE).exists()

    def preview(self) -> bool:
        response = self.client.get(f"/admin/localize/translate/{self.target.dai.id}/preview/")
        return response.status_code == 200 and DAI_TITLE in response.content.decode()

    def report(self) -> bool:
        response = self.client.get(f"/admin/translations/{self.target.unit_slug}/")
        return response.status_code == 200 and self.target.page.title in response.content.decode()

    def submit_for_review(self) -> bool:
        self.client.post(f"/admin/translations/submit-for-review/{self.target.dai.id}/")
        return WorkflowState.objects.filter(object_id=str(self.dai_page.id), status="in_progress").exists()

    def publish(self) -> bool:
        with self.capture_on_commit(execute=True):
            self.client.post(f"/admin/pages/{self.dai_page.id}/edit/", {"action": "publish"})
        page = Page.objects.get(pk=self.dai_page.pk)
        return page.live and page.title == DAI_TITLE

    def sync_publish(self) -> bool:
        with self.capture_on_commit(execute=True):
            self.client.post(
                f"/admin/localize/update/{self.target.dai.source_id}/", {"publish_translations": "on"}
            )
        return self.target.target(self.target.kac).live

    def machine_translate(self) -> bool:
        response = self.client.post(f"/admin/localize/translate/{self.target.dai.id}/machine_translate/")
        return response.status_code != 404 and not refused(response)

    def stop(self) -> bool:
        self.client.post(f"/admin/localize/translate/{self.target.dai.id}/disable/", {"next": "/admin/"})
        return not Translation.objects.get(pk=self.target.dai.pk).enabled

    def restart(self) -> bool:
        Translation.objects.filter(pk=self.target.dai.pk).update(enabled=False)
        self.client.post(f"/admin/pages/{self.dai_page.id}/edit/", {"localize-restart-translation": "1"})
        return Translation.objects.get(pk=self.target.dai.pk).enabled

    def convert_to_alias(self) -> bool:
        self.client.post(f"/admin/localize/page/{self.dai_page.id}/convert_to_alias/")
        return Page.objects.get(pk=self.dai_page.pk).alias_of_id == self.target.page.id


@pytest.mark.django_db
@pytest.mark.parametrize("target", [OWN, OTHER])
@pytest.mark.parametrize("role", ["editor", "reviewer", "county_admin"])
def test_translation_matrix(small_county, client, django_capture_on_commit_callbacks, role, target):
    fixture = TranslationFixture.create(target)
    client.force_login(make_user(role))
    actions = TranslationActions(client, django_capture_on_commit_callbacks, fixture)
    row = {action: getattr(actions, action)() for action in ACTIONS}
    assert row == expected_row(role, target)


# --- Done when: an editor of 平原镇 cannot create or publish a translation of a 县市场监督管理局 page ---


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_pingyuan_staff_cannot_create_or_publish_a_translation_of_a_scjg_page(
    small_county, client, django_capture_on_commit_callbacks, role
):
    scjg_page = new_document(OTHER, title="县市场监督管理局抽检公告")
    started = TranslationFixture.create(OTHER)
    dai_page = started.target(started.dai)
    client.force_login(make_user(role))

    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.get(f"/admin/localize/submit/page/{scjg_page.id}/"),
            client.post(f"/admin/localize/submit/page/{scjg_page.id}/", {"locales": [locale("tdd").id]}),
            client.post(f"/admin/pages/{dai_page.id}/edit/", {"action": "publish"}),
            client.post(f"/admin/localize/update/{started.dai.source_id}/", {"publish_translations": "on"}),
            client.post(f"/admin/translations/submit-for-review/{started.dai.id}/"),
        ]
    assert all(refused(response) for response in responses), [r.status_code for r in responses]
    assert (
        not Page.objects.filter(translation_key=scjg_page.translation_key).exclude(pk=scjg_page.pk).exists()
    )
    assert not Translation.objects.filter(source__object_id=scjg_page.translation_key).exists()
    dai_page.refresh_from_db()
    assert not dai_page.live and not WorkflowState.objects.filter(object_id=str(dai_page.id)).exists()
    assert not started.target(started.kac).live


@pytest.mark.django_db
def test_po_file_of_another_units_translation_is_refused_with_403(small_county, client):
    other = TranslationFixture.create(OTHER)
    client.force_login(make_user("editor"))
    download = client.get(f"/admin/localize/translate/{other.dai.id}/pofile/download/")
    assert download.status_code == 403
    assert other.page.title not in download.content.decode()
    upload = client.post(
        f"/admin/localize/translate/{other.dai.id}/pofile/upload/",
        {"file": po_upload(filled_po(other.dai, {"title": DAI_TITLE})), "next": "/admin/"},
    )
    assert upload.status_code == 403
    assert not StringTranslation.objects.filter(data=DAI_TITLE).exists()


# --- the PO workflow and the review -------------------------------------------------------------


@pytest.mark.django_db
def test_editor_translates_through_a_po_file_and_the_reviewers_publish_it(
    small_county, client, django_capture_on_commit_callbacks
):
    editor, reviewer = make_user("editor"), make_user("reviewer")
    page = new_document(OWN, title="平原镇防汛通知")
    dai = locale("tdd")

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/submit/page/{page.id}/", {"locales": [dai.id]})
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=dai)
    dai_page = Page.objects.get(translation_key=page.translation_key, locale=dai)
    # Starting a translation publishes nothing: editors may not publish.
    assert not dai_page.live
    assert not PageLogEntry.objects.filter(page=dai_page, action="wagtail.publish").exists()

    download = client.get(f"/admin/localize/translate/{translation.id}/pofile/download/")
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert {entry.msgid for entry in po} >= {"平原镇防汛通知", "正文"}
    for entry in po:
        entry.msgstr = {"title": DAI_TITLE}.get(entry.msgctxt, DAI_BODY if entry.msgid == "正文" else "")
    report_url = f"/admin/translations/{OWN}/"
    upload = client.post(
        f"/admin/localize/translate/{translation.id}/pofile/upload/",
        {"file": po_upload(str(po).encode()), "next": report_url},
    )
    assert upload.status_code == 302 and upload.url == report_url

    # The editor cannot publish the translation, but sends it into the unit's two-step review.
    with django_capture_on_commit_callbacks(execute=True):
        assert refused(client.post(f"/admin/pages/{dai_page.id}/edit/", {"action": "publish"}))
    response = client.post(f"/admin/translations/submit-for-review/{translation.id}/", {"next": report_url})
    assert response.status_code == 302 and response.url == report_url
    dai_page.refresh_from_db()
    assert not dai_page.live
    first = dai_page.current_workflow_task_state
    assert first.task.name == "保密审查（平原镇）"
    assert DAI_TITLE in first.revision.content["title"]

    client.force_login(reviewer)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[dai_page.pk, "approve", first.pk]),
        {"comment": ""},
    )
    dai_page.refresh_from_db()
    second = dai_page.current_workflow_task_state
    assert second.task.name == "发布审查（平原镇）"
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[dai_page.pk, "approve", second.pk]),
        {"comment": ""},
    )
    dai_page.refresh_from_db()
    assert dai_page.live and dai_page.current_workflow_task_state is None
    assert DAI_TITLE in live_text(dai_page) and DAI_BODY in live_text(dai_page)
    public = client.get(dai_page.url)
    assert public.status_code == 200
    assert DAI_TITLE in public.content.decode() and DAI_BODY in public.content.decode()


@pytest.mark.django_db
def test_a_translation_in_review_leaves_the_public_page_as_it_was(small_county, client):
    """The page's place in the Dai tree keeps showing what it showed until the reviewers approve."""
    profile = UnitProfilePage.objects.get(locale__language_code="zh-hans", url_path__contains=f"/{OWN}/")
    client.force_login(make_user("editor"))
    client.post(f"/admin/localize/submit/page/{profile.id}/", {"locales": [locale("tdd").id]})
    translation = Translation.objects.get(
        source__object_id=profile.translation_key, target_locale=locale("tdd")
    )
    client.post(
        f"/admin/localize/translate/{translation.id}/pofile/upload/",
        {"file": po_upload(filled_po(translation, {"title": DAI_TITLE})), "next": "/admin/"},
    )
    client.post(f"/admin/translations/submit-for-review/{translation.id}/")

    dai_page = Page.objects.get(translation_key=profile.translation_key, locale=locale("tdd"))
    assert dai_page.workflow_in_progress
    public = client.get("/tdd/zwgk/pingyuan/profile/")
    assert public.status_code == 200
    assert DAI_TITLE not in public.content.decode() and profile.title in public.content.decode()

    # Sending it again while it is in review changes nothing.
    response = client.post(f"/admin/translations/submit-for-review/{translation.id}/", follow=True)
    assert "已在审查中" in response.content.decode()
    assert WorkflowState.objects.filter(object_id=str(dai_page.id)).count() == 1


@pytest.mark.django_db
def test_publish_immediately_is_offered_to_county_administrators_only(small_county, client):
    own = TranslationFixture.create(OWN)
    url = f"/admin/localize/update/{own.dai.source_id}/"
    for role in ("editor", "reviewer"):
        client.force_login(make_user(role))
        response = client.get(url)
        assert response.status_code == 200 and 'name="publish_translations"' not in response.content.decode()
    client.force_login(make_user("county_admin"))
    assert 'name="publish_translations"' in client.get(url).content.decode()


# --- the report 缺少傣文/景颇文版本的页面 -------------------------------------------------------------


def lacking_count(html: str, language: str) -> int:
    match = re.search(rf"缺少{language}版本：(\d+) 页", html)
    assert match, f"no count for {language}"
    return int(match.group(1))


def report_rows(html: str) -> str:
    match = re.search(r'<table class="listing" id="lacking-pages">.*?</table>', html, re.S)
    return match.group(0) if match else ""


def menu_links(client) -> set[tuple[str, str]]:
    """(label, url) of every link in the admin sidebar menu, which Wagtail ships as JSON."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    found: set[tuple[str, str]] = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str) and isinstance(node.get("url"), str):
                found.add((node["label"], node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return found


def own_public_chinese_pages(unit_slug: str) -> list[Page]:
    section = Unit.objects.get(slug=unit_slug).section_in(locale("zh-hans"))
    pages = Page.objects.descendant_of(section, inclusive=True).live().filter(alias_of__isnull=True)
    return [page for page in pages.specific() if getattr(page, "is_publicly_disclosed", True)]


@pytest.mark.django_db
def test_report_lists_the_editors_own_pages_lacking_dai_or_jingpo(small_county, client):
    own_doc = new_document(OWN, title="平原镇未翻译的通知")
    new_document(OWN, title="平原镇草稿", publish=False)
    new_document(OWN, title="平原镇内部请示", disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
    other_doc = new_document(OTHER, title="市场监管局未翻译的公告")
    client.force_login(make_user("editor"))

    response = client.get("/admin/translations/")
    assert response.status_code == 302 and response.url == f"/admin/translations/{OWN}/"
    html = client.get(response.url).content.decode()
    rows = report_rows(html)
    pages = own_public_chinese_pages(OWN)
    assert lacking_count(html, "傣文") == lacking_count(html, "景颇文") == len(pages)
    for page in pages:
        assert f'data-page="{page.id}"' in rows
    assert "平原镇草稿" not in html  # not live: nothing to translate yet
    assert "平原镇内部请示" not in html  # never public, in any language
    assert other_doc.title not in html and "市场监督管理局" not in html
    # A page created outside the admin has no Dai page at all; provisioned ones are aliases.
    assert re.search(rf'data-page="{own_doc.id}".*?data-language="tdd" data-state="missing"', rows, re.S)
    start = f"/admin/localize/submit/page/{own_doc.id}/?select_locale=tdd&amp;next=/admin/translations/{OWN}/"
    assert start in rows

    # Once the profile page's Dai translation is published, only Jingpo is lacking for it.
    profile = UnitProfilePage.objects.get(locale__language_code="zh-hans", url_path__contains=f"/{OWN}/")
    translate_object(profile, [locale("tdd")])
    translation = Translation.objects.get(
        source__object_id=profile.translation_key, target_locale=locale("tdd")
    )
    translation.import_po(polib.pofile(filled_po(translation, {"title": DAI_TITLE}).decode()))
    translation.save_target(publish=False)
    Page.objects.get(
        translation_key=profile.translation_key, locale=locale("tdd")
    ).get_latest_revision().publish()
    html = client.get(f"/admin/translations/{OWN}/").content.decode()
    assert lacking_count(html, "傣文") == len(pages) - 1
    assert lacking_count(html, "景颇文") == len(pages)
    row = re.search(rf'<tr data-page="{profile.id}">.*?</tr>', report_rows(html), re.S).group(0)
    assert 'data-language="tdd" data-state="published"' in row
    assert 'data-language="kac" data-state="alias"' in row


@pytest.mark.django_db
def test_report_of_another_unit_is_not_found(small_county, client):
    client.force_login(make_user("editor"))
    assert client.get(f"/admin/translations/{OTHER}/").status_code == 404
    client.force_login(make_user("reviewer", OTHER))
    assert client.get(f"/admin/translations/{OWN}/").status_code == 404


@pytest.mark.django_db
def test_county_admins_see_every_unit_and_staff_of_no_unit_see_none(small_county, client):
    client.force_login(make_user("county_admin"))
    html = client.get("/admin/translations/").content.decode()
    for unit in Unit.objects.all():
        assert f'data-unit="{unit.slug}"' in html
        assert client.get(f"/admin/translations/{unit.slug}/").status_code == 200

    # Admin access but no unit: nothing to report, and no menu entry.
    nobody = get_user_model().objects.create_user("nobody", password="x")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get("/admin/translations/").status_code == 404
    assert "/admin/translations/" not in {url for _label, url in menu_links(client)}


@pytest.mark.django_db
def test_report_menu_entry_leads_unit_staff_to_their_unit(small_county, client):
    client.force_login(make_user("reviewer"))
    assert ("缺少傣文/景颇文版本的页面", "/admin/translations/") in menu_links(client)
    assert client.get("/admin/translations/").url == f"/admin/translations/{OWN}/"
