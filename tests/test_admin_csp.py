"""The admin's Content-Security-Policy header and the violation report endpoint (cms/csp.py)."""

from __future__ import annotations

import json
import logging

import pytest


@pytest.mark.django_db
def test_the_admin_gets_a_report_only_policy_and_the_public_site_keeps_its_enforced_one(client):
    admin = client.get("/admin/login/")
    policy = admin["Content-Security-Policy-Report-Only"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "report-uri /csp-report/" in policy
    assert "Content-Security-Policy" not in admin


@pytest.mark.django_db
def test_an_enforced_admin_policy_is_sent_as_the_real_header(client, settings):
    settings.ADMIN_CSP_ENFORCE = True
    admin = client.get("/admin/login/")
    assert "script-src 'self'" in admin["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in admin


def test_violation_reports_are_logged_and_answered_204(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://www.example.gov.cn/admin/pages/3/edit/",
            "effective-directive": "script-src-elem",
            "blocked-uri": "inline",
            "source-file": "https://www.example.gov.cn/admin/pages/3/edit/",
            "line-number": 120,
        }
    }
    with caplog.at_level(logging.WARNING, logger="cms.csp"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    assert any(
        "script-src-elem" in record.getMessage() and "/admin/pages/3/edit/" in record.getMessage()
        for record in caplog.records
    )
    assert client.post("/csp-report/", b"not json", content_type="application/csp-report").status_code == 204
    assert client.get("/csp-report/").status_code == 405
