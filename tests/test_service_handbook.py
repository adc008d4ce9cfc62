"""办事一本通: the county office compiles selected guides into one PDF, built by the worker.

The PDF is read back with pypdf as a reader's PDF viewer would: the table of contents names each
guide with the page number printed at its foot, and that page is where the guide's 简版 starts.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from disclosure.models import ColumnPage
from portal.demo import services as demo
from services.handbook import generate, handbook_guides
from services.models import Handbook, HandbookScope, HandbookState, LifeEvent, ServiceGuidePage
from sites.models import Unit
from sites.provisioning import provision_units

from .conftest import unit_member
from .test_services import needs_redis

BRIEF_KICKER = "办事指南（简版）"


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


def toc_numbers(texts: list[str], titles: list[str]) -> dict[str, int]:
    """The page number the table of contents (the pages after the cover, up to the first 简版)
    prints after each title."""
    toc = "".join(text for text in texts[1:] if BRIEF_KICKER not in text)
    found = {}
    for title in titles:
        match = re.search(re.escape(title) + r"[^\d]*?[.·…]*(\d+)", toc)
        assert match, f"{title} is not in the table of contents"
        found[title] = int(match.group(1))
    return found


def start_pages(texts: list[str], titles: list[str]) -> dict[str, int]:
    """The 1-based page on which each guide's 简版 starts."""
    starts = {}
    for title in titles:
        pages = [index + 1 for index, text in enumerate(texts) if BRIEF_KICKER in text and title in text]
        assert pages, f"{title} has no 简版 in the PDF"
        starts[title] = pages[0]
    return starts


def handbook_pdf(handbook: Handbook) -> bytes:
    with handbook.document.file.open("rb") as file:
        return file.read()


def assert_complete(handbook: Handbook) -> list[str]:
    pdf = handbook_pdf(handbook)
    assert pdf.startswith(b"%PDF")
    texts = page_texts(pdf)
    guides = [guide for _heading, found in handbook_guides(handbook) for guide in found]
    titles = [re.sub(r"\s+", "", guide.title) for guide in guides]
    assert titles
    assert handbook.title in texts[0]
    assert toc_numbers(texts, titles) == start_pages(texts, titles)
    # Every 简版 holds its guide's own facts: phone, first material, first step.
    for guide, title in zip(guides, titles, strict=True):
        start = start_pages(texts, [title])[title] - 1
        sheet = texts[start] + (texts[start + 1] if start + 1 < len(texts) else "")
        for fact in (guide.consult_phone, guide.materials.first().name, guide.steps.first().name):
            assert re.sub(r"\s+", "", fact) in sheet, (title, fact)
    # Page numbers are printed on every page after the cover.
    assert all(f"—{number}—" in text for number, text in enumerate(texts[1:], start=2))
    return titles


@pytest.mark.django_db
def test_the_handbook_by_life_event_has_a_matching_toc_and_every_brief(small_county):
    demo.load_services_demo()
    handbook = Handbook.objects.create(
        title="盈江县企业开办和困难救助办事一本通", scope=HandbookScope.LIFE_EVENTS
    )
    handbook.life_events.set(LifeEvent.objects.filter(slug__in=["qiyekaiban", "kunnan-jiuzhu"]))
    handbook = generate(handbook)
    assert handbook.state == HandbookState.DONE and handbook.progress == handbook.total == 7
    titles = assert_complete(handbook)
    assert "个体工商户登记（注销）（演示）" in titles and "临时救助申请（演示）" in titles
    assert "高龄津贴申领（演示）" not in titles


@pytest.mark.django_db
def test_the_handbook_by_unit_holds_each_units_guides_and_no_draft(small_county):
    demo.load_services_demo()
    withdrawn = ServiceGuidePage.objects.get(slug="gaoling-jintie", locale__language_code="zh-hans")
    withdrawn.unpublish()
    handbook = Handbook.objects.create(title="平原镇办事一本通", scope=HandbookScope.UNITS)
    handbook.units.set(Unit.objects.filter(slug__in=["pingyuan", "scjg"]))
    titles = assert_complete(generate(handbook))
    assert len(titles) == 9 and withdrawn.title not in titles


@needs_redis
# Serialized rollback puts back the root page and locale that the flush after a transactional
# test removes and that provisioning builds on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_county_office_compiles_it_in_the_admin_and_a_real_worker_builds_and_rebuilds_it(
    small_county_records, start_celery_worker, client, tmp_path: Path
):
    provision_units(small_county_records)
    demo.load_services_demo()
    start_celery_worker()
    client.force_login(unit_member("editor", "xzfb"))
    events = LifeEvent.objects.filter(slug="qiyekaiban")
    office_column = ColumnPage.objects.live().get(
        locale__language_code="zh-hans", slug="statutory", url_path__contains="/xzfb/"
    )
    response = client.post(
        "/admin/handbooks/new/",
        {
            "title": "企业开办一本通",
            "scope": "life_events",
            "life_events": [e.pk for e in events],
            "is_published": "on",
            "column": office_column.pk,
        },
    )
    assert response.status_code == 302
    handbook = Handbook.objects.get(title="企业开办一本通")
    progress_url = f"/admin/handbook-progress/{handbook.pk}/"
    first = wait_until_done(handbook)
    assert first.total == 5
    page = client.get(progress_url).content.decode()
    assert "已生成" in page and "5 / 5" in page
    assert_complete(first)
    public = client.get(f"/banshi/yibentong/{handbook.pk}.pdf")
    assert public.status_code == 200 and b"".join(public.streaming_content).startswith(b"%PDF")
    # Published in the county office's column too.
    listed = client.get(office_column.url).content.decode()
    assert "企业开办一本通" in listed and f"/banshi/yibentong/{handbook.pk}.pdf" in listed

    # A guide of the handbook changes: the worker builds it again, with the new text.
    guide = ServiceGuidePage.objects.get(slug="shipin-jingying-xuke", locale__language_code="zh-hans")
    guide.consult_phone = "0692-1234567（新号码）"
    guide.save_revision().publish()
    second = wait_until_done(handbook, after=first.generated_at)
    assert "0692-1234567" in "".join(page_texts(handbook_pdf(second)))


def wait_until_done(handbook: Handbook, after=None, timeout: float = 120) -> Handbook:
    deadline = time.monotonic() + timeout
    while True:
        handbook.refresh_from_db()
        finished = handbook.state == HandbookState.DONE and (after is None or handbook.generated_at > after)
        if finished or handbook.state == HandbookState.FAILED or time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    assert handbook.state == HandbookState.DONE, handbook.error
    return handbook


@pytest.mark.django_db
def test_only_the_county_office_and_county_administrators_compile(small_county, client):
    for role, slug, status in [
        ("editor", "pingyuan", 404),
        ("editor", "xzfb", 200),
        ("county_admin", "", 200),
    ]:
        client.force_login(unit_member(role, slug) if slug else unit_member(role))
        assert client.get("/admin/handbooks/").status_code in ((302, 403, 404) if status == 404 else (200,))
        handbook = Handbook.objects.create(title="测试", scope=HandbookScope.UNITS)
        assert client.get(f"/admin/handbook-progress/{handbook.pk}/").status_code == status
        assert client.get("/admin/life-events/").status_code in ((302, 403, 404) if status == 404 else (200,))
