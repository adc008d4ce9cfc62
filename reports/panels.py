"""The report editor's read-only panel: the counted tables, the checks that failed, and the way to
count again."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.panels import Panel


class FiguresPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "reports/admin/figures_panel.html"

        def get_context_data(self, parent_context=None):
            from .presentation import report_tables

            context = super().get_context_data(parent_context)
            page = self.instance
            context["page"] = page
            context["tables"] = report_tables(page) if page.has_figures() else None
            context["recount_url"] = reverse("reports:recount", args=[page.pk]) if page.pk else None
            context["cells_url"] = reverse("reports:cells", args=[page.pk]) if page.pk else None
            return context
