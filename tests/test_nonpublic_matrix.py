"""Every public surface × every non-public attribute, including after a published page is changed.

A non-public document (此件依申请公开, 此件不公开) must not show on its own URL, its translated
copies, column and section listings, RSS and Atom feeds, the sitemap, the unit's catalogue page,
nor through its attachments. A redacted one shows its redacted body only.

The Chinese source decides for every language: a Dai or Jingpo translation published before the
source was withdrawn, restricted or redacted goes with it, and none can be published after. A
withdrawn column or section, or a deactivated unit, takes everything under it off the site.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from catalogue.models import CatalogueItem
from disclosure.blocks import rich_text_stream
from disclosure.domains import Domain
from disclosure.models import DisclosureAttribute, DocumentAttachment, GovernmentDocumentPage
from sites.models import COUNTY_ADMINS_GROUP, Unit, UnitSectionPage
from tests.test_documents import new_document, statutory

SECRET_TITLE = "机密测试文件标题"
SECRET_WORDS = "只在正文里出现的词语"
NON_PUBLIC = [DisclosureAttribute.ON_REQUEST, DisclosureAttribute.NOT_PUBLIC]


def surfaces(page: GovernmentDocumentPage) -> dict[str, str]:
    column = statutory("pingyuan").url
    dai = GovernmentDocumentPage.objects.get(
        translation_key=page.translation_key, locale=Locale.objects.get(language_code="tdd")
    )
    return {
        "page": page.url,
        "dai_copy": dai.url,
        "column": column,
        "column_rss": f"{column}rss/",
        "column_atom": f"{column}atom/",
        "section": "/zwgk/pingyuan/",
        "section_rss": "/zwgk/pingyuan/rss/",
        "section_atom": "/zwgk/pingyuan/atom/",
        "sitemap": "/sitemap.xml",
        "catalogue": "/zwgk/pingyuan/catalogue/",
        "search_title": f"/search/?q={SECRET_TITLE}",
        "search_body": f"/search/?q={SECRET_WORDS}",
        "search_unit": f"/search/?q={SECRET_TITLE}&unit=pingyuan",
        "search_dai": f"/tdd/search/?q={SECRET_TITLE}",
    }


def shows(client, url: str, page: GovernmentDocumentPage) -> bool:
    response = client.get(url)
    # The sitemap lists addresses, not titles; a search page repeats the query, so for both the
    # document's address (also inside its Dai copy's address) is what shows it.
    marker = page.url if url == "/sitemap.xml" or "search/" in url else SECRET_TITLE
    return response.status_code == 200 and marker in response.content.decode()


def build(attribute: str, *, publish_first_as_public: bool) -> tuple[GovernmentDocumentPage, object]:
    unit = Unit.objects.get(slug="pingyuan")
    file = get_document_model().objects.create(
        title="附件", file=ContentFile(b"%PDF-1.4 secret", name="secret.pdf"), collection=unit.collection
    )
    first = DisclosureAttribute.PUBLIC if publish_first_as_public else attribute
    page = new_document(
        "pingyuan",
        title=SECRET_TITLE,
        disclosure_attribute=first,
        domain=Domain.SOCIAL_ASSISTANCE,
        body=rich_text_stream(f"<p>{SECRET_WORDS}</p>"),
    )
    page.attachments.add(DocumentAttachment(document=file))
    page.save_revision().publish()
    # Its copy in the Dai tree, as wagtail-localize's synchronisation makes it.
    page.copy_for_translation(Locale.objects.get(language_code="tdd"), copy_parents=True, alias=True)
    CatalogueItem.objects.create(
        unit=unit,
        domain=Domain.SOCIAL_ASSISTANCE,
        name="测试事项",
        content="内容",
        legal_basis="依据",
        time_limit="时限",
        responsible_body="主体",
        method="主动公开",
        channel="政府网站",
        audience="whole_society",
        column=statutory("pingyuan"),
    )
    if publish_first_as_public:
        page = GovernmentDocumentPage.objects.get(pk=page.pk)
        page.disclosure_attribute = attribute
        page.save_revision().publish()
    return GovernmentDocumentPage.objects.get(pk=page.pk), file


@pytest.mark.django_db
@pytest.mark.parametrize("changed_later", [False, True], ids=["from-the-start", "after-being-public"])
@pytest.mark.parametrize("attribute", NON_PUBLIC)
def test_non_public_document_is_on_no_public_surface(small_county, client, attribute, changed_later):
    page, file = build(attribute, publish_first_as_public=changed_later)
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set()
    assert client.get(page.url).status_code == 404
    assert client.get(file.url).status_code == 404


@pytest.mark.django_db
def test_the_same_document_when_public_is_on_every_surface(small_county, client):
    """The control row: proves each surface above would show the document if it were public."""
    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set(surfaces(page))
    assert client.get(file.url).status_code == 200


@pytest.mark.django_db
def test_wagtail_api_is_not_exposed(small_county, client):
    assert client.get("/api/v2/pages/").status_code == 404


@pytest.mark.django_db
def test_document_cannot_be_saved_even_as_draft_without_an_attribute(small_county, client):
    from tests.test_tenancy import document_form

    user = get_user_model().objects.create_user("drafter", password="x")
    user.groups.add(Unit.objects.get(slug="pingyuan").editors_group)
    client.force_login(user)
    url = f"/admin/pages/add/disclosure/governmentdocumentpage/{statutory('pingyuan').id}/"
    response = client.post(url, document_form("未选属性的草稿", "no-attribute", disclosure_attribute=""))
    assert response.status_code == 200
    assert "必需字段" in response.content.decode()
    assert not GovernmentDocumentPage.objects.filter(slug="no-attribute").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, size, message",
    [
        ("setup.exe", 100, "不被允许"),
        ("big.pdf", 2 * 1024 * 1024, "文件过大"),
    ],
)
def test_attachment_of_forbidden_type_or_size_is_refused_in_chinese(
    small_county, client, settings, name, size, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024
    unit = Unit.objects.get(slug="pingyuan")
    user = get_user_model().objects.create_user("uploader", password="x")
    user.groups.add(unit.editors_group)
    client.force_login(user)
    response = client.post(
        "/admin/documents/add/",
        {"title": "附件", "file": SimpleUploadedFile(name, b"x" * size), "collection": unit.collection_id},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.filter(title="附件").exists()


@pytest.mark.django_db
def test_saving_a_non_public_draft_withdraws_the_live_page_at_once(small_county, client):
    """An editor (who cannot publish) changes a live public document to 此件不公开 and only saves a
    draft: the public page and its files go at once, not when a reviewer publishes."""
    from tests.test_tenancy import document_form

    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    assert client.get(page.url).status_code == 200
    editor = get_user_model().objects.create_user("drafting-editor", password="x")
    editor.groups.add(Unit.objects.get(slug="pingyuan").editors_group)
    staff = client.__class__()
    staff.force_login(editor)
    response = staff.post(
        f"/admin/pages/{page.id}/edit/",
        document_form(page.title, page.slug, disclosure_attribute=DisclosureAttribute.NOT_PUBLIC),
    )
    assert response.status_code == 302
    assert client.get(page.url).status_code == 404
    assert client.get(file.url).status_code == 404
    assert not GovernmentDocumentPage.objects.get(pk=page.pk).live


# --- One disclosure state per document, across languages ----------------------------------------

SOURCE_CHANGES = ["withdrawn", DisclosureAttribute.ON_REQUEST, DisclosureAttribute.NOT_PUBLIC, "redacted"]


def published_translation(page: GovernmentDocumentPage, code: str, capture) -> GovernmentDocumentPage:
    """A real wagtail-localize translation of `page`, published (untranslated strings fall back to
    the Chinese text, so the secret title and words are in it too)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    with capture(execute=True):
        source.create_or_update_translation(
            Locale.objects.get(language_code=code), publish=True, fallback=True
        )
    return GovernmentDocumentPage.objects.get(
        translation_key=page.translation_key, locale__language_code=code
    )


