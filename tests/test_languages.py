"""Three content languages in the public site: zh-hans (default), Dai (`tdd`) and Jingpo (`kac`).

A reader picks a language with the switcher on every page and lands on the translation of the
page they were reading, or on its place in that language's tree, where the page says plainly that
it has no Dai (Jingpo) version yet and links the Chinese page. `lang` and `hreflang` say which
language each part of the page is in. The chrome comes from locale/*/LC_MESSAGES/django.po; the
Dai and Jingpo catalogues fall back to Chinese, never to English. Browser checks (switching, the
Tai Le font) are in tests/browser/test_languages.py.
"""

from __future__ import annotations

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django import forms
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation.template import templatize
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from disclosure.models import ColumnPage
from sites.models import UnitProfilePage

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
CATALOGUES = {code: LOCALE_DIR / code / "LC_MESSAGES" / "django.po" for code in ("zh_Hans", "tdd", "kac")}
# Where makemessages looks (see `make catalogues`): everything but the virtualenv, tests and benchmarks.
SKIPPED_DIRS = {".venv", "tests", "benchmarks", "node_modules", "staticfiles", "media", "locale"}
REGENERATE = "运行 `make catalogues` 重新生成翻译目录（zh_Hans 自动补全，tdd/kac 留空待译）。"
FONT_DIR = ROOT / "static" / "fonts" / "noto-sans-tai-le"


# --- reading pages -------------------------------------------------------------------------


def matches(attrs: dict[str, str], wanted: dict[str, str]) -> bool:
    # class_="x" stands for class="x", aria_current for aria-current.
    return all(attrs.get(key.rstrip("_").replace("_", "-")) == value for key, value in wanted.items())


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def first(self, tag: str, **wanted: str) -> dict[str, str]:
        for name, attrs in self.tags:
            if name == tag and matches(attrs, wanted):
                return attrs
        raise AssertionError(f"no <{tag}> with {wanted}")

    def all(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag and matches(attrs, wanted)]


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


def switcher(html: str) -> str:
    match = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert match, "the page has no language switcher"
    return match.group(0)


def switcher_entry(html: str, autonym: str) -> str:
    """The switcher's <li> for one language, found by the language's own name."""
    for item in re.findall(r"<li>.*?</li>", switcher(html), re.S):
        if autonym in item:
            return item
    raise AssertionError(f"no switcher entry for {autonym}")


def link_target(entry: str) -> str | None:
    match = re.search(r'<a href="([^"]*)" hreflang="([^"]*)"', entry)
    return match.group(1) if match else None


DAI = "ᥖᥭᥰ ᥖᥬᥲ ᥑᥨᥒᥰ"
JINGPO = "Jinghpaw"


def profile(language_code: str = "zh-hans") -> UnitProfilePage:
    return UnitProfilePage.objects.get(
        locale__language_code=language_code, url_path__contains="/zwgk/pingyuan/"
    )


def translate(page: Page, language_code: str, strings: dict[str, str]) -> Page:
    """Translate `page` the way a translator's PO upload does, then publish the translation.

    `strings` maps a field (PO msgctxt: "title", "slug", ...) to its translation; the rest
    falls back to the source, as wagtail-localize does when a translation is published."""
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(page.specific)
    job, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = job.export_po()
    for entry in po:
        if entry.msgctxt in strings:
            entry.msgstr = strings[entry.msgctxt]
    job.import_po(po)
    job.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated.specific


# --- lang on every page ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "html_lang"),
    [("", "zh-Hans"), ("/tdd", "tdd"), ("/kac", "kac")],
)
def test_every_language_tree_serves_with_its_bcp47_lang(small_county, client, prefix, html_lang):
    for path in ("/", "/zwgk/", "/zwgk/pingyuan/", "/zwgk/pingyuan/profile/"):
        html = get(client, f"{prefix}{path}")
        assert Elements(html).first("html")["lang"] == html_lang, f"{prefix}{path}"
    missing = client.get(f"{prefix}/no-such-page/")
    assert missing.status_code == 404
    assert Elements(missing.content.decode()).first("html")["lang"] == html_lang


