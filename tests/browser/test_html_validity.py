"""The citizen pages are valid HTML by the Nu HTML checker (vnu.jar, what validator.w3.org runs),
in the normal look and in elder mode. `make vnu` (part of `make test`) installs the checker into
.cache/vnu/; it runs on the machine's Java."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from portal.elder import COOKIE as ELDER_COOKIE

from .screens import REPO_ROOT
from .test_accessibility import citizen_pages

VNU_JAR = REPO_ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(documents: dict[str, str], directory: Path) -> dict[str, list[str]]:
    """The checker's errors for each named HTML document, as 'line N: message (extract)'."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("The Nu HTML checker needs Java, and `java` is not on this machine's PATH.")
    if not VNU_JAR.exists():
        pytest.fail(f"The Nu HTML checker is not installed at {VNU_JAR}: run `make vnu`.", pytrace=False)
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = directory / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    # One run for every page: Java starts once, which is most of the checker's time.
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *(str(directory / file) for file in files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        # The checker names each file by a file: URL; its last part is ours.
        url = message.get("url", "?")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} ({message.get('extract', '').strip()[:120]})"
        )
    return errors


def fetch_pages(client: Client) -> dict[str, str]:
    documents = {}
    for name, path in citizen_pages().items():
        response = client.get(path)
        assert response.status_code == 200, f"{name} ({path}) answered {response.status_code}"
        documents[f"{name} {path}"] = response.content.decode()
    return documents


@pytest.mark.browser
def test_citizen_pages_are_valid_html(demo_logins, tmp_path):
    client = Client()
    documents = fetch_pages(client)
    client.cookies[ELDER_COOKIE] = "1"
    elder = fetch_pages(client)
    assert all("elder-mode" in html for html in elder.values())
    documents.update({f"长辈版 {name}": html for name, html in elder.items()})

    errors = vnu_errors(documents, tmp_path)
    assert not errors, "The Nu HTML checker found errors:\n" + "\n".join(
        f"== {name}\n" + "\n".join(f"    {line}" for line in lines) for name, lines in errors.items()
    )


def test_the_checker_reports_an_invalid_page(tmp_path):
    # Without this a checker that never ran (or whose output we failed to read) would pass.
    errors = vnu_errors(
        {
            "broken": '<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body><form action=""></form></body></html>'
        },
        tmp_path,
    )
    assert list(errors) == ["broken"] and "action" in errors["broken"][0], errors
