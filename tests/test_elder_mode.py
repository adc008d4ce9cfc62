"""Elder mode (适老化, portal/elder.py): the top bar's link sets or clears a cookie and goes back to
the page on this site it came from, never to another site; with the cookie the page carries the
elder-mode class and stylesheet."""

from __future__ import annotations

import pytest

from portal.elder import COOKIE


@pytest.mark.django_db
def test_the_link_sets_the_cookie_and_goes_back(client):
    response = client.get("/elder-mode/", {"on": "1", "next": "/zwgk/pingyuan/?p=2"})
    assert response.status_code == 302 and response["Location"] == "/zwgk/pingyuan/?p=2"
    assert response.cookies[COOKIE].value == "1"
    assert response.cookies[COOKIE]["httponly"] and response.cookies[COOKIE]["samesite"] == "Lax"

    page = client.get("/search/").content.decode()
    assert 'class=" elder-mode"' in page and "css/elder.css" in page
    assert "退出长辈版" in page and "/elder-mode/?on=0&amp;next=/search/" in page

    response = client.get("/elder-mode/", {"on": "0", "next": "/search/"})
    assert response["Location"] == "/search/" and response.cookies[COOKIE].value == ""
    page = client.get("/search/").content.decode()
    assert 'elder-mode"' not in page and "css/elder.css" not in page
    assert "/elder-mode/?on=1&amp;next=/search/" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/zwgk/",
        "/\\evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_redirect_refuses_other_sites(client, target):
    response = client.get("/elder-mode/", {"on": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