def translation_surfaces(translation: GovernmentDocumentPage) -> dict[str, str]:
    code = translation.locale.language_code
    column = Page.objects.get(pk=translation.get_parent().pk)
    return {
        "page": translation.url,
        "column": column.url,
        "column_rss": f"{column.url}rss/",
        "column_atom": f"{column.url}atom/",
        "section": f"/{code}/zwgk/pingyuan/",
        "section_rss": f"/{code}/zwgk/pingyuan/rss/",
        "section_atom": f"/{code}/zwgk/pingyuan/atom/",
        # The sitemap lists the Chinese tree only (Wagtail's sitemap follows the active locale).
        "search": f"/{code}/search/?q={SECRET_TITLE}",
    }


def shows_translation(client, name: str, url: str, translation: GovernmentDocumentPage) -> bool:
    response = client.get(url)
    marker = SECRET_WORDS if name == "page" else translation.url
    return response.status_code == 200 and marker in response.content.decode()


def change_source(page: GovernmentDocumentPage, change: str) -> None:
    if change == "withdrawn":
        # As the admin's unpublish does by default: the page only, not its translations.
        UnpublishPageAction(page).execute(skip_permission_checks=True)
        return
    page = GovernmentDocumentPage.objects.get(pk=page.pk)
    page.disclosure_attribute = DisclosureAttribute.REDACTED if change == "redacted" else change
    if change == "redacted":
        page.redacted_body = rich_text_stream("<p>删减后的正文</p>")
    page.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize("change", SOURCE_CHANGES)
