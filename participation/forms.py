"""Admin form of the consultation page: splits the pasted draft into articles."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .splitting import split_draft


class ConsultationPageForm(WagtailAdminPageForm):
    resplit_articles = forms.BooleanField(
        label=_("按草案全文重新拆分条款"),
        required=False,
        help_text=_("勾选后保存，将用草案全文重新生成全部条款，手工调整过的条款会被替换。"),
    )

    def save(self, commit=True):
        page = super().save(commit=False)
        # After the formset has been applied, the in-memory relation holds the articles kept.
        articles_kept = list(page.articles.all())
        # Split when the editor asks to, or when a draft was pasted and no article exists yet;
        # after that the articles are the editor's to adjust.
        if page.draft_text.strip() and (self.cleaned_data.get("resplit_articles") or not articles_kept):
            from .models import DraftArticle

            page.articles = [
                DraftArticle(label=part.label, heading=part.heading, text=part.text, sort_order=position)
                for position, part in enumerate(split_draft(page.draft_text))
            ]
        if commit:
            page.save()
        return page
