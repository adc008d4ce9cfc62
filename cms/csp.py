"""Content-Security-Policy for the Wagtail admin, and the endpoint browsers report violations to.

The public site runs under CONTENT_SECURITY_POLICY (cms/settings), which leaves /admin/ out. The
admin gets ADMIN_CONTENT_SECURITY_POLICY: as the enforced header when ADMIN_CSP_ENFORCE is on,
otherwise (the default, until every admin screen a county uses has been seen to work under it)
as Content-Security-Policy-Report-Only. Either way violations are POSTed to /csp-report/ and
logged, so that the policy can be enforced once the log stays quiet.
"""

from __future__ import annotations

import json
import logging

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("cms.csp")
ADMIN_PREFIX = "/admin/"
# A report is a few hundred bytes; anything much larger is not one and is not logged.
MAX_REPORT_BYTES = 16 * 1024


def is_admin(request: HttpRequest) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy on /admin/ (enforced or report-only)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only and is_admin(request) and not settings.ADMIN_CSP_ENFORCE and parts.config is None:
            parts.config = admin_policy()
        return parts

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        response = super().process_response(request, response)
        # The public policy's EXCLUDE_URL_PREFIXES keeps /admin/ out of the enforced header; when
        # the admin's policy is enforced, it is set here.
        if (
            is_admin(request)
            and settings.ADMIN_CSP_ENFORCE
            and HEADER not in response
            and getattr(response, "_csp_exempt", False) is False
        ):
            response[HEADER] = build_policy(config=admin_policy())
        return response


def admin_policy() -> dict:
    return default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Logs one violation report (report-uri's application/csp-report or the Reporting API's
    application/reports+json); always answers 204, and never stores what it was sent."""
    body = request.body[: MAX_REPORT_BYTES + 1]
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=204)
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return HttpResponse(status=204)
    reports = data if isinstance(data, list) else [data]
    for report in reports:
        if not isinstance(report, dict):
            continue
        details = report.get("csp-report") or report.get("body") or {}
        if not isinstance(details, dict):
            continue
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s:%s)",
            str(
                details.get("effective-directive")
                or details.get("effectiveDirective")
                or details.get("violated-directive", "")
            )[:100],
            str(details.get("blocked-uri") or details.get("blockedURL", ""))[:300],
            str(details.get("document-uri") or details.get("documentURL", ""))[:300],
            str(details.get("source-file") or details.get("sourceFile", ""))[:300],
            str(details.get("line-number") or details.get("lineNumber", ""))[:10],
        )
    return HttpResponse(status=204)
