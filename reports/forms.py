"""The report page's form: a report whose Table 三 does not add up cannot be submitted or published."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sites.forms import UnitScopedPageForm

# The buttons of Wagtail's page editor that send the page on towards publication.
ONWARD_ACTIONS = ("action-publish", "action-submit", "action-workflow-action", "action-restart-workflow")


class AnnualReportPageForm(UnitScopedPageForm):
    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in ONWARD_ACTIONS):
            page = self.instance
            if not page.has_figures():
                raise ValidationError(_("报告还没有统计数据：请先在“年度报告”中重新统计，再提交或发布。"))
            blocking = page.blocking_problems()
            if blocking:
                raise ValidationError(
                    [_("报告的统计数据未通过校验，不能提交或发布：")]
                    + [problem["message"] for problem in blocking]
                )
        fees = cleaned.get("administrative_fees")
        if fees is not None and fees < 0:
            self.add_error("administrative_fees", _("收费金额不能为负数。"))
        return cleaned