@pytest.mark.django_db
def test_chinese_pages_are_not_marked_as_anything_else(small_county, client):
    html = get(client, "/zwgk/pingyuan/profile/")
    assert "language-notice" not in html
    assert "lang" not in Elements(html).first("main")
    # Only the language names in the switcher carry a lang of their own.
    marked = {attrs["lang"] for _tag, attrs in Elements(html).tags if "lang" in attrs}
    assert marked == {"zh-Hans", "tdd", "kac"}


# --- pages with no Dai or Jingpo version yet -------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "language"), [("/tdd", "傣文"), ("/kac", "景颇文")])
def test_untranslated_page_says_so_and_offers_the_chinese_page(small_county, client, prefix, language):
    html = get(client, f"{prefix}/zwgk/pingyuan/profile/")
    page = Elements(html)
    notice = re.search(r'<p class="language-notice".*?</p>', html, re.S).group(0)
    assert f"本页暂无{language}版本，下面是中文页面的内容。" in notice
    assert '<a href="/zwgk/pingyuan/profile/" hreflang="zh-Hans"' in notice
    # The content is the Chinese page's; the chrome follows the reader's catalogue (here still
    # Chinese, as the catalogue is untranslated, so the notice is marked Chinese too).
    assert page.first("main")["lang"] == "zh-Hans"
    assert page.first("p", class_="language-notice")["lang"] == "zh-Hans"
    assert page.first("li", aria_current="page")["lang"] == "zh-Hans"
    # Search engines are pointed at the Chinese page rather than at its copy.
    assert page.first("link", rel="canonical")["href"] == "http://testserver/zwgk/pingyuan/profile/"
    assert not page.all("link", rel="alternate", hreflang="tdd")


@pytest.mark.django_db
def test_switcher_on_an_untranslated_page_says_no_version_exists(small_county, client):
    html = get(client, "/zwgk/pingyuan/profile/")
    chinese = switcher_entry(html, "简体中文")
    assert 'aria-current="true"' in chinese and "暂无" not in chinese
    dai = switcher_entry(html, DAI)
    assert link_target(dai) == "/tdd/zwgk/pingyuan/profile/"
    assert "（本页暂无此语言版本）" in dai and '<span lang="tdd">' in dai
    jingpo = switcher_entry(html, JINGPO)
    assert link_target(jingpo) == "/kac/zwgk/pingyuan/profile/"
    assert "（本页暂无此语言版本）" in jingpo and '<span lang="kac">' in jingpo


@pytest.mark.django_db
def test_page_only_in_chinese_has_no_link_for_the_other_languages(small_county, client):
    # A page added after the language trees were made has no alias in them.
    section = profile().get_parent()
    column = ColumnPage(title="新栏目", slug="new-column")
    section.add_child(instance=column)
    column.save_revision().publish()
    html = get(client, "/zwgk/pingyuan/new-column/")
    for autonym in (DAI, JINGPO):
        entry = switcher_entry(html, autonym)
        assert link_target(entry) is None and "（本页暂无此语言版本）" in entry


@pytest.mark.django_db
def test_switcher_on_views_that_are_not_pages(small_county, client):
    # Search keeps the reader's query in every language.
    html = get(client, "/tdd/search/?q=%E5%85%AC%E5%BC%80")
    assert Elements(html).first("html")["lang"] == "tdd"
    assert link_target(switcher_entry(html, "简体中文")) == "/search/?q=%E5%85%AC%E5%BC%80"
    assert link_target(switcher_entry(html, JINGPO)) == "/kac/search/?q=%E5%85%AC%E5%BC%80"
    # A page not found offers each language's home page.
    missing = client.get("/kac/no-such-page/").content.decode()
    assert link_target(switcher_entry(missing, "简体中文")) == "/"
    assert link_target(switcher_entry(missing, DAI)) == "/tdd/"
    assert 'aria-current="true"' in switcher_entry(missing, JINGPO)