@pytest.mark.parametrize("code", ["tdd", "kac"], ids=["dai", "jingpo"])
def test_translation_published_before_the_source_changed_goes_with_it(
    small_county, client, django_capture_on_commit_callbacks, code, change
):
    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    if code == "tdd":
        # build() made the Dai copy an alias; a translation replaces it, as translators do.
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=code).delete()
    translation = published_translation(page, code, django_capture_on_commit_callbacks)
    assert [attachment.document_id for attachment in translation.attachments.all()] == [file.pk]
    surfaces_of_translation = translation_surfaces(translation)
    before = {
        name
        for name, url in surfaces_of_translation.items()
        if shows_translation(client, name, url, translation)
    }
    assert before == set(surfaces_of_translation)  # the control: each surface shows it while public

    change_source(page, change)

    seen = {
        name
        for name, url in surfaces_of_translation.items()
        if shows_translation(client, name, url, translation)
    }
    assert seen == set()
    assert not GovernmentDocumentPage.objects.get(pk=translation.pk).live
    if change != "redacted":  # a redacted document keeps no original file public anyway
        assert client.get(file.url).status_code == 404


@pytest.fixture
def translation_of_withheld_source(small_county):
    """A Chinese document made 不公开 after a Dai translation of it was started (not published)."""
    page = new_document("pingyuan", title=SECRET_TITLE, body=rich_text_stream(f"<p>{SECRET_WORDS}</p>"))
    translate_object(page, [Locale.objects.get(language_code="tdd")])
    page.disclosure_attribute = DisclosureAttribute.NOT_PUBLIC
    page.save_revision().publish()
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="tdd"
    )
    target = GovernmentDocumentPage.objects.get(
        translation_key=page.translation_key, locale__language_code="tdd"
    )
    return translation, target


def reviewer_client(client):
    reviewer, _ = get_user_model().objects.get_or_create(username="translation-reviewer")
    reviewer.groups.add(Unit.objects.get(slug="pingyuan").reviewers_group)
    client.force_login(reviewer)
    return client


@pytest.mark.django_db
def test_publishing_a_translation_of_a_withheld_source_is_refused_in_chinese(
    translation_of_withheld_source, client, django_capture_on_commit_callbacks
):
    translation, target = translation_of_withheld_source
    staff = reviewer_client(client)
    with django_capture_on_commit_callbacks(execute=True):
        # wagtail-localize's translation editor publishes with action=publish.
        response = staff.post(f"/admin/pages/{target.id}/edit/", {"action": "publish"}, follow=True)
    assert "它的译文不能发布" in response.content.decode()
    assert not GovernmentDocumentPage.objects.get(pk=target.pk).live

    # Synchronising with "publish immediately" (wagtail-localize's update view) is offered only to
    # those who may publish translations: county administrators (unit staff publish through review).
    county_admin = get_user_model().objects.create_user("translation-county-admin", password="x")
    county_admin.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    staff.force_login(county_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/admin/localize/update/{translation.source_id}/", {"publish_translations": "on"}, follow=True
        )
    assert "它的译文不能发布" in response.content.decode()
    assert not GovernmentDocumentPage.objects.get(pk=target.pk).live

    staff = reviewer_client(client)
    response = staff.post(f"/admin/translations/submit-for-review/{translation.id}/", follow=True)
    assert "它的译文不能发布或提交审核" in response.content.decode()
    assert not GovernmentDocumentPage.objects.get(pk=target.pk).workflow_in_progress


@pytest.mark.django_db
def test_a_translation_published_by_any_other_path_is_withdrawn_at_once(
    translation_of_withheld_source, client
):
    """Workflow approval and scheduled publishing publish a revision directly: the last line."""
    _translation, target = translation_of_withheld_source
    target = GovernmentDocumentPage.objects.get(pk=target.pk)
    target.disclosure_attribute = DisclosureAttribute.PUBLIC  # a stale copy of the attribute
    target.save_revision().publish()
    target = GovernmentDocumentPage.objects.get(pk=target.pk)
    assert not target.live
    assert target.disclosure_attribute == DisclosureAttribute.NOT_PUBLIC
    assert client.get(target.url).status_code == 404


# --- Withdrawn columns and sections, deactivated units --------------------------------------------


def section(code: str = "zh-hans") -> UnitSectionPage:
    return UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code=code)


@pytest.mark.django_db
@pytest.mark.parametrize("withdrawn", ["column", "section"])
def test_unpublishing_a_column_or_section_takes_everything_under_it_off_the_site(
    small_county, client, withdrawn
):
    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    target = statutory("pingyuan") if withdrawn == "column" else section()
    # The admin's unpublish leaves the pages below live unless asked: the site must not.
    UnpublishPageAction(target.specific).execute(skip_permission_checks=True)
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set()
    assert client.get(page.url).status_code == 404
    assert client.get(file.url).status_code == 404


def approve_everything_pending(page: Page) -> None:
    approver = get_user_model().objects.create_superuser("restoring-approver", password="x")
    state = Page.objects.get(pk=page.pk).specific.current_workflow_state
    while state is not None and state.status == state.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, approver, "approve")
        state.refresh_from_db()


