"""The tenancy matrix: what an editor or reviewer of one unit can do to its own unit and to another.

Each test plays one (role, target) cell row through every admin action, then compares the
whole row with the expected one, so a failure shows every cell that is wrong at once.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.blocks import rich_text_stream
from disclosure.models import ColumnKind, ColumnPage, DisclosureAttribute, GovernmentDocumentPage
from sites.models import DisclosureIndexPage, Unit, UnitSectionPage
from sites.provisioning import COUNTY_ADMINS_GROUP

OWN, OTHER = "pingyuan", "scjg"
ACTIONS = (
    "explorer",
    "see_title",
    "admin_search",
    "admin_api",
    "edit",
    "publish",
    "unpublish",
    "delete",
    "move",
    "move_into",
    "copy",
    "copy_into",
    "create",
    "choose_page",
    "choose_image",
    "choose_document",
    "upload_image",
    "upload_document",
    "translate",
)
# Nobody publishes a unit's page from the editor: it goes public when its review approves it, or by
# a county administrator's recorded 紧急发布 (tests/test_review_gate.py). Withdrawing needs the
# publish permission, which unit staff do not hold.
NOBODY_CAN = {"publish"}
UNIT_STAFF_CANNOT = {"publish", "unpublish"}

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
_counter = itertools.count()


def expected_row(role: str, target: str) -> dict[str, bool]:
    if role == "county_admin":
        return {action: action not in NOBODY_CAN for action in ACTIONS}
    if target == OTHER:
        return dict.fromkeys(ACTIONS, False)
    return {action: action not in UNIT_STAFF_CANNOT for action in ACTIONS}


@dataclass
class UnitFixture:
    unit: Unit
    section: UnitSectionPage
    statutory: ColumnPage
    rules: ColumnPage

    def document(self, label: str, *, live: bool) -> GovernmentDocumentPage:
        """A fresh page in this unit, so that no action sees another's leftovers."""
        number = next(_counter)
        page = GovernmentDocumentPage(
            title=f"Probe {label} {self.unit.slug} {number}",
            slug=f"probe-{label}-{number}",
            written_date=datetime.date(2026, 1, 5),
            disclosure_attribute=DisclosureAttribute.PUBLIC,
            body=rich_text_stream("<p>probe</p>"),
            live=live,
        )
        self.statutory.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        return page


def unit_fixture(slug: str) -> UnitFixture:
    unit = Unit.objects.get(slug=slug)
    section = UnitSectionPage.objects.get(unit=unit, locale__language_code="zh-hans")
    columns = ColumnPage.objects.child_of(section)
    return UnitFixture(
        unit=unit,
        section=section,
        statutory=columns.get(column_kind=ColumnKind.STATUTORY),
        rules=columns.get(column_kind=ColumnKind.RULES),
    )


def make_user(role: str):
    user = get_user_model().objects.create_user(f"{role}-{next(_counter)}", password="x")
    if role == "county_admin":
        user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    else:
        unit = Unit.objects.get(slug=OWN)
        user.groups.add(unit.editors_group if role == "editor" else unit.reviewers_group)
    return user


