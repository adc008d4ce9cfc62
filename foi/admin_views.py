"""Admin views of applications (依申请公开): the staff registration, the handling page with one
form per allowed step, the downloads of notices, reply files and ID copies, and the XLSX register.
Their URLs are the viewset's (foi/wagtail_hooks.py).

Every view loads the application through the user's unit scope (the registered
UnitScopedPermissionPolicy): another unit's application answers 404 exactly like one that does
not exist, and so does each of its notices and files. Nothing here changes an application's
state itself: each step goes through foi/services.py, which refuses what the state does not
allow (also when posted directly) with a Chinese message shown on the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Media
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import CreateView, IndexView, InspectView

from security.audit import personal_data_exported, personal_data_viewed
from sites.permissions import instances_user_may_change
from sites.spreadsheets import xlsx_response
from sites.tenancy import is_county_admin, units_for_user
from workdays.services import add_working_days, working_days_between

from .admin_forms import ACTION_FORMS, ActionForm
from .models import CLOCK_RUNNING, Application, EventKind

# Within this many working days of its due date an application is flagged (amber).
DUE_SOON_WORKING_DAYS = 5
DOWNLOAD_FORMATS = ("docx", "pdf")


def applications_in_scope(user):
    """The applications of the user's units (all of them for county administrators)."""
    return instances_user_may_change(Application, user)


def application_for(request, pk: int) -> Application:
    return get_object_or_404(applications_in_scope(request.user), pk=pk)


def due_soon_limit(today=None):
    """The last due date that counts as "due soon" today."""
    today = today or timezone.localdate()
    return add_working_days(today, DUE_SOON_WORKING_DAYS).due


def due_status(application: Application, today=None) -> str:
    """ "overdue", "soon" or "" for an application whose reply clock runs."""
    if application.state not in CLOCK_RUNNING or application.due_on is None:
        return ""
    today = today or timezone.localdate()
    if application.due_on < today:
        return "overdue"
    if working_days_between(today, application.due_on) <= DUE_SOON_WORKING_DAYS:
        return "soon"
    return ""


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return applications_in_scope(self.request.user).select_related("unit")

    @property
    def header_more_buttons(self):
        from wagtail.admin.widgets import Button

        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("导出登记簿（XLSX）"),
                url=reverse("foi_applications:export"),
                icon_name="download",
                priority=50,
            )
        )
        return buttons


class RegistrationView(CreateView):
    """An application received by letter, fax, in person or e-mail, registered by staff."""

    page_title = gettext_lazy("登记申请")

    def save_instance(self):
        from . import services

        return services.submit_application(self.form.applicant_input(), user=self.request.user)

    def form_valid(self, form):
        from .services import TransitionRefused

        try:
            return super().form_valid(form)
        except TransitionRefused as error:
            add_refusal(form, error)
        except PermissionDenied as error:
            # The service re-checks that the unit is the user's.
            form.add_error("unit", str(error) or _("您不能为该单位登记申请。"))
        return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("已登记：%(number)s，查询码 %(code)s。") % {
            "number": instance.register_number,
            "code": instance.tracking_code,
        }

    def get_success_url(self):
        return reverse("foi_applications:edit", args=[self.object.pk])