@pytest.mark.django_db
def test_deactivating_a_unit_withdraws_it_and_reactivating_restores_it_only_through_review(
    small_county, client
):
    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    unit = Unit.objects.get(slug="pingyuan")
    unit.is_active = False
    unit.save()
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set()
    assert client.get(file.url).status_code == 404

    unit.is_active = True
    unit.save()
    # Nothing comes back by itself: the section waits for the unit's reviewers.
    assert {name for name, url in surfaces(page).items() if shows(client, url, page)} == set()
    assert section().workflow_in_progress
    approve_everything_pending(section())
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set(surfaces(page))
    assert client.get(file.url).status_code == 200


# --- The leaks of single pages ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("replacement_state", ["public", "not_public", "on_request", "draft"])
def test_the_current_version_banner_never_names_a_document_the_public_may_not_see(
    small_county, client, replacement_state
):
    import datetime

    from disclosure.models import Validity

    publish = replacement_state != "draft"
    attribute = DisclosureAttribute.PUBLIC if replacement_state in ("public", "draft") else replacement_state
    replacement = new_document(
        "pingyuan", title=SECRET_TITLE, disclosure_attribute=attribute, publish=publish
    )
    old = new_document(
        "pingyuan",
        title="被替代的文件",
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2026, 4, 1),
        validity_reason="被新文件替代",
        replaced_by=replacement,
    )
    content = client.get(old.url).content.decode()
    assert "被替代的文件" in content
    assert (SECRET_TITLE in content) == (replacement_state == "public")


@pytest.mark.django_db
def test_changing_public_to_redacted_withdraws_the_full_text_during_review(small_county, client):
    """An editor marks a live public document 删减后公开 and saves the redacted text as a draft for
    review: the full text leaves the site at once; the reviewers' publishing brings the redacted one."""
    from wagtail.test.utils.form_data import rich_text, streamfield

    from tests.test_tenancy import document_form

    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    assert SECRET_WORDS in client.get(page.url).content.decode()
    editor = get_user_model().objects.create_user("redacting-editor", password="x")
    editor.groups.add(Unit.objects.get(slug="pingyuan").editors_group)
    staff = client.__class__()
    staff.force_login(editor)
    response = staff.post(
        f"/admin/pages/{page.id}/edit/",
        document_form(
            page.title,
            page.slug,
            disclosure_attribute=DisclosureAttribute.REDACTED,
            body=streamfield([("paragraph", rich_text(f"<p>{SECRET_WORDS}</p>"))]),
            redacted_body=streamfield([("paragraph", rich_text("<p>删减后的正文</p>"))]),
        ),
    )
    assert response.status_code == 302
    assert SECRET_WORDS not in client.get(page.url).content.decode()
    assert client.get(page.url).status_code == 404
    assert client.get(file.url).status_code == 404


# --- Applications for government information (依申请公开) -----------------------------------------

FOI_NAME = "隐名申请人孙八"
FOI_ID = "533122199003071236"
FOI_PHONE = "13812340099"
FOI_EMAIL = "foi-private@example.net"
FOI_DESCRIPTION = "只在申请里出现的所需信息描述"


def foi_surfaces(code: str = "") -> list[str]:
    prefix = f"/{code}" if code else ""
    return [
        f"{prefix}/",
        f"{prefix}/zwgk/",
        f"{prefix}/zwgk/ysqgk/",
        f"{prefix}/zwgk/pingyuan/",
        f"{prefix}/zwgk/pingyuan/rss/",
        f"{prefix}/zwgk/pingyuan/atom/",
        f"{prefix}/zwgk/pingyuan/guide/",
        f"{prefix}/zwgk/pingyuan/guide/rss/",
        f"{prefix}/zwgk/pingyuan/ysqgk/",
        f"{prefix}/zwgk/pingyuan/statutory/",
        f"{prefix}/zwgk/pingyuan/statutory/atom/",
        f"{prefix}/zwgk/pingyuan/catalogue/",
        f"{prefix}/foi/lookup/",
        f"{prefix}/search/?q={FOI_DESCRIPTION}",
        f"{prefix}/search/?q={FOI_NAME}",
        f"{prefix}/search/?q=申请&unit=pingyuan",
    ]


