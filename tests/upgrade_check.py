"""Checks a migrated database through the code under test; run by test_upgrade_from_previous_main.

    DATABASE_URL=... python -m tests.upgrade_check < expectations.json

It runs in its own process (cwd = the repository root) so that it sees the database only as the
new code's models do. The input names what the previous main held (from raw SQL before the
migration); the last line of its output is JSON: {"problems": [...], "served": n, "seconds": t}. An empty
problem list means every content type in use resolves to an installed model, every page loads
as its specific model and every public page is served with its title.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import models  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

MAX_PROBLEMS = 40


def content_types_in_use(problems: list[str]) -> None:
    """Every row that points at a content type (pages, revisions, log entries, translation
    sources, permissions, reference index, tags...) must point at one whose model exists."""
    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:  # a page's content_type is Page's
            if not (isinstance(field, models.ForeignKey) and field.related_model is ContentType):
                continue
            used = model._default_manager.exclude(**{f"{field.name}__isnull": True})
            for ct_id in used.order_by().values_list(field.attname, flat=True).distinct():
                content_type = ContentType.objects.filter(pk=ct_id).first()
                if content_type is None:
                    problems.append(f"{model._meta.db_table}.{field.column}={ct_id}: no such content type")
                elif content_type.model_class() is None:
                    problems.append(
                        f"{model._meta.db_table}.{field.column}={ct_id}: content type "
                        f"{content_type.app_label}.{content_type.model} has no installed model"
                    )


def pages_load(expected: list[dict], problems: list[str]) -> dict[int, Page]:
    """Each page of the old database is still there, as the same model and content type row."""
    pages = {page.pk: page for page in Page.objects.select_related("content_type")}
    loaded = {}
    for old in expected:
        page = pages.get(old["id"])
        if page is None:
            problems.append(f"page {old['id']} ({old['app_label']}.{old['model']}) is gone")
            continue
        content_type = page.content_type
        label = f"{content_type.app_label}.{content_type.model}"
        if page.content_type_id != old["content_type_id"]:
            problems.append(
                f"page {page.pk}: content type row {old['content_type_id']} became {page.content_type_id}"
            )
        if content_type.model != old["model"]:
            problems.append(f"page {page.pk}: was {old['app_label']}.{old['model']}, is now {label}")
        try:
            specific = page.specific
        except Exception as exc:  # reported with the others, not raised
            problems.append(f"page {page.pk} ({label}): .specific fails: {exc!r}")
            continue
        if type(specific) is Page and content_type.model != "page":
            problems.append(f"page {page.pk} ({label}): .specific is a plain Page")
        loaded[page.pk] = specific
    return loaded


def get(client: Client, url: str, problems: list[str], expect: str | None, status: int = 200):
    try:
        response = client.get(url)
    except Exception as exc:
        problems.append(f"GET {url}: {exc!r}")
        return None
    if response.status_code != status:
        problems.append(f"GET {url}: {response.status_code}, expected {status}")
        return None
    if expect is not None and html.escape(expect) not in response.content.decode():
        problems.append(f"GET {url}: the page does not show {expect!r}")
    return response


def pages_to_serve(pages: dict[int, Page]) -> list[Page]:
    """Every live public page of the default language tree; of the other trees, the first
    three pages of each page type (the bulk of them are the same sections and columns)."""
    public = Page.objects.live().public().filter(depth__gt=1, pk__in=pages.keys()).order_by("path")
    default = Locale.get_default()
    chosen = [pages[pk] for pk in public.filter(locale=default).values_list("pk", flat=True)]
    per_type: dict[tuple[int, int], int] = {}
    for pk, locale_id, content_type_id in public.exclude(locale=default).values_list(
        "pk", "locale_id", "content_type_id"
    ):
        key = (locale_id, content_type_id)
        per_type[key] = per_type.get(key, 0) + 1
        if per_type[key] <= 3:
            chosen.append(pages[pk])
    return chosen


def serve(pages: dict[int, Page], outcome_pages: list[int], problems: list[str]) -> int:
    """The chosen public pages with their titles, the outcome page of each consultation whose
    outcome was published, and the RSS and Atom feeds of every feed page with pages below it
    (the sections and the columns that file documents)."""
    client = Client(HTTP_HOST="localhost")
    served = 0
    for page in pages_to_serve(pages):
        url = page.get_url()
        if url is None:
            problems.append(f"page {page.pk} ({page.title}) has no URL")
            continue
        # A document that is not publicly disclosed answers 404 by design (disclosure/models.py).
        if getattr(page, "is_publicly_disclosed", True):
            get(client, url, problems, page.title)
        else:
            get(client, url, problems, None, status=404)
        served += 1
        if hasattr(page, "rss_feed") and page.numchild:
            response = get(client, url + "rss/", problems, page.title)
            if response is not None and "xml" not in response["Content-Type"]:
                problems.append(f"GET {url}rss/: Content-Type {response['Content-Type']}")
            get(client, url + "atom/", problems, page.title)
            served += 2
        if len(problems) > MAX_PROBLEMS:
            break
    for pk in outcome_pages:
        page = pages.get(pk)
        if page is not None:
            get(client, page.get_url() + "outcome/", problems, page.title)
            served += 1
    return served


def main() -> None:
    expected = json.load(sys.stdin)
    started = time.monotonic()
    problems: list[str] = []
    content_types_in_use(problems)
    pages = pages_load(expected["pages"], problems)
    served = serve(pages, expected["outcome_pages"], problems) if not problems else 0
    json.dump(
        {
            "problems": problems[:MAX_PROBLEMS],
            "served": served,
            "seconds": round(time.monotonic() - started, 1),
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