def add_refusal(form, error) -> None:
    """The service's refusal on the form: under its field when it names one the form has."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class HandlingView(InspectView):
    """One application: the applicant, the request, the clock, the log, the letters, and a form for
    each step the user may take now. Each step posts to <pk>/<action>/."""

    template_name = "foi/admin/handle.html"
    page_title = gettext_lazy("办理")
    # Unit staff hold "change" on their unit's applications; nobody else anything.
    any_permission_required = ["change"]

    def get_page_subtitle(self):
        return self.object.register_number

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("foi_applications:index"), "label": _("依申请公开")},
            {"url": "", "label": self.object.register_number, "sublabel": self.object.name},
        ]

    @property
    def header_more_buttons(self):
        return []

    def get(self, request, *args, **kwargs):
        personal_data_viewed(request, self.object)  # the applicant's identity and contacts
        return super().get(request, *args, **kwargs)

    def allowed_actions(self) -> list[str]:
        from . import services

        return [
            action
            for action in services.allowed_actions(self.object, self.request.user)
            if action in ACTION_FORMS
        ]

    def post(self, request, *args, **kwargs):
        from . import services

        action = self.kwargs.get("action")
        form_class = ACTION_FORMS.get(action)
        if form_class is None:
            raise Http404
        application = self.object
        form = form_class(request.POST, request.FILES, application=application, user=request.user)
        if form.is_valid():
            # The service checks the state and the user's role itself, also for a step posted
            # directly or one the page offered before the state changed.
            try:
                result = getattr(services, action)(application, user=request.user, **form.service_kwargs())
            except services.TransitionRefused as error:
                add_refusal(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("您不能进行此项操作。"))
            else:
                self.report_success(form, result)
                return redirect("foi_applications:edit", application.pk)
        personal_data_viewed(request, application)
        return self.render_to_response(self.get_context_data(failed_form=form))

    def report_success(self, form: ActionForm, result) -> None:
        if form.action == "propose_for_disclosure" and result is not None:
            messages.success(
                self.request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("已在本单位栏目中起草主动公开文件（草稿，须经审查后发布）。"),
                    reverse("wagtailadmin_pages:edit", args=[result.pk]),
                    _("编辑草稿"),
                ),
            )
            return
        if result is not None and hasattr(result, "number"):
            messages.success(
                self.request,
                _("“%(action)s”已完成，出具 %(notice)s。") % {"action": form.title, "notice": result.number},
            )
        else:
            messages.success(self.request, _("“%(action)s”已完成。") % {"action": form.title})

    def get_context_data(self, failed_form=None, **kwargs):
        from . import services

        context = super().get_context_data(**kwargs)
        application = self.object
        user = self.request.user
        forms = []
        for action in self.allowed_actions():
            if failed_form is not None and failed_form.action == action:
                forms.append(failed_form)
            else:
                forms.append(ACTION_FORMS[action](application=application, user=user))
        if failed_form is not None and failed_form.action not in [form.action for form in forms]:
            forms.insert(0, failed_form)
        deadline = services.reply_deadline(application) if application.due_on else None
        notices = [
            {
                "notice": notice,
                "downloads": [
                    (fmt.upper(), reverse("foi_applications:notice", args=[application.pk, notice.pk, fmt]))
                    for fmt in DOWNLOAD_FORMATS
                ],
            }
            for notice in application.notices.select_related("unit")
        ]
        context.update(
            application=application,
            deadline=deadline,
            due_status=due_status(application),
            events=application.events.select_related("user", "from_unit", "to_unit"),
            notices=notices,
            reply_files=application.reply_files.all(),
            forms=forms,
            same_information=services.similar_applications(application).count()
            if "propose_for_disclosure" in [form.action for form in forms]
            else None,
            proposed=application.events.filter(kind=EventKind.PROPOSED_FOR_DISCLOSURE).exists(),
            county_admin=is_county_admin(user),
            media=sum((form.media for form in forms), Media()),
        )
        return context


# --- downloads: each through the application's scope first --------------------------------------


def notice_download(request, pk: int, notice_pk: int, fmt: str):
    application = application_for(request, pk)
    notice = get_object_or_404(application.notices, pk=notice_pk)
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    from .letters import notice_response

    personal_data_viewed(request, notice)  # the letter names the applicant
    return notice_response(notice, fmt)


def reply_file_download(request, pk: int, file_pk: int):
    application = application_for(request, pk)
    reply_file = get_object_or_404(application.reply_files, pk=file_pk)
    personal_data_viewed(request, application)
    name = reply_file.file.name.rsplit("/", 1)[-1]
    return FileResponse(reply_file.file.open("rb"), as_attachment=True, filename=name)


def id_copy_download(request, pk: int):
    application = application_for(request, pk)
    if not application.id_copy:
        raise Http404
    personal_data_viewed(request, application)
    name = application.id_copy.name.rsplit("/", 1)[-1]
    return FileResponse(application.id_copy.open("rb"), as_attachment=True, filename=name)


def export_register(request):
    from .exports import register_workbook

    if not units_for_user(request.user).exists():
        raise PermissionDenied
    applications = applications_in_scope(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        applications = applications.filter(year=int(year))
    workbook = register_workbook(applications)
    personal_data_exported(request, _("依申请公开登记簿"))
    return xlsx_response(workbook, f"依申请公开登记簿-{timezone.localdate():%Y%m%d}.xlsx")
