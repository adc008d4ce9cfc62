"""The 办事一本通's progress page and its 重新生成 button, for the curators only (404 to anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_forms import schedule
from .models import Handbook, HandbookState
from .services import may_curate


class CuratorOnly:
    def dispatch(self, request, *args, **kwargs):
        if not may_curate(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class HandbookProgress(CuratorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "services/admin/handbook_progress.html"
    page_title = gettext_lazy("办事一本通生成进度")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not may_curate(request.user):
            raise Http404
        self.handbook = get_object_or_404(Handbook.objects.select_related("document"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("handbooks:index"), "label": _("办事一本通")},
            {"url": "", "label": self.handbook.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handbook = self.handbook
        context.update(
            handbook=handbook,
            working=handbook.state in (HandbookState.PENDING, HandbookState.RUNNING),
        )
        return context


class RegenerateHandbook(CuratorOnly, TemplateView):
    http_method_names = ["post"]

    def post(self, request, pk):
        handbook = get_object_or_404(Handbook, pk=pk)
        schedule(handbook)
        messages.success(request, _("已开始重新生成，请稍候。"))
        return redirect("services_handbook_progress", pk)