# --- translated pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_switcher_goes_to_the_translation_and_back(small_county, client):
    dai = translate(profile(), "tdd", {"title": "ᥛᥫᥒᥰ ᥕᥤᥒᥰ"})
    assert dai.url == "/tdd/zwgk/pingyuan/profile/"

    chinese_html = get(client, "/zwgk/pingyuan/profile/")
    entry = switcher_entry(chinese_html, DAI)
    assert link_target(entry) == dai.url and "暂无" not in entry

    html = get(client, dai.url)
    page = Elements(html)
    assert page.first("html")["lang"] == "tdd"
    assert "lang" not in page.first("main")
    assert "language-notice" not in html and not page.all("link", rel="canonical")
    assert "<h1>ᥛᥫᥒᥰ ᥕᥤᥒᥰ</h1>" in html
    assert link_target(switcher_entry(html, "简体中文")) == "/zwgk/pingyuan/profile/"
    # Jingpo has no version yet: still offered, and said so.
    assert "（本页暂无此语言版本）" in switcher_entry(html, JINGPO)

    # hreflang alternates: every real version and x-default, the same on both pages.
    for markup in (html, chinese_html):
        alternates = {
            attrs["hreflang"]: attrs["href"]
            for attrs in Elements(markup).all("link", rel="alternate")
            if "type" not in attrs
        }
        assert alternates == {
            "zh-Hans": "http://testserver/zwgk/pingyuan/profile/",
            "tdd": "http://testserver/tdd/zwgk/pingyuan/profile/",
            "x-default": "http://testserver/zwgk/pingyuan/profile/",
        }


@pytest.mark.django_db
def test_every_alternate_link_has_hreflang(small_county, client):
    translate(profile(), "kac", {"title": "Jinghpaw profile"})
    urls = ["/zwgk/pingyuan/", "/zwgk/pingyuan/statutory/", "/tdd/zwgk/pingyuan/statutory/"]
    urls += ["/zwgk/pingyuan/profile/", "/kac/zwgk/pingyuan/profile/"]
    seen = 0
    for url in urls:
        for attrs in Elements(get(client, url)).all("link", rel="alternate"):
            seen += 1
            assert attrs.get("hreflang"), f"{url}: {attrs}"
    assert seen >= 10  # feeds on sections and columns, versions on the translated profile
    # A feed of the Dai tree's column lists the Chinese documents it mirrors.
    feed = Elements(get(client, "/tdd/zwgk/pingyuan/statutory/")).first(
        "link", rel="alternate", type="application/rss+xml"
    )
    assert feed["hreflang"] == "zh-Hans"


# --- slugs -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_translation_keeps_the_chinese_slug_unless_the_translator_changes_it(small_county, client):
    dai = translate(profile(), "tdd", {"title": "ᥛᥫᥒᥰ ᥕᥤᥒᥰ"})
    assert dai.slug == "profile"
    assert client.get("/tdd/zwgk/pingyuan/profile/").status_code == 200


@pytest.mark.django_db
def test_latin_jingpo_slug_is_kept(small_county, client):
    jingpo = translate(profile(), "kac", {"title": "Jinghpaw profile", "slug": "jinghpaw-profile"})
    assert jingpo.slug == "jinghpaw-profile"
    assert client.get("/kac/zwgk/pingyuan/jinghpaw-profile/").status_code == 200
    html = get(client, "/zwgk/pingyuan/profile/")
    assert link_target(switcher_entry(html, JINGPO)) == "/kac/zwgk/pingyuan/jinghpaw-profile/"


@pytest.mark.django_db
def test_tai_le_slug_from_a_translator_is_not_kept(small_county, client):
    """The documented policy (README, "Languages"): wagtail-localize reduces a translated slug to
    ASCII, so a Tai Le slug is dropped and Wagtail makes one from the translated title instead.
    The page still has a working address and the switcher still finds it."""
    title = "ᥛᥫᥒᥰ ᥕᥤᥒᥰ"
    dai = translate(profile(), "tdd", {"title": title, "slug": "ᥖᥭᥰ-ᥘᥫᥴ"})
    assert dai.slug != "ᥖᥭᥰ-ᥘᥫᥴ"
    assert dai.slug == slugify(title, allow_unicode=True)
    response = client.get(dai.url)
    assert response.status_code == 200 and f"<h1>{title}</h1>" in response.content.decode()
    html = get(client, "/zwgk/pingyuan/profile/")
    assert link_target(switcher_entry(html, DAI)) == dai.url


# --- the demo's sample translations ----------------------------------------------------------