def document_form(title: str, slug: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "document_number": "",
            "written_date": "2026-01-05",
            "disclosure_attribute": DisclosureAttribute.PUBLIC,
            "publishing_unit": "",
            "is_normative": "",
            "interpretation_required": "",
            "subject": "",
            "genre": "",
            "domain": "",
            "statutory_item": "",
            "keywords": "",
            "validity": "valid",
            "validity_changed_on": "",
            "validity_reason": "",
            "replaced_by": "",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>probe</p>"))]),
            "redacted_body": streamfield([]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def listed(response, text: str) -> bool:
    return response.status_code == 200 and text in response.content.decode()


def links_to(response, page: Page) -> bool:
    """Whether an admin response links to the page's edit view (search boxes echo titles back)."""
    return listed(response, f"/admin/pages/{page.id}/edit/")


class Actions:
    """Each method tries one action on the target unit and says whether it took effect."""

    def __init__(self, client, own: UnitFixture, target: UnitFixture):
        self.client, self.own, self.target = client, own, target

    def explorer(self) -> bool:
        index = DisclosureIndexPage.objects.get(locale__language_code="zh-hans")
        in_index = links_to(self.client.get(f"/admin/pages/{index.id}/"), self.target.section)
        inside = links_to(self.client.get(f"/admin/pages/{self.target.section.id}/"), self.target.rules)
        assert in_index == inside, "explorer listing and direct URL disagree"
        return in_index

    def see_title(self) -> bool:
        """Admin pages that name a page without acting on it must not show another unit's titles."""
        from wagtail_localize.models import Translation, TranslationSource

        page = self.target.document("peek", live=True)
        source, _created = TranslationSource.get_or_create_from_instance(page)
        Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="kac"))
        urls = [
            f"/admin/pages/{page.id}/",
            f"/admin/pages/{page.id}/results/",
            f"/admin/choose-page/{page.id}/",
            f"/admin/pages/{page.id}/move/{self.target.rules.id}/confirm/",
            "/admin/localize/reports/translations/",
            *(
                f"/admin/bulk/wagtailcore/page/{action}/?id={page.id}"
                for action in ("delete", "publish", "move")
            ),
        ]
        seen = [url for url in urls if listed(self.client.get(url), page.title)]
        assert seen in ([], urls), f"only some views show the title: {seen}"
        return bool(seen)

    def admin_search(self) -> bool:
        page = self.target.document("search", live=True)
        return links_to(self.client.get("/admin/pages/search/", {"q": page.title}), page)

    def admin_api(self) -> bool:
        page = self.target.document("api", live=True)
        listing = self.client.get("/admin/api/main/pages/", {"child_of": self.target.statutory.id})
        ids = [item["id"] for item in listing.json().get("items", [])] if listing.status_code == 200 else []
        detail = self.client.get(f"/admin/api/main/pages/{page.id}/")
        assert (page.id in ids) == (detail.status_code == 200), "API listing and detail disagree"
        return page.id in ids

    def edit(self) -> bool:
        page = self.target.document("edit", live=True)
        form = self.client.get(f"/admin/pages/{page.id}/edit/")
        self.client.post(f"/admin/pages/{page.id}/edit/", document_form("Edited draft", page.slug))
        page.refresh_from_db()
        edited = page.get_latest_revision_as_object().title == "Edited draft"
        assert (form.status_code == 200) == edited, "edit form and edit action disagree"
        return edited

    def publish(self) -> bool:
        page = self.target.document("publish", live=False)
        self.client.post(
            f"/admin/pages/{page.id}/edit/",
            document_form("Published now", page.slug, **{"action-publish": "action-publish"}),
        )
        page.refresh_from_db()
        return page.live and page.title == "Published now"

    def unpublish(self) -> bool:
        page = self.target.document("unpublish", live=True)
        self.client.post(f"/admin/pages/{page.id}/unpublish/")
        page.refresh_from_db()
        return not page.live

    def delete(self) -> bool:
        page = self.target.document("delete", live=False)
        self.client.post(f"/admin/pages/{page.id}/delete/")
        return not Page.objects.filter(id=page.id).exists()

    def move(self) -> bool:
        page = self.target.document("move", live=False)
        self.client.post(f"/admin/pages/{page.id}/move/{self.target.rules.id}/confirm/")
        return Page.objects.get(id=page.id).get_parent().id == self.target.rules.id

    def move_into(self) -> bool:
        page = self.own.document("move-into", live=False)
        self.client.post(f"/admin/pages/{page.id}/move/{self.target.rules.id}/confirm/")
        return Page.objects.get(id=page.id).get_parent().id == self.target.rules.id

    def _copy(self, page: Page, destination: Page) -> bool:
        slug = f"copied-{next(_counter)}"
        self.client.post(
            f"/admin/pages/{page.id}/copy/",
            {"new_title": "Copied", "new_slug": slug, "new_parent_page": destination.id},
        )
        return Page.objects.child_of(destination).filter(slug=slug).exists()

    def copy(self) -> bool:
        return self._copy(self.target.document("copy", live=True), self.target.rules)

    def copy_into(self) -> bool:
        return self._copy(self.own.document("copy-into", live=True), self.target.rules)

    def create(self) -> bool:
        slug = f"created-{next(_counter)}"
        url = f"/admin/pages/add/disclosure/governmentdocumentpage/{self.target.statutory.id}/"
        form = self.client.get(url)
        self.client.post(url, document_form("Created", slug))
        created = GovernmentDocumentPage.objects.child_of(self.target.statutory).filter(slug=slug).exists()
        assert (form.status_code == 200) == created, "create form and create action disagree"
        return created

    def choose_page(self) -> bool:
        page = self.target.document("choose", live=True)
        browse = links_to(self.client.get(f"/admin/choose-page/{self.target.statutory.id}/"), page)
        search = links_to(self.client.get("/admin/choose-page/search/", {"q": page.title}), page)
        assert browse == search, "chooser browse and search disagree"
        return browse

    def choose_image(self) -> bool:
        image = get_image_model().objects.create(
            title=f"Image of {self.target.unit.slug}",
            file=ContentFile(GIF, name="probe.gif"),
            collection=self.target.unit.collection,
        )
        chooser = listed(self.client.get("/admin/images/chooser/"), image.title)
        library = listed(self.client.get("/admin/images/"), image.title)
        assert chooser == library, "image chooser and image library disagree"
        return chooser

    def choose_document(self) -> bool:
        document = get_document_model().objects.create(
            title=f"Document of {self.target.unit.slug}",
            file=ContentFile(b"%PDF-1.4 probe", name="probe.pdf"),
            collection=self.target.unit.collection,
        )
        chooser = listed(self.client.get("/admin/documents/chooser/"), document.title)
        library = listed(self.client.get("/admin/documents/"), document.title)
        assert chooser == library, "document chooser and document library disagree"
        return chooser

    def upload_image(self) -> bool:
        title = f"Uploaded image {next(_counter)}"
        self.client.post(
            "/admin/images/add/",
            {
                "title": title,
                "file": SimpleUploadedFile("up.gif", GIF, content_type="image/gif"),
                "collection": self.target.unit.collection_id,
            },
        )
        return get_image_model().objects.filter(title=title, collection=self.target.unit.collection).exists()

    def upload_document(self) -> bool:
        title = f"Uploaded document {next(_counter)}"
        self.client.post(
            "/admin/documents/add/",
            {
                "title": title,
                "file": SimpleUploadedFile("up.pdf", b"%PDF-1.4 up", content_type="application/pdf"),
                "collection": self.target.unit.collection_id,
            },
        )
        return (
            get_document_model().objects.filter(title=title, collection=self.target.unit.collection).exists()
        )

    def translate(self) -> bool:
        page = self.target.document("translate", live=True)
        dai = Locale.objects.get(language_code="tdd")
        self.client.post(f"/admin/localize/submit/page/{page.id}/", {"locales": [dai.id]})
        return Page.objects.filter(
            translation_key=page.translation_key, locale=dai, alias_of__isnull=True
        ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("target", [OWN, OTHER])
@pytest.mark.parametrize("role", ["editor", "reviewer", "county_admin"])
def test_tenancy_matrix(small_county, client, role, target):
    client.force_login(make_user(role))
    actions = Actions(client, own=unit_fixture(OWN), target=unit_fixture(target))
    row = {action: getattr(actions, action)() for action in ACTIONS}
    assert row == expected_row(role, target)


@pytest.mark.django_db
def test_translation_update_view_is_scoped(small_county, client):
    """wagtail-localize's "sync translated pages" view checks only the global permission."""
    from wagtail_localize.models import TranslationSource

    other = unit_fixture(OTHER)
    page = other.document("sync", live=True)
    source, _created = TranslationSource.get_or_create_from_instance(page)

    client.force_login(make_user("editor"))
    assert client.get(f"/admin/localize/update/{source.id}/").status_code == 403

    own_page = unit_fixture(OWN).document("sync-own", live=True)
    own_source, _created = TranslationSource.get_or_create_from_instance(own_page)
    assert client.get(f"/admin/localize/update/{own_source.id}/").status_code == 200


@pytest.mark.django_db
def test_unit_users_cannot_manage_the_unit_register(small_county, client):
    client.force_login(make_user("reviewer"))
    assert client.get("/admin/units/").status_code in (302, 403)
    client.force_login(make_user("county_admin"))
    assert client.get("/admin/units/").status_code == 200


# --- Every field a unit's staff can set names only what the user may use ------------------------
# The choosers are scoped, but a form is a POST: each row names the other unit's object by id in
# one field and expects it refused, nothing saved and its title not shown back, while the same
# field takes the user's own unit's object, and a county administrator's choice is county-wide.


def secret_file(slug: str, extension: str = "pdf"):
    return get_document_model().objects.create(
        title=f"Secret file of {slug} {next(_counter)}",
        file=ContentFile(b"%PDF-1.4 secret", name=f"secret.{extension}"),
        collection=Unit.objects.get(slug=slug).collection,
    )


def secret_image(slug: str):
    return get_image_model().objects.create(
        title=f"Secret image of {slug} {next(_counter)}",
        file=ContentFile(GIF, name="secret.gif"),
        collection=Unit.objects.get(slug=slug).collection,
    )


def secret_page(slug: str) -> GovernmentDocumentPage:
    return unit_fixture(slug).document("secret", live=True)


def stream_names(stream, obj) -> bool:
    """Whether a saved body names the object (chooser blocks, rich-text links and embeds)."""
    field = GovernmentDocumentPage._meta.get_field("body")
    named = {
        (Page if issubclass(model, Page) else model, str(pk))
        for model, pk, *_path in field.extract_references(stream)
    }
    return (Page if isinstance(obj, Page) else type(obj), str(obj.pk)) in named


def rich_paragraph(html: str):
    from disclosure.blocks import BODY_FEATURES

    return streamfield([("paragraph", rich_text(html, features=BODY_FEATURES))])


@dataclass(frozen=True)
class FieldRow:
    """One form field: the object it names, the form data naming it, and where it is saved."""

    make: object  # (unit slug) -> the object
    data: object  # (object) -> extra form data for a document page
    saved: object  # (latest revision of the page, object) -> whether the page names it
    title: object = lambda obj: obj.title


DOCUMENT_FIELD_ROWS = {
    "attachment": FieldRow(
        secret_file,
        lambda obj: {
            "attachments": inline_formset([{"document": obj.pk, "title": "", "is_redacted_copy": ""}])
        },
        lambda page, obj: obj.pk in [attachment.document_id for attachment in page.attachments.all()],
    ),
    "body_image_block": FieldRow(
        secret_image,
        lambda obj: {"body": streamfield([("image", {"image": obj.pk, "decorative": "", "alt_text": "图"})])},
        lambda page, obj: stream_names(page.body, obj),
    ),
    "rich_text_image": FieldRow(
        secret_image,
        lambda obj: {
            "body": rich_paragraph(
                f'<p>图</p><embed alt="图" embedtype="image" format="fullwidth" id="{obj.pk}"/>'
            )
        },
        lambda page, obj: stream_names(page.body, obj),
    ),
    "rich_text_document_link": FieldRow(
        secret_file,
        lambda obj: {"body": rich_paragraph(f'<p><a id="{obj.pk}" linktype="document">下载</a></p>')},
        lambda page, obj: stream_names(page.body, obj),
    ),
    "rich_text_page_link": FieldRow(
        secret_page,
        lambda obj: {"body": rich_paragraph(f'<p><a id="{obj.pk}" linktype="page">见</a></p>')},
        lambda page, obj: stream_names(page.body, obj),
    ),
    "replaced_by": FieldRow(
        secret_page,
        lambda obj: {"validity": "valid", "replaced_by": obj.pk},
        lambda page, obj: page.replaced_by_id == obj.pk,
    ),
    "publishing_unit": FieldRow(
        lambda slug: Unit.objects.get(slug=slug),
        lambda obj: {"publishing_unit": obj.pk},
        lambda page, obj: page.publishing_unit_id == obj.pk,
        title=lambda unit: unit.name,
    ),
}


def try_document_field(client, row: FieldRow, slug: str) -> tuple[bool, bool]:
    """(saved, title shown back) for a draft of the user's own document naming `slug`'s object."""
    obj = row.make(slug)
    page = unit_fixture(OWN).document("fields", live=False)
    response = client.post(
        f"/admin/pages/{page.id}/edit/", document_form("Fields", page.slug, **row.data(obj))
    )
    latest = GovernmentDocumentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return row.saved(latest, obj), row.title(obj) in response.content.decode()


def try_consultation_draft_file(client, slug: str) -> tuple[bool, bool]:
    from django.utils import timezone

    from participation.models import ConsultationPage

    obj = secret_file(slug)
    now = timezone.localtime()
    page_slug = f"consultation-{next(_counter)}"
    data = nested_form_data(
        {
            "title": "征求意见",
            "slug": page_slug,
            "method": "consultation",
            "summary": "",
            "audience": "社会公众",
            "opens_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "closes_at": (now + datetime.timedelta(days=20)).strftime("%Y-%m-%d %H:%M"),
            "outcome_working_days": "15",
            "draft_document": obj.pk,
            "draft_text": "第一条 内容。",
            "drafting_explanation": rich_text("<p>起草说明</p>"),
            "articles": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    section = unit_fixture(OWN).section
    response = client.post(f"/admin/pages/add/participation/consultationpage/{section.pk}/", data)
    saved = ConsultationPage.objects.filter(slug=page_slug, draft_document=obj).exists()
    return saved, obj.title in response.content.decode()


def try_interpretation_video(client, slug: str) -> tuple[bool, bool]:
    from interpretation.models import InterpretationKind, InterpretationPage

    video, captions = secret_file(slug, "mp4"), secret_file(slug, "vtt")
    policy = unit_fixture(OWN).document("policy", live=True)
    page_slug = f"interpretation-{next(_counter)}"
    data = nested_form_data(
        {
            "title": "视频解读",
            "slug": page_slug,
            "kind": InterpretationKind.VIDEO,
            "interpreter": "",
            "summary": "",
            "policy_links": inline_formset([{"policy": policy.pk}]),
            "body": streamfield(
                [
                    (
                        "video",
                        {"title": "视频", "video": video.pk, "captions": captions.pk, "transcript": "文字稿"},
                    )
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    url = f"/admin/pages/add/interpretation/interpretationpage/{unit_fixture(OWN).statutory.pk}/"
    response = client.post(url, data)
    saved = InterpretationPage.objects.filter(slug=page_slug).exists()
    return saved, video.title in response.content.decode()


def try_news_image(client, slug: str) -> tuple[bool, bool]:
    """A news page (issue 15) naming `slug`'s image as its 题图."""
    image = secret_image(slug)
    page_slug = f"news-{next(_counter)}"
    data = nested_form_data(
        {
            "title": "新闻",
            "slug": page_slug,
            "source": "",
            "summary": "",
            "image": image.pk,
            "body": rich_text("<p>正文</p>"),
            "comments": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/add/disclosure/newspage/{unit_fixture(OWN).statutory.pk}/", data)
    from disclosure.models import NewsPage

    saved = NewsPage.objects.filter(slug=page_slug, image=image).exists()
    return saved, image.title in response.content.decode()


FIELD_ROWS = [*DOCUMENT_FIELD_ROWS, "consultation_draft_file", "interpretation_video", "news_image"]


def try_field(client, field: str, slug: str) -> tuple[bool, bool]:
    if field == "consultation_draft_file":
        return try_consultation_draft_file(client, slug)
    if field == "interpretation_video":
        return try_interpretation_video(client, slug)
    if field == "news_image":
        return try_news_image(client, slug)
    return try_document_field(client, DOCUMENT_FIELD_ROWS[field], slug)


@pytest.mark.django_db
@pytest.mark.parametrize("field", FIELD_ROWS)
def test_form_fields_take_only_what_the_user_may_use(small_county, client, field):
    client.force_login(make_user("reviewer"))
    own_saved, _shown = try_field(client, field, OWN)
    other_saved, other_shown = try_field(client, field, OTHER)
    client.force_login(make_user("county_admin"))
    county_saved, _shown = try_field(client, field, OTHER)
    row = {"own": own_saved, "other": other_saved, "other_shown": other_shown, "county_admin": county_saved}
    assert row == {"own": True, "other": False, "other_shown": False, "county_admin": True}


# --- Admin views that name a unit's records, and the lists of titles and tags ------------------


def other_message(slug: str) -> tuple[object, str]:
    from participation.models import Message

    number = next(_counter)
    message = Message.objects.create(
        unit=Unit.objects.get(slug=slug),
        tracking_code=f"T{number:08d}",
        subject=f"Secret message of {slug} {number}",
        content="留言内容",
    )
    return message, message.subject


def other_opinion_group(slug: str) -> tuple[object, str]:
    from opinions.models import OpinionGroup
    from tests.test_opinions import open_consultation

    number = next(_counter)
    consultation = open_consultation(slug, slug=f"consultation-{number}")
    group = OpinionGroup.objects.create(
        consultation=consultation, unit=Unit.objects.get(slug=slug), title=f"Secret group of {slug} {number}"
    )
    return group, group.title


def report_url(slug: str) -> tuple[str, str]:
    page = secret_page(slug)
    # The report names the page last edited of each page type.
    page.save_revision()
    return "/admin/reports/page-types-usage/", page.title


def keyword_url(slug: str) -> tuple[str, str]:
    """A keyword of a document that is not public: autocompletion must not name it to another unit."""
    # ASCII, since the JSON answer escapes other characters.
    keyword = f"secretkw{slug}{next(_counter)}"
    page = unit_fixture(slug).document("keyword", live=False)
    page.disclosure_attribute = DisclosureAttribute.NOT_PUBLIC
    page.keywords.add(keyword)
    page.save()
    return "/admin/tag-autocomplete/?term=secretkw", keyword


def viewset_url(make, view: str):
    def url_and_title(slug: str) -> tuple[str, str]:
        obj, title = make(slug)
        prefix = "messages_admin" if make is other_message else "opinion_groups"
        return f"/admin/{prefix}/{view}/{obj.pk}/", title

    return url_and_title


def foi_application(slug: str, name: str = ""):
    """An application submitted online to the unit (foi/services.py)."""
    from foi.services import ApplicantInput, submit_application

    name = name or f"Secret applicant of {slug} {next(_counter)}"
    return submit_application(
        ApplicantInput(
            unit_id=Unit.objects.get(slug=slug).pk,
            applicant_kind="citizen",
            organisation_kind="",
            name=name,
            legal_representative="",
            contact_person="",
            id_kind="passport",
            id_number="E12345678",
            phone="13800000001",
            email="",
            address="",
            postcode="",
            description="申请公开的信息",
            document_title="",
            document_number="",
            index_number="",
            purpose="",
            delivery_method="email",
            carrier="electronic",
            channel="online",
        )
    )


def foi_url(view: str):
    def url_and_title(slug: str) -> tuple[str, str]:
        application = foi_application(slug)
        path = f"{view}/{application.pk}/" if view else f"{application.pk}/"
        return f"/admin/foi/{path}", application.name

    return url_and_title


REPORT_YEAR = 2025
MISSING_ID = 999_999_999


def annual_report(slug: str):
    """The unit's annual report for REPORT_YEAR, generated once (reports/services.py)."""
    from reports import services

    unit = Unit.objects.get(slug=slug)
    return services.find_report(unit, REPORT_YEAR) or services.generate_report(unit, REPORT_YEAR, None)


def annual_report_list(slug: str) -> tuple[str, str]:
    return f"/admin/annual-reports/?year={REPORT_YEAR}", annual_report(slug).title


def annual_report_url(view: str):
    def url_and_title(slug: str) -> tuple[str, str]:
        report = annual_report(slug)
        return f"/admin/annual-reports/{report.pk}/{view}", report.title

    return url_and_title


def foi_appeal(slug: str):
    from foi.models import Appeal, AppealKind

    return Appeal.objects.create(
        unit=Unit.objects.get(slug=slug),
        kind=AppealKind.RECONSIDERATION,
        case_number=f"Secret case of {slug} {next(_counter)}",
        filed_on=datetime.date(REPORT_YEAR, 3, 1),
    )


def foi_appeal_url(view: str):
    def url_and_title(slug: str) -> tuple[str, str]:
        appeal = foi_appeal(slug)
        path = f"{view}/{appeal.pk}/" if view else ""
        return f"/admin/foi-appeals/{path}", appeal.case_number

    return url_and_title


def service_item(slug: str):
    """A 政务服务事项 in the unit's service list (services/)."""
    from services.models import ServiceItem, ServiceKind

    return ServiceItem.objects.create(
        unit=Unit.objects.get(slug=slug),
        name=f"Secret item of {slug} {next(_counter)}",
        kind=ServiceKind.LICENSING,
    )


def service_item_url(view: str):
    def url_and_title(slug: str) -> tuple[str, str]:
        item = service_item(slug)
        path = f"{view}/{item.pk}/" if view else ""
        return f"/admin/service-items/{path}", item.name

    return url_and_title


def _service_item_view(view: str):
    return lambda item: f"/admin/service-items/{view}/{item.pk if item else MISSING_ID}/"


def _service_item_form(item) -> dict:
    return {
        "unit": item.unit_id,
        "name": "Changed item",
        "code": "",
        "kind": item.kind,
        "theme": item.theme,
        "audience": item.audience,
        "sort_order": "0",
    }


def _service_item_changed(item) -> bool:
    from services.models import ServiceItem

    return ServiceItem.objects.get(pk=item.pk).name == "Changed item"


OVERSIGHT_DAY = datetime.date(2026, 6, 1)


def oversight_findings(slug: str) -> Unit:
    """The day's check, with one finding in each unit whose title names the unit (recomputed once)."""
    from oversight import services
    from oversight.models import IndicatorSnapshot
    from sites.indicators import Finding, Indicator

    if not IndicatorSnapshot.objects.filter(day=OVERSIGHT_DAY, indicator_key="tenancy.check").exists():
        check = Indicator(
            key="tenancy.check",
            label="tenancy check",
            find=lambda today: [
                Finding(unit.pk, "item", f"Secret finding of {unit.slug}", "/admin/")
                for unit in Unit.objects.all()
            ],
        )
        services.recompute(OVERSIGHT_DAY, [check])
    return Unit.objects.get(slug=slug)


def oversight_findings_url(slug: str) -> tuple[str, str]:
    oversight_findings(slug)
    return f"/admin/oversight/findings/{slug}/tenancy.check/?day={OVERSIGHT_DAY}", f"Secret finding of {slug}"


def _oversight_view(view: str):
    return lambda unit: (
        f"/admin/oversight/{view.format(slug=unit.slug if unit else 'no-such-unit')}?day={OVERSIGHT_DAY}"
    )


ADMIN_VIEW_ROWS = {
    "message_usage": viewset_url(other_message, "usage"),
    "opinion_group_usage": viewset_url(other_opinion_group, "usage"),
    "opinion_group_history": viewset_url(other_opinion_group, "history"),
    "page_types_usage_report": report_url,
    "tag_autocomplete": keyword_url,
    "foi_application_list": lambda slug: ("/admin/foi/", foi_application(slug).name),
    "foi_application_handling": foi_url(""),
    "foi_application_history": foi_url("history"),
    "foi_application_usage": foi_url("usage"),
    "annual_report_list": annual_report_list,
    "annual_report_cells": annual_report_url("cells/?table=3&row=new&column=total"),
    "annual_report_recount": annual_report_url("recount/"),
    "foi_appeal_list": foi_appeal_url(""),
    "foi_appeal_edit": foi_appeal_url("edit"),
    "foi_appeal_history": foi_appeal_url("history"),
    "oversight_findings": oversight_findings_url,
    "service_item_list": service_item_url(""),
    "service_item_edit": service_item_url("edit"),
    "service_item_history": service_item_url("history"),
}
# What unit staff see in their own unit: everything, except the county-wide report.
OWN_UNIT_HIDDEN = {"page_types_usage_report"}


@pytest.mark.django_db
@pytest.mark.parametrize("view", ADMIN_VIEW_ROWS)
def test_admin_views_name_only_the_users_own_records(small_county, client, view):
    def shown(slug: str) -> bool:
        url, title = ADMIN_VIEW_ROWS[view](slug)
        return listed(client.get(url), title)

    client.force_login(make_user("reviewer"))
    row = {"own": shown(OWN), "other": shown(OTHER)}
    client.force_login(make_user("county_admin"))
    row["county_admin"] = shown(OTHER)
    assert row == {"own": view not in OWN_UNIT_HIDDEN, "other": False, "county_admin": True}


# Each admin view that names one of a unit's objects by id (or slug) answers another unit's object
# exactly as one that does not exist: 404, nothing done, so that no answer tells it exists.


@dataclass(frozen=True)
class ObjectViewRow:
    """A view naming a unit's object: the object, its URL (None: a missing object's), the method,
    what the unit's own staff and county administrators get, and whether the request took effect."""

    make: object  # (unit slug) -> the object
    url: object  # (object or None) -> the URL
    method: str = "get"
    data: object = lambda obj: {}  # (object) -> the POST data
    status: int = 200
    done: object = None  # (object) -> whether the request changed it; None for a GET
    takes_effect: bool = True


def annual_report_with_a_problem(slug: str):
    """The report, generated after one of the unit's applications was closed without a reply type:
    its first problem (the cells view's ?problem=0) names that application."""
    from foi.models import Application, State
    from reports import services

    if services.find_report(Unit.objects.get(slug=slug), REPORT_YEAR) is None:
        application = foi_application(slug)
        Application.objects.filter(pk=application.pk).update(
            state=State.REPLIED,
            received_on=datetime.date(REPORT_YEAR, 3, 2),
            replied_on=datetime.date(REPORT_YEAR, 3, 20),
            reply_type="",
        )
    return annual_report(slug)


def _report_view(view: str):
    return lambda report: f"/admin/annual-reports/{report.pk if report else MISSING_ID}/{view}"


def _appeal_view(view: str):
    return lambda appeal: f"/admin/foi-appeals/{view}/{appeal.pk if appeal else MISSING_ID}/"


def _recounted(report) -> bool:
    return report.revisions.count() > 1  # generating saved the first


def _appeal_form(appeal) -> dict:
    return {
        "unit": appeal.unit_id,
        "application": "",
        "kind": appeal.kind,
        "case_number": "Changed case",
        "filed_on": appeal.filed_on.isoformat(),
        "outcome": appeal.outcome,
        "decided_on": "",
        "note": "",
    }


def _appeal_changed(appeal) -> bool:
    from foi.models import Appeal

    return Appeal.objects.get(pk=appeal.pk).case_number == "Changed case"


def _appeal_deleted(appeal) -> bool:
    from foi.models import Appeal

    return not Appeal.objects.filter(pk=appeal.pk).exists()


def _generated(unit) -> bool:
    from reports import services

    return services.find_report(unit, REPORT_YEAR) is not None


OBJECT_VIEW_ROWS = {
    "oversight_findings": ObjectViewRow(
        oversight_findings, _oversight_view("findings/{slug}/tenancy.check/")
    ),
    "oversight_trend": ObjectViewRow(oversight_findings, _oversight_view("trend/{slug}.svg")),
    "annual_report_cells": ObjectViewRow(annual_report, _report_view("cells/?table=3&row=new&column=total")),
    "annual_report_cells_problem": ObjectViewRow(
        annual_report_with_a_problem, _report_view("cells/?problem=0")
    ),
    "annual_report_draft_xlsx": ObjectViewRow(annual_report, _report_view("xlsx/")),
    "annual_report_draft_docx": ObjectViewRow(annual_report, _report_view("docx/")),
    "annual_report_recount_form": ObjectViewRow(annual_report, _report_view("recount/")),
    "annual_report_recount": ObjectViewRow(
        annual_report, _report_view("recount/"), method="post", status=302, done=_recounted
    ),
    "annual_report_generate": ObjectViewRow(
        lambda slug: Unit.objects.get(slug=slug),
        lambda unit: f"/admin/annual-reports/generate/{unit.slug if unit else 'no-such-unit'}/{REPORT_YEAR}/",
        method="post",
        status=302,
        done=_generated,
    ),
    "foi_appeal_edit_form": ObjectViewRow(foi_appeal, _appeal_view("edit")),
    "foi_appeal_edit": ObjectViewRow(
        foi_appeal, _appeal_view("edit"), method="post", data=_appeal_form, status=302, done=_appeal_changed
    ),
    # Nobody deletes a case from the register (the policy grants add, change and view only).
    "foi_appeal_delete_form": ObjectViewRow(foi_appeal, _appeal_view("delete"), status=302),
    "foi_appeal_delete": ObjectViewRow(
        foi_appeal,
        _appeal_view("delete"),
        method="post",
        status=302,
        done=_appeal_deleted,
        takes_effect=False,
    ),
    "service_item_edit_form": ObjectViewRow(service_item, _service_item_view("edit")),
    "service_item_edit": ObjectViewRow(
        service_item,
        _service_item_view("edit"),
        method="post",
        data=_service_item_form,
        status=302,
        done=_service_item_changed,
    ),
    "service_item_history": ObjectViewRow(service_item, _service_item_view("history")),
    # Nobody deletes an item from the service list (the policy grants add, change and view only).
    "service_item_delete": ObjectViewRow(
        service_item, _service_item_view("delete"), method="post", status=302, takes_effect=False
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("view", OBJECT_VIEW_ROWS)
def test_admin_views_answer_another_units_object_as_a_missing_one(small_county, client, view):
    row = OBJECT_VIEW_ROWS[view]

    def answer(obj, data_of) -> int:
        # A missing object is sent the other unit's data: only the object named differs.
        return getattr(client, row.method)(row.url(obj), row.data(data_of)).status_code

    def done(obj) -> bool:
        return row.done(obj) if row.done else False

    client.force_login(make_user("reviewer"))
    own, other = row.make(OWN), row.make(OTHER)
    answers = {"own": answer(own, own)}
    effects = {"own": done(own)}
    answers["other"] = answer(other, other)
    effects["other"] = done(other)
    answers["missing"] = answer(None, other)
    client.force_login(make_user("county_admin"))
    answers["county_admin"] = answer(other, other)
    effects["county_admin"] = done(other)
    assert answers == {"own": row.status, "other": 404, "missing": 404, "county_admin": row.status}
    took_effect = bool(row.done) and row.takes_effect
    assert effects == {"own": took_effect, "other": False, "county_admin": took_effect}


# The county's own views: to a unit's staff they answer 404, as if they did not exist.
COUNTY_ONLY_VIEWS = (
    ("get", "/admin/oversight/"),
    ("post", "/admin/oversight/recheck/"),
    ("get", "/admin/oversight/ranking.xlsx"),
    ("get", "/admin/oversight/probes/"),
    ("get", "/admin/oversight/trend/portal.svg"),
    ("get", "/admin/oversight/findings/portal/tenancy.check/"),
    ("get", "/admin/oversight/deadlines/"),
    ("get", "/admin/oversight/deadlines/1/"),
    ("get", "/admin/oversight/contacts.xlsx"),
    ("get", "/admin/oversight/notice/"),
    ("get", "/admin/oversight/notice.docx"),
)


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", COUNTY_ONLY_VIEWS)
def test_county_only_views_do_not_exist_for_unit_staff(small_county, client, method, path):
    from oversight.models import Deadline

    oversight_findings(OWN)
    deadline = Deadline.objects.create(title="Secret task", due_on=OVERSIGHT_DAY)
    url = f"{path.replace('/deadlines/1/', f'/deadlines/{deadline.pk}/')}?day={OVERSIGHT_DAY}&issued_on={OVERSIGHT_DAY}"
    for role in ("editor", "reviewer"):
        client.force_login(make_user(role))
        assert getattr(client, method)(url).status_code == 404, (role, url)
    client.force_login(make_user("county_admin"))
    assert getattr(client, method)(url).status_code in (200, 302), url


@pytest.mark.django_db
def test_a_preview_does_not_name_another_units_file(small_county, client):
    """The preview renders the form's data without saving it: it must refuse what saving refuses."""
    client.force_login(make_user("editor"))
    secret = secret_file(OTHER)
    page = unit_fixture(OWN).document("preview", live=True)
    url = f"/admin/pages/{page.id}/edit/preview/"
    attachments = inline_formset([{"document": secret.pk, "title": "", "is_redacted_copy": ""}])
    checked = client.post(url, document_form(page.title, page.slug, attachments=attachments)).json()
    shown = client.get(url).content.decode()
    assert not checked["is_valid"] and secret.title not in shown


# --- The unit fields of 依申请公开: the registration's unit and a transfer's destination -----------


def register_application(client, unit: Unit) -> tuple[bool, bool]:
    name = f"Registered {next(_counter)}"
    response = client.post(
        "/admin/foi/new/",
        {
            "unit": unit.pk,
            "channel": "in_person",
            "received_on": datetime.date.today().isoformat(),
            "applicant_kind": "citizen",
            "name": name,
            "id_kind": "passport",
            "id_number": "E12345678",
            "phone": "13800000001",
            "description": "申请公开的信息",
            "delivery_method": "pick_up",
            "carrier": "paper",
        },
    )
    from foi.models import Application

    saved = Application.objects.filter(name=name, unit=unit).exists()
    shown = response.status_code == 200 and unit.name in response.content.decode()
    return saved, shown


def transfer_application(client, to_unit: Unit) -> tuple[bool, bool]:
    application = foi_application(OWN)
    response = client.post(
        f"/admin/foi/{application.pk}/transfer/",
        {"transfer-to_unit": to_unit.pk, "transfer-reason": "属于该单位职责"},
    )
    application.refresh_from_db()
    shown = response.status_code == 200 and to_unit.name in response.content.decode()
    return application.unit_id == to_unit.pk, shown


@pytest.mark.django_db
def test_foi_registration_takes_only_the_users_units(small_county, client):
    client.force_login(make_user("reviewer"))
    own_saved, _shown = register_application(client, Unit.objects.get(slug=OWN))
    other_saved, other_shown = register_application(client, Unit.objects.get(slug=OTHER))
    client.force_login(make_user("county_admin"))
    county_saved, _shown = register_application(client, Unit.objects.get(slug=OTHER))
    row = {"own": own_saved, "other": other_saved, "other_shown": other_shown, "county_admin": county_saved}
    assert row == {"own": True, "other": False, "other_shown": False, "county_admin": True}


@pytest.mark.django_db
def test_foi_transfer_goes_only_to_active_units(small_county, client):
    inactive = Unit.objects.get(slug="xzfb")
    # An update, not save(): only the flag matters here, not what retiring a unit does.
    Unit.objects.filter(pk=inactive.pk).update(is_active=False)
    inactive.refresh_from_db()
    client.force_login(make_user("editor"))
    active_saved, _shown = transfer_application(client, Unit.objects.get(slug=OTHER))
    inactive_saved, inactive_shown = transfer_application(client, inactive)
    row = {"active": active_saved, "inactive": inactive_saved, "inactive_shown": inactive_shown}
    assert row == {"active": True, "inactive": False, "inactive_shown": False}


# --- 我为政府网站找错 and the footer (issue 15) -----------------------------------------------------
# The reports go to the county office: its staff and the county administrators list and answer
# them; any other unit's staff get 404 for the list, a report and an answer, as for no report.
# The footer setting is the county administrators' alone.


def error_report():
    from errorreports.services import ReportInput, submit_report

    return submit_report(ReportInput(category="link", page_url="/zwgk/", description="Secret error report"))


@pytest.mark.django_db
def test_error_reports_are_the_county_offices_and_the_footer_the_county_administrators(small_county, client):
    from wagtail.models import Site

    from errorreports.models import ErrorReport

    report = error_report()
    site_id = Site.objects.get(is_default_site=True).pk

    def row_for(user) -> dict[str, bool]:
        client.force_login(user)
        listing = client.get("/admin/errorreports/")
        answered = client.post(f"/admin/errorreports/{report.pk}/", {"reply": f"answer by {user.pk}"})
        return {
            "list": listing.status_code == 200 and "Z-" in listing.content.decode(),
            "open": client.get(f"/admin/errorreports/{report.pk}/").status_code == 200,
            "answer": answered.status_code == 302
            and ErrorReport.objects.get(pk=report.pk).reply == f"answer by {user.pk}",
            "footer": client.get(f"/admin/settings/portal/footersettings/{site_id}/").status_code == 200,
        }

    rows = {
        "own_editor": row_for(make_user("editor")),
        "other_reviewer": row_for(unit_member_of("reviewer", OTHER)),
        "county_office_editor": row_for(unit_member_of("editor", "xzfb")),
        "county_office_reviewer": row_for(unit_member_of("reviewer", "xzfb")),
        "county_admin": row_for(make_user("county_admin")),
    }
    office = {"list": True, "open": True, "answer": True, "footer": False}
    nothing = dict.fromkeys(office, False)
    assert rows == {
        "own_editor": nothing,
        "other_reviewer": nothing,
        "county_office_editor": office,
        "county_office_reviewer": office,
        "county_admin": dict.fromkeys(office, True),
    }
    assert client.get(f"/admin/errorreports/{MISSING_ID}/").status_code == 404


def unit_member_of(role: str, slug: str):
    from .conftest import unit_member

    return unit_member(role, slug)
