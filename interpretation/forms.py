"""The admin form of an interpretation: it may only explain policies its unit is allowed to."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sites.forms import UnitScopedPageForm
from sites.models import unit_of

NOT_OWN_POLICY = _("只能关联本单位的政策文件（县政府办公室可以关联全县各单位的政策文件）。")
DUPLICATE_POLICY = _("同一份政策文件只需关联一次。")


class InterpretationPageForm(UnitScopedPageForm):
    # The county office interprets every unit's policies (may_interpret), checked below.
    scoped_elsewhere = frozenset({"policy_links.policy"})

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("policy_links")
        if formset is None or self.parent_page is None:
            return cleaned_data
        # The page chooser only offers the user's own sections, but a hand-made request could name
        # any page: the rule is checked here, on the server.
        from .models import may_interpret

        unit = unit_of(self.parent_page)
        formset.is_valid()
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            policy = data.get("policy")
            if policy is None or data.get("DELETE"):
                continue
            if not may_interpret(unit, policy):
                form.add_error("policy", NOT_OWN_POLICY)
                # The chooser would show the chosen page's title when the form comes back: a
                # page the user may not use must not be named to them.
                form.data = form.data.copy()
                form.data[form.add_prefix("policy")] = ""
            elif policy.translation_key in seen:
                form.add_error("policy", DUPLICATE_POLICY)
            seen.add(policy.translation_key)
        return cleaned_data