@pytest.mark.django_db
def test_no_applicant_data_on_any_public_page_feed_sitemap_or_search(small_county, client):
    """An application in every stage that shows anything (received, replied with a file, proposed
    for proactive disclosure is the staff's own document): its applicant's name, ID number,
    contacts and description reach no public surface in any language tree."""
    import time

    from foi.models import Application, ReplyFile, State
    from participation import abuse

    response = client.post(
        "/zwgk/pingyuan/ysqgk/",
        {
            "applicant_kind": "citizen",
            "name": FOI_NAME,
            "id_kind": "resident_id",
            "id_number": FOI_ID,
            "phone": FOI_PHONE,
            "email": FOI_EMAIL,
            "description": FOI_DESCRIPTION,
            "delivery_method": "email",
            "carrier": "electronic",
            "consent": "on",
            "started": abuse.form_token(now=time.time() - 10),
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    ReplyFile.objects.create(
        application=application, title=FOI_DESCRIPTION, file=ContentFile(b"%PDF-1.4 x", name="x.pdf")
    )
    Application.objects.filter(pk=application.pk).update(state=State.REPLIED, reply_type="disclosed")
    visitor = client.__class__()
    urls = [*foi_surfaces(), *foi_surfaces("tdd"), *foi_surfaces("kac"), "/sitemap.xml"]
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (FOI_NAME, FOI_ID, FOI_PHONE, FOI_EMAIL, FOI_DESCRIPTION):
            # A search page repeats its query; the other secrets are looked for in its results.
            if "search/" in url and secret in url:
                continue
            assert secret not in body, (url, secret)
    # The controls: the sitemap lists the form, and the applicant reads it all after a look-up.
    assert "/zwgk/pingyuan/ysqgk/" in visitor.get("/sitemap.xml").content.decode()
    found = visitor.post("/foi/lookup/", {"code": application.tracking_code, "last_four": FOI_ID[-4:]})
    assert FOI_DESCRIPTION in found.content.decode()


# --- The annual reports (年度报告) ------------------------------------------------------------------
# A unit's 政府信息公开工作年度报告 is a page with its XLSX and DOCX, listed in its 政府信息公开年报
# column; the portal's 政府网站工作年度报表 has a page and an XLSX under /gzbb/ in each language and
# is shown on the home page. Neither is on any public surface before it is published, nor after it
# is withdrawn, whoever asks: an administrator logged in reads drafts in the admin only.

REPORT_YEAR = 2025
REPORT_KINDS = ["annual_report", "website_report"]
# The addresses that are the report itself: each answers 404 while it is not public.
REPORT_OWN_SURFACES = {"page", "xlsx", "docx"}
FILE_TYPES = {"xlsx": "spreadsheetml", "docx": "wordprocessingml"}


def county_admin_client(client):
    admin, _created = get_user_model().objects.get_or_create(username="report-visitor")
    admin.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    visitor = client.__class__()
    visitor.force_login(admin)
    return visitor


def build_report(kind: str, client, *, publish_first: bool):
    """A draft report of the kind; when `publish_first`, published and then withdrawn as the admin
    withdraws it (the page's 取消发布, the website report's 从首页撤下)."""
    from reports import services
    from reports.website import recount_website

    if kind == "annual_report":
        report = services.generate_report(Unit.objects.get(slug="pingyuan"), REPORT_YEAR, None)
        if publish_first:
            report.get_latest_revision().publish()
            UnpublishPageAction(Page.objects.get(pk=report.pk).specific).execute(skip_permission_checks=True)
        return report.__class__.objects.get(pk=report.pk)
    report = services.new_website_report(REPORT_YEAR)
    report.save()
    recount_website(report)
    if publish_first:
        from reports.admin_forms import WebsiteReportForm

        services.publish_website_report(report, None)
        data = {name: getattr(report, name) or "" for name in WebsiteReportForm.Meta.fields}
        response = county_admin_client(client).post(
            f"/admin/annual-reports/website/{REPORT_YEAR}/", {**data, "action": "unpublish"}
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert not report.is_published
    return report


def publish_report(kind: str, report) -> None:
    from reports import services

    if kind == "annual_report":
        report.get_latest_revision().publish()
    else:
        services.publish_website_report(report, None)


def report_surfaces(kind: str, report) -> dict[str, str]:
    if kind == "annual_report":
        return {
            "page": report.url,
            "xlsx": f"{report.url}xlsx/",
            "docx": f"{report.url}docx/",
            "column": report.get_parent().url,
            "sitemap": "/sitemap.xml",
            "search": f"/search/?q={report.title}",
        }
    surfaces = {}
    for code in ("", "tdd", "kac"):
        prefix, suffix = (f"/{code}", f"_{code}") if code else ("", "")
        surfaces.update(
            {
                f"home{suffix}": f"{prefix}/",
                f"list{suffix}": f"{prefix}/gzbb/",
                f"page{suffix}": f"{prefix}/gzbb/{REPORT_YEAR}/",
                f"xlsx{suffix}": f"{prefix}/gzbb/{REPORT_YEAR}/xlsx/",
            }
        )
    return surfaces


def report_shows(client, name: str, url: str, kind: str, report) -> bool:
    response = client.get(url)
    if response.status_code != 200:
        return False
    file_type = FILE_TYPES.get(name.split("_")[0])
    if file_type:
        return file_type in response["Content-Type"]
    # The sitemap and search list the page's address (a search page repeats its query).
    if kind == "annual_report":
        marker = report.url if name in ("sitemap", "search") else report.title
    else:
        marker = str(report)
    return marker in response.content.decode()


def report_seen(client, kind: str, report) -> set[str]:
    return {
        name
        for name, url in report_surfaces(kind, report).items()
        if report_shows(client, name, url, kind, report)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("changed_later", [False, True], ids=["from-the-start", "after-being-public"])
@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_unpublished_report_is_on_no_public_surface(small_county, client, kind, changed_later):
    report = build_report(kind, client, publish_first=changed_later)
    for visitor in (client, county_admin_client(client)):
        assert report_seen(visitor, kind, report) == set()
        for name, url in report_surfaces(kind, report).items():
            if name.split("_")[0] in REPORT_OWN_SURFACES:
                assert visitor.get(url).status_code == 404, url


@pytest.mark.django_db
@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_the_same_report_when_published_is_on_every_surface(small_county, client, kind):
    """The control row: proves each surface above would show the report if it were public."""
    report = build_report(kind, client, publish_first=False)
    publish_report(kind, report)
    for visitor in (client, county_admin_client(client)):
        assert report_seen(visitor, kind, report) == set(report_surfaces(kind, report))


# --- 网站地图, the footer and 我为政府网站找错 (issue 15) ---------------------------------------------
# The site map lists public columns only; a report's name, contact and description reach no public
# surface, the look-up by its tracking code included (it shows the status, the reply and the dates).

ZHAOCUO_NAME = "找错人隐名李四"
ZHAOCUO_CONTACT = "zhaocuo-private@example.net"
ZHAOCUO_DESCRIPTION = "只在找错描述里出现的文字"


@pytest.mark.django_db
@pytest.mark.parametrize("hidden_by", ["login", "password", "group", "unpublished", "section_unpublished"])
def test_a_private_column_is_never_in_the_site_map(small_county, client, hidden_by):
    from wagtail.models import PageViewRestriction

    from disclosure.models import ColumnKind, ColumnPage

    section = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    column = ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.STATUTORY)
    assert f'href="{column.url}"' in client.get("/wangzhanditu/").content.decode()  # the control
    url = column.url
    if hidden_by == "unpublished":
        column.unpublish()
    elif hidden_by == "section_unpublished":
        # Only the section: its columns stay live, yet none is public without it.
        Page.objects.filter(pk=section.pk).update(live=False)
    else:
        restriction = PageViewRestriction.objects.create(
            page=section if hidden_by == "group" else column,
            restriction_type={"login": "login", "password": "password", "group": "groups"}[hidden_by],
            password="secret" if hidden_by == "password" else "",
        )
        if hidden_by == "group":
            restriction.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    html = client.get("/wangzhanditu/").content.decode()
    assert f'href="{url}"' not in html


@pytest.mark.django_db
def test_no_reporter_data_on_the_lookup_the_site_map_or_any_page(small_county, client):
    import time

    from captcha.models import CaptchaStore

    from errorreports.models import ErrorReport
    from participation import abuse

    client.get("/zhaocuo/")
    store = CaptchaStore.objects.latest("id")
    response = client.post(
        "/zhaocuo/",
        {
            "category": "content",
            "page_url": "/zwgk/pingyuan/",
            "description": ZHAOCUO_DESCRIPTION,
            "name": ZHAOCUO_NAME,
            "contact": ZHAOCUO_CONTACT,
            "started": abuse.form_token(now=time.time() - 10),
            "captcha_0": store.hashkey,
            "captcha_1": store.response,
        },
    )
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    report.reply = "已更正，感谢指正。"
    report.save()
    visitor = client.__class__()
    pages = [
        "/",
        "/zwgk/",
        "/zwgk/pingyuan/",
        "/wangzhanditu/",
        "/zhaocuo/",
        "/sitemap.xml",
        "/tdd/wangzhanditu/",
    ]
    responses = {url: visitor.get(url) for url in pages}
    responses["lookup"] = visitor.post("/zhaocuo/lookup/", {"code": report.tracking_code})
    responses["receipt"] = client.get("/zhaocuo/submitted/")
    for url, response in responses.items():
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (ZHAOCUO_NAME, ZHAOCUO_CONTACT, ZHAOCUO_DESCRIPTION):
            assert secret not in body, (url, secret)
    # The control: the look-up found the report (its code and its state show).
    assert report.tracking_code in responses["lookup"].content.decode()


# --- News and notices (新闻, 通知公告) and the home page's blocks ----------------------------------
# A news or notice page is on the home page, its column, the feeds, the site search and the sitemap
# only while it is live and not restricted; a draft, a withdrawn page, a password-protected one or one
# whose section was withdrawn is on none of them.

NEWS_TITLE = "只在测试里出现的新闻标题"
NEWS_STATES = ["draft", "withdrawn", "private", "section_withdrawn"]


def withhold(page: Page, state: str) -> None:
    """Take a published page of 平原镇's off the public site the way `state` names, if it names one."""
    if state == "withdrawn":
        UnpublishPageAction(page).execute(skip_permission_checks=True)
    elif state == "private":
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    elif state == "section_withdrawn":
        UnpublishPageAction(section().specific).execute(skip_permission_checks=True)
    elif state == "unit_deactivated":
        unit = Unit.objects.get(slug="pingyuan")
        unit.is_active = False
        unit.save()


def build_publication(kind: str, state: str):
    from disclosure.models import ColumnPage, NewsPage, NoticePage

    model = NewsPage if kind == "news" else NoticePage
    column = ColumnPage(title="工作动态", slug="gzdt")
    section().add_child(instance=column)
    column.save_revision().publish()
    page = model(title=NEWS_TITLE, slug="secret-news", body=f"<p>{SECRET_WORDS}</p>", live=False)
    column.add_child(instance=page)
    revision = page.save_revision()
    if state != "draft":
        revision.publish()
    page = model.objects.get(pk=page.pk)
    withhold(page, state)
    return model.objects.get(pk=page.pk), column


def publication_surfaces(page, column) -> dict[str, str]:
    return {
        "page": f"/zwgk/pingyuan/gzdt/{page.slug}/",
        "column": "/zwgk/pingyuan/gzdt/",
        "home": "/",
        "search": f"/search/?q={NEWS_TITLE}",
        "sitemap": "/sitemap.xml",
        "section_rss": "/zwgk/pingyuan/rss/",
        "section_atom": "/zwgk/pingyuan/atom/",
        "column_rss": "/zwgk/pingyuan/gzdt/rss/",
        "column_atom": "/zwgk/pingyuan/gzdt/atom/",
    }


def publication_shows(client, url: str) -> bool:
    response = client.get(url)
    body = response.content.decode()
    if url == "/sitemap.xml" or "search/" in url:
        return response.status_code == 200 and "/zwgk/pingyuan/gzdt/secret-news/" in body
    return response.status_code == 200 and (NEWS_TITLE in body or SECRET_WORDS in body)


@pytest.mark.django_db
@pytest.mark.parametrize("state", NEWS_STATES)
@pytest.mark.parametrize("kind", ["news", "notice"])
def test_non_public_news_is_on_no_public_surface(small_county, client, kind, state):
    from django.core.cache import cache

    page, column = build_publication(kind, state)
    cache.clear()
    seen = {
        name for name, url in publication_surfaces(page, column).items() if publication_shows(client, url)
    }
    assert seen == set()
    for url in ["/tdd/", "/kac/"]:
        assert NEWS_TITLE not in client.get(url).content.decode(), url


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["news", "notice"])
def test_the_same_news_when_public_is_on_every_surface(small_county, client, kind):
    """The control row: the home page, column, feeds, search and sitemap would show it if it were public."""
    page, column = build_publication(kind, "published")
    seen = {
        name for name, url in publication_surfaces(page, column).items() if publication_shows(client, url)
    }
    assert seen == set(publication_surfaces(page, column))


# --- Consultations and messages on the home page and the 互动交流 hub ----------------------------------
# A consultation shows on the home page's 互动交流 block and in the hub's lists only while it is live
# and not restricted; a withdrawn, password-protected one or one whose section was withdrawn is on none
# of them. A message shows only once answered and made public, and never with its writer's details.

CONSULTATION_TITLE = "只在测试里出现的征求意见稿标题"
CONSULTATION_STATES = ["withdrawn", "private", "section_withdrawn", "unit_deactivated"]
HUB_SURFACES = ["/", "/hudong/", "/hudong/consultations/", "/hudong/consultations/?unit=pingyuan"]


def build_consultation(state: str):
    from tests.test_opinions import open_consultation

    page = open_consultation("pingyuan", title=CONSULTATION_TITLE, slug="secret-consultation")
    withhold(page, state)
    return page


def hub_seen(client, marker: str) -> set[str]:
    from django.core.cache import cache

    cache.clear()
    return {url for url in HUB_SURFACES if marker in client.get(url).content.decode()}


@pytest.mark.django_db
@pytest.mark.parametrize("state", CONSULTATION_STATES)
def test_non_public_consultation_is_on_no_hub_or_home_surface(small_county, client, state):
    build_consultation(state)
    assert hub_seen(client, CONSULTATION_TITLE) == set()


@pytest.mark.django_db
def test_the_same_consultation_when_public_is_on_every_hub_surface(small_county, client):
    """The control row: an open consultation is on the home page and each hub list."""
    build_consultation("published")
    assert hub_seen(client, CONSULTATION_TITLE) == set(HUB_SURFACES)


MESSAGE_SUBJECT = "只在测试里出现的留言标题"
MESSAGE_SECRETS = ("留言人岩保密", "13911112222", "liuyan-secret@example.net")


@pytest.mark.django_db
@pytest.mark.parametrize("moderation", ["pending", "private", "invalid", "unanswered", "public"])
def test_messages_on_the_hub_only_when_answered_and_public_and_never_with_their_writer(
    small_county, client, moderation
):
    from participation.models import Message, MessageBoardPage, MessageModeration
    from participation.tracking import new_code

    board = MessageBoardPage(title="网民留言", slug="messages")
    section().add_child(instance=board)
    board.save_revision().publish()
    answered = moderation != "unanswered"
    Message.objects.create(
        unit=section().unit,
        board=board,
        tracking_code=new_code("L"),
        subject=MESSAGE_SUBJECT,
        content="留言的内容",
        moderation=MessageModeration.PUBLIC if moderation in ("public", "unanswered") else moderation,
        reply="已办理。" if answered else "",
        replied_at=timezone.now() if answered else None,
        name=MESSAGE_SECRETS[0],
        phone=MESSAGE_SECRETS[1],
        email=MESSAGE_SECRETS[2],
    )
    board_url, hub = "/zwgk/pingyuan/messages/", ["/", "/hudong/", "/hudong/messages/"]
    surfaces = [*hub, board_url]
    seen = set()
    for url in surfaces:
        body = client.get(url).content.decode()
        for secret in MESSAGE_SECRETS:
            assert secret not in body, (url, secret)
        if MESSAGE_SUBJECT in body:
            seen.add(url)
    # A public question waits for its answer on the board itself; the hub lists answered ones only.
    expected = {"public": set(surfaces), "unanswered": {board_url}}.get(moderation, set())
    assert seen == expected


# --- Service guides (services/): a guide not published is on no public surface ---------------

GUIDE_STATES = ["draft", "withdrawn", "draft_of_live", "private", "section_withdrawn", "unit_deactivated"]
GUIDE_DRAFT_TITLE = "未发布的办事指南标题"


def build_guide(state: str):
    from portal.demo import services as demo
    from services.models import LifeEvent

    spec = next(spec for spec in demo.GUIDES if spec.item == "临时救助申请")
    page = demo.add_guide(spec)
    event = LifeEvent.objects.create(name="困难救助", slug="kunnan-matrix")
    event.items.add(page.service_item)
    if state == "draft":
        page.unpublish()
        page.title = GUIDE_DRAFT_TITLE
        page.save_revision()
    elif state == "withdrawn":
        page.title = GUIDE_DRAFT_TITLE
        page.save_revision().publish()
        page.unpublish()
    elif state == "draft_of_live":
        page.title = GUIDE_DRAFT_TITLE
        page.save_revision()
    else:
        page.title = GUIDE_DRAFT_TITLE
        page.save_revision().publish()
        withhold(page, state)
    return page


def guide_surfaces(page) -> dict[str, str]:
    url = page.url
    return {
        "page": url,
        "brief": f"{url}jianban/",
        "brief_a3": f"{url}jianban/?size=a3",
        "services_index": "/banshi/",
        "by_unit": "/banshi/units/pingyuan/",
        "by_theme": "/banshi/themes/social_aid/",
        "by_event": "/banshi/events/kunnan-matrix/",
        "kiosk": "/banshi/kiosk/",
        "kiosk_unit": "/banshi/kiosk/units/pingyuan/",
        "kiosk_event": "/banshi/kiosk/events/kunnan-matrix/",
        "kiosk_guide": f"/banshi/kiosk/guides/{page.pk}/",
        "column": page.get_parent().url,
        "sitemap": "/sitemap.xml",
        "search": f"/search/?q={GUIDE_DRAFT_TITLE}",
        "dai_by_unit": "/tdd/banshi/units/pingyuan/",
        "dai_kiosk_unit": "/tdd/banshi/kiosk/units/pingyuan/",
        "jingpo_by_event": "/kac/banshi/events/kunnan-matrix/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("state", GUIDE_STATES)
def test_an_unpublished_guide_or_draft_is_on_no_public_surface(small_county, client, state):
    from django.core.cache import cache

    page = build_guide(state)
    cache.clear()
    seen = set()
    for name, url in guide_surfaces(page).items():
        response = client.get(url)
        body = response.content.decode()
        # The search page repeats the query: there, only a result linking to the guide counts.
        if GUIDE_DRAFT_TITLE in body and name != "search":
            seen.add(name)
        if (state != "draft_of_live" or name == "search") and (
            response.status_code == 200 and f'href="{page.url}"' in body
        ):
            seen.add(name)
    assert seen == set()
    if state != "draft_of_live":
        # No QR code of it either (a password-protected one asks for the password instead).
        qr = client.get(f"{page.url}qr/")
        assert qr.status_code == (200 if state == "private" else 404)
        assert qr.get("Content-Type") != "image/svg+xml"
