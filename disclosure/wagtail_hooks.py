from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.viewsets.model import ModelViewSet

from sites import hooks as site_hooks

from .access import may_download
from .audit import ATTRIBUTE_CHANGED, VALIDITY_CHANGED, AttributeChangeFormatter, ValidityChangeFormatter
from .feeds import FEED_VIEWS
from .indicators import INDICATORS
from .models import PUBLIC_ATTRIBUTES, DisclosureAttribute, GovernmentDocumentPage, SubjectCategory
from .provisioning import ensure_standard_columns


class SubjectCategoryViewSet(ModelViewSet):
    model = SubjectCategory
    menu_label = _("主题分类")
    icon = "list-ul"
    add_to_settings_menu = True
    list_display = ["name", "parent", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "parent", "sort_order"]


@hooks.register("register_admin_viewset")
def register_subject_category_viewset():
    return SubjectCategoryViewSet("subject_categories")


@hooks.register("before_serve_document")
def serve_public_or_permitted_documents_only(document, request):
    if not may_download(request.user, document):
        # The same answer as for a file that does not exist.
        raise Http404


@hooks.register("after_edit_page")
def withdraw_page_turned_non_public(request, page):
    """A draft that makes a live public document non-public, or 删减后公开, takes it off the site
    at once, without waiting for the draft to be reviewed and published.

    For 公开 → 删减后公开 the draft says the live full text holds what must not be public: keeping
    it live while the redacted text is reviewed would publish exactly that. The page (with its
    translations, sites/withdrawal.py) comes back when reviewers publish the redacted version."""
    if not isinstance(page, GovernmentDocumentPage) or not page.live:
        return
    draft_attribute = page.get_latest_revision_as_object().disclosure_attribute
    live = GovernmentDocumentPage.objects.get(pk=page.pk)
    becomes_redacted = (
        live.disclosure_attribute == DisclosureAttribute.PUBLIC
        and draft_attribute == DisclosureAttribute.REDACTED
    )
    if live.is_publicly_disclosed and (draft_attribute not in PUBLIC_ATTRIBUTES or becomes_redacted):
        # The editor may lack the right to unpublish: withdrawing is the system's duty here.
        UnpublishPageAction(live, user=request.user).execute(skip_permission_checks=True)


@hooks.register("register_log_actions")
def register_lifecycle_log_actions(actions):
    actions.register_action(ATTRIBUTE_CHANGED)(AttributeChangeFormatter)
    actions.register_action(VALIDITY_CHANGED)(ValidityChangeFormatter)


# --- What disclosure adds to every unit section (sites/hooks.py) --------------------------------


# The standard columns open a section, before any other app's pages.
@hooks.register(site_hooks.PROVISION_UNIT_SECTION, order=-10)
def provision_standard_columns(section):
    return ensure_standard_columns(section)


@hooks.register(site_hooks.COUNTY_ADMIN_PERMISSIONS)
def subject_category_permissions():
    return ["disclosure.add_subjectcategory", "disclosure.change_subjectcategory"]


@hooks.register(site_hooks.CONSTRUCT_UNIT_SECTION_CONTEXT)
def latest_documents(page, request, context):
    context["latest_documents"] = GovernmentDocumentPage.objects.descendant_of(page).public_listing()[:10]
    context["section_parts"].append("disclosure/includes/latest_documents.html")


@hooks.register(site_hooks.UNIT_SECTION_FEEDS)
def document_feeds():
    return FEED_VIEWS


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def disclosure_indicators():
    return INDICATORS