@pytest.mark.django_db
def test_demo_has_sample_dai_and_jingpo_home_pages_marked_as_samples(demo, client):
    dai = get(client, "/tdd/")
    assert Elements(dai).first("html")["lang"] == "tdd" and "language-notice" not in dai
    assert "示例文字，不是译文" in dai and re.search("[\u1950-\u197f]{3}", dai)
    jingpo = get(client, "/kac/")
    assert "示例文字，不是译文" in jingpo and "<h1>Jinghpaw（景颇文示例页）</h1>" in jingpo
    # Made through wagtail-localize, so translators pick them up where they left off.
    chinese_home = Page.objects.get(depth=2, locale__language_code="zh-hans")
    samples = Translation.objects.filter(source__object_id=chinese_home.translation_key)
    assert sorted(samples.values_list("target_locale__language_code", flat=True)) == ["kac", "tdd"]
    home = get(client, "/")
    assert link_target(switcher_entry(home, DAI)) == "/tdd/" and "暂无" not in switcher_entry(home, DAI)
    # Loading the demo again changes nothing: tests/test_public_site.py.


# --- catalogues ----------------------------------------------------------------------------------


def entries(code: str) -> dict[tuple[str, str], polib.POEntry]:
    catalogue = polib.pofile(str(CATALOGUES[code]))
    return {(entry.msgctxt or "", entry.msgid): entry for entry in catalogue if not entry.obsolete}


def source_files(suffix: str):
    for path in ROOT.rglob(f"*{suffix}"):
        parts = path.relative_to(ROOT).parts
        if not any(part in SKIPPED_DIRS or part.startswith(".") for part in parts[:-1]):
            yield path


TRANSLATION_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT_CALLS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def python_messages(path: Path) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        args = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
        if node.func.id in TRANSLATION_CALLS and args and isinstance(args[0], str):
            found.add(("", args[0]))
        elif (
            node.func.id in CONTEXT_CALLS and len(args) > 1 and all(isinstance(arg, str) for arg in args[:2])
        ):
            found.add((args[0], args[1]))
    return found


# templatize() turns a template's {% translate %} and {% blocktranslate %} tags (and _("...") in
# filter arguments) into gettext calls with literal arguments, as makemessages does.
LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATIZED = re.compile(rf"\b(gettext|ngettext|pgettext|npgettext|_)\(({LITERAL}(?:\s*,\s*{LITERAL})*)")


def template_messages(path: Path) -> set[tuple[str, str]]:
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = set()
    for function, arguments in TEMPLATIZED.findall(code):
        values = ast.literal_eval(f"({arguments},)")
        found.add(
            (values[0], values[1]) if function.startswith(("pgettext", "npgettext")) else ("", values[0])
        )
    return found


def test_every_chrome_string_is_in_the_catalogues():
    messages = set()
    for path in source_files(".py"):
        messages |= python_messages(path)
    for path in source_files(".html"):
        messages |= template_messages(path)
    assert len(messages) > 200
    # Wagtail's own strings, in the admin templates the project overrides, are Wagtail's catalogue's
    # (or locale_overrides/'s, test_every_admin_string_of_wagtail_has_chinese), not ours.
    with translation.override("zh-hans"):
        messages = {
            (context, message) for context, message in messages if translation.gettext(message) == message
        }
    for code in CATALOGUES:
        missing = sorted(message for _context, message in messages - set(entries(code)))
        assert not missing, f"locale/{code} lacks {len(missing)} strings, e.g. {missing[:5]}. {REGENERATE}"


def test_chinese_catalogue_is_complete():
    for (_context, msgid), entry in entries("zh_Hans").items():
        assert "fuzzy" not in entry.flags, msgid
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), msgid
        else:
            assert entry.msgstr, f"zh_Hans has no text for {msgid!r}. {REGENERATE}"


