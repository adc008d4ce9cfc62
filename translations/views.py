"""wagtail-localize's admin views, scoped to the user's own pages, and the review of a translation.

wagtail-localize checks only the global `submit_translation` permission in its submit, update
and report views, so an editor of one unit could translate (and publish) another unit's page, or
read the titles of every translation in the county. The subclasses here add the check on the page;
cms/urls.py mounts them in front of the originals. wagtail-localize's other translation views
(the translation editor and its string API, PO download/upload, preview, machine translation,
stop/restart) already check the user's rights on the translated page, and
sites/middleware.py refuses any admin URL naming a translation of another unit's page.

A unit's editors may edit but not publish, so here nothing they do publishes a translation:
starting one leaves it unpublished (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False in
the settings), "publish immediately" when syncing needs the right to publish, and converting a
translation back into an alias (which replaces the public page at once) does too. Editors send
their translation into the unit's review workflow instead (`submit_translation_for_review`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.permissions import get_permission_name, user_can_edit_snippet_type
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from disclosure.models import GovernmentDocumentPage
from sites.tenancy import permitted_roots, sees_whole_tree


def publication_refusal(page: Page, *, translating_source: bool = False) -> str:
    """Why a translated page may not be published, or "" when it may.

    A document's disclosure state is decided by its Chinese source: a translation of a source
    that is not live, or not publicly disclosed, would publish what the county has withheld.
    `translating_source`: `page` is the source whose translations are to be published."""
    page = page.specific
    if not isinstance(page, GovernmentDocumentPage):
        return ""
    source = page.source_document
    if source.pk == page.pk and not translating_source:
        # The Chinese document itself: its own publishing goes through review as usual.
        return ""
    if source.live and source.is_publicly_disclosed:
        return ""
    return _("中文原文《%(title)s》未发布或不予公开，它的译文不能发布或提交审核。") % {
        "title": source.get_admin_display_title()
    }


def refuse_publishing_translation_of_withheld_source(request: HttpRequest, page: Page) -> HttpResponse | None:
    """before_edit_page: wagtail-localize's translation editor publishes with action=publish (its
    strings are already saved, so refusing loses nothing the translator typed)."""
    publishing = request.POST.get("action") == "publish" or "action-publish" in request.POST
    if request.method != "POST" or not publishing:
        return None
    refusal = publication_refusal(page)
    if not refusal:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.id)


def _require_edit_permission(user, page: Page) -> None:
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied


def _require_snippet_edit_permission(user, model) -> None:
    # Snippets belong to no unit: whoever may edit the snippet type may translate it, as
    # wagtail-localize's own translation editor decides.
    if not user_can_edit_snippet_type(user, model):
        raise PermissionDenied


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        # An alias is translated through the page it mirrors (as wagtail-localize does).
        _require_edit_permission(request.user, page.alias_of or page)
        return super().dispatch(request, *args, **kwargs)


class ScopedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        _require_snippet_edit_permission(request.user, model)
        return super().dispatch(request, *args, **kwargs)


class ScopedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if isinstance(instance, Page):
            _require_edit_permission(request.user, instance)
        else:
            _require_snippet_edit_permission(request.user, type(instance))
        return super().dispatch(request, *args, **kwargs)

    def may_publish_translations(self) -> bool:
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if isinstance(target, Page):
                if not target.permissions_for_user(self.request.user).can_publish():
                    return False
            elif not self.request.user.has_perm(get_permission_name("publish", type(target))):
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations():
            # Not offered (nor read from the post) to whoever may not publish every translation.
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        source = self.object.get_source_instance()
        refusal = publication_refusal(source, translating_source=True) if isinstance(source, Page) else ""
        if form.cleaned_data["publish_translations"] and refusal:
            # The translations are still synchronised, as drafts: only publishing is refused.
            form.cleaned_data["publish_translations"] = False
            messages.error(self.request, refusal)
        return super().form_valid(form)


class ScopedTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        # wagtail-localize leaves the report unordered, which makes its pagination unstable.
        queryset = super().get_queryset().order_by("-created_at", "-pk")
        user = self.request.user
        if sees_whole_tree(user):
            return queryset
        own_pages = Page.objects.none()
        for root in permitted_roots(user):
            own_pages |= Page.objects.descendant_of(root, inclusive=True)
        return queryset.filter(source__object__translation_key__in=own_pages.values("translation_key"))


def scoped_convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    """Turning a translation back into an alias replaces the public page with the Chinese one at
    once (and puts it online if the Chinese page is), so it needs the right to publish."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


class ScopedSnippetViewSet(SnippetViewSet):
    """The translation editor's snippet look-up lists every instance of a snippet type: only for
    users who hold some permission on that type."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        policy = ModelPermissionPolicy(self.get_model())
        if not policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
            raise PermissionDenied


@require_POST
def submit_translation_for_review(request: HttpRequest, translation_id: int) -> HttpResponse:
    """Send the translation, as it stands in the translation editor, into the page's review.

    The translated text becomes a draft revision of the translated page (the public page does
    not change) and the unit's review workflow starts on it; the reviewers' approval publishes it.
    """
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id, enabled=True
    )
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if not isinstance(target, Page):
        raise Http404
    _require_edit_permission(request.user, target)
    next_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_pages:edit", args=[target.id]
    )
    title = target.get_admin_display_title()
    refusal = publication_refusal(target)
    if refusal:
        messages.error(request, refusal)
        return redirect(next_url)

    workflow = target.get_workflow()
    if workflow is None:
        messages.error(
            request, _("《%(title)s》没有审查流程，无法提交审核，请联系县级管理员。") % {"title": title}
        )
        return redirect(next_url)
    if target.workflow_in_progress:
        messages.warning(request, _("《%(title)s》的译文已在审查中。") % {"title": title})
        return redirect(next_url)

    try:
        with transaction.atomic():
            draft = translation.source.get_ephemeral_translated_instance(
                translation.target_locale, fallback=True
            )
            # The same slug rule as when wagtail-localize publishes a translation (README, "Languages").
            draft.slug = find_available_slug(draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.id)
            draft.save_revision(user=request.user, log_action=True)
            translation.source.update_target_view_restrictions(translation.target_locale)
            workflow.start(draft, request.user)
    except ValidationError as error:
        problems = "；".join(error.messages)
        messages.error(
            request,
            _("《%(title)s》的译文有错误，未提交审核：%(problems)s") % {"title": title, "problems": problems},
        )
        return redirect(next_url)
    messages.success(
        request,
        _("《%(title)s》的%(language)s译文已提交审核，审核通过后发布。")
        % {"title": title, "language": translation.target_locale.get_display_name()},
    )
    return redirect(next_url)