def test_every_admin_string_of_wagtail_has_chinese(db, client):
    """Wagtail's zh-hans catalogues lack some of its admin's strings; locale_overrides/ has them all,
    so an upgrade that adds new ones fails here (`make admin-catalogue-gaps` lists them)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "locale_overrides/admin_catalogue_gaps.py"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:]
    # In use: one of the server's strings, and one of the admin scripts' (the JavaScript catalogue).
    with translation.override("zh-hans"):
        assert (
            translation.gettext("Use server language: %(language_name)s")
            == "使用服务器语言：%(language_name)s"
        )
    script = client.get("/admin/jsi18n/").content.decode()
    assert json.dumps("Insert a block") + ": " + json.dumps("插入块") in script


def test_dai_and_jingpo_catalogues_are_ready_for_translators():
    chinese = set(entries("zh_Hans"))
    for code in ("tdd", "kac"):
        catalogue = polib.pofile(str(CATALOGUES[code]))
        assert catalogue.metadata["Language"] == code
        assert "Plural-Forms" in catalogue.metadata
        assert set(entries(code)) == chinese, f"locale/{code} differs from zh_Hans. {REGENERATE}"
        # Whatever is translated there came from a translator: nothing is a copy of the source.
        for entry in entries(code).values():
            assert entry.msgstr != entry.msgid or not entry.msgstr, (code, entry.msgid)


def test_compiled_catalogues_exist_for_every_language():
    # Without them Django refuses /tdd/ and /kac/ (make install compiles them).
    for code in CATALOGUES:
        assert CATALOGUES[code].with_suffix(".mo").exists(), f"run `make messages` for {code}"
        assert translation.check_for_language(code.replace("_", "-").lower())


def form_messages() -> list[str]:
    """Django's own messages for a form a citizen fills in."""
    return [
        str(forms.CharField().error_messages["required"]),
        str(forms.IntegerField().error_messages["invalid"]),
    ]


@pytest.mark.parametrize("language_code", ["tdd", "kac"])
def test_untranslated_strings_fall_back_to_chinese_not_english(language_code):
    with translation.override("zh-hans"):
        chinese = form_messages()
    with translation.override("en"):
        english = form_messages()
    assert all(re.search("[\u4e00-\u9fff]", message) for message in chinese)
    with translation.override(language_code):
        # Our chrome (Chinese source strings) and Django's own messages alike.
        assert translation.gettext("首页") == "首页"
        assert translation.gettext("本页暂无%(language)s版本，下面是中文页面的内容。").startswith("本页暂无")
        assert form_messages() == chinese != english


@pytest.mark.django_db
def test_dai_chrome_that_falls_back_is_marked_chinese(small_county, client):
    html = get(client, "/tdd/zwgk/")
    page = Elements(html)
    assert page.first("nav", class_="site-nav")["lang"] == "zh-Hans"
    assert page.first("a", class_="skip-link")["lang"] == "zh-Hans"
    assert ">首页</a>" in html and ">政务公开</a>" in html


# --- the Tai Le font ---------------------------------------------------------------------------


def test_tai_le_font_is_self_hosted_with_its_licence():
    woff2 = FONT_DIR / "noto-sans-tai-le-tai-le-400-normal.woff2"
    assert woff2.read_bytes()[:4] == b"wOF2"
    licence = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Project Authors" in licence
    css = (ROOT / "static" / "css" / "fonts.css").read_text(encoding="utf-8")
    assert 'font-family: "Noto Sans Tai Le"' in css and "U+1950-197F" in css
    for url in re.findall(r"url\(\"?([^\")]+)", css):
        assert not re.match(r"^(https?:)?//", url), url
        assert (ROOT / "static" / "css" / url).resolve().exists(), url
    site = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert '"Noto Sans Tai Le", sans-serif' in site


@pytest.mark.django_db
def test_public_pages_and_admin_load_the_font_from_this_site(small_county, client, admin_user):
    html = get(client, "/tdd/")
    assert '<link rel="stylesheet" href="/static/css/fonts.css">' in html
    assets = Elements(html).all("link", rel="stylesheet") + Elements(html).all("script")
    for asset in assets:
        address = asset.get("href") or asset.get("src", "")
        assert address.startswith("/static/"), f"{address}: every style, font and script is self-hosted"
    client.force_login(admin_user)
    admin = get(client, "/admin/")
    assert '<link rel="stylesheet" href="/static/css/fonts.css">' in admin
    assert '<link rel="stylesheet" href="/static/css/admin-fonts.css">' in admin
    assert "Noto Sans Tai Le" in (ROOT / "static" / "css" / "admin-fonts.css").read_text(encoding="utf-8")
