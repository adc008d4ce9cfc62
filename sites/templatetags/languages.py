"""The language parts of the public site: switcher, hreflang alternates, `lang` attributes and
the notice on pages that have no Dai or Jingpo version yet.

How languages are marked (README, "Languages"):

- `<html lang>` is the BCP 47 tag of the reader's chosen language (zh-Hans, tdd, kac): the
  catalogue the site chrome (navigation, labels, buttons, footer, form messages) comes from.
- A chrome string the tdd or kac catalogue does not translate yet falls back to Chinese; where
  the base layout shows one, it is marked lang="zh-Hans" (`{% fallback_lang %}`).
- Page content carries its own language. A page in the Dai or Jingpo tree that is still a
  wagtail-localize alias shows the Chinese page: its <main> is marked lang="zh-Hans", it says
  in the reader's catalogue that no Dai (Jingpo) version exists yet and links the Chinese page,
  and it names the Chinese page as canonical.
- hreflang alternates list only real versions (the Chinese page and live translations), never
  aliases, which are copies of the Chinese page.

Translations are found by translation key, never by slug, so a translated page may have any slug.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, gettext, override
from wagtail.models import Page, Site

from sites.languages import bcp47

register = template.Library()


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_language_code() -> str:
    return content_language_codes()[0]


def active_language_code() -> str:
    """The reader's language as one of the content languages (the default if it is none of them)."""
    active = (get_language() or settings.LANGUAGE_CODE).lower()
    return active if active in content_language_codes() else default_language_code()


def language_name_msgid(code: str) -> str:
    """The source (Chinese) name of a language in settings.LANGUAGES, e.g. 傣文."""
    with override(None):
        return str(dict(settings.LANGUAGES)[code])


def is_fallback(message: str) -> bool:
    """Whether `message` (a Chinese source string) shows in Chinese though the reader chose another
    language, because that language's catalogue does not translate it yet."""
    return active_language_code() != default_language_code() and gettext(message) == message


@register.simple_tag
def chrome_lang(message: str) -> str:
    """The BCP 47 tag of the language `message` shows in: the reader's, or Chinese where the
    reader's catalogue does not translate it yet. `message` is the msgid of the {% translate %}
    next to it: `<p lang="{% chrome_lang "..." %}">{% translate "..." %}</p>`."""
    return bcp47(default_language_code() if is_fallback(message) else active_language_code())


@register.simple_tag
def fallback_lang(message: str) -> str:
    """` lang="zh-Hans"` for an element showing `message` if it falls back to Chinese, else nothing:
    `<a href="/"{% fallback_lang "首页" %}>{% translate "首页" %}</a>`."""
    if is_fallback(message):
        return format_html(' lang="{}"', bcp47(default_language_code()))
    return ""


@dataclass
class LanguageVersion:
    """One entry of the language switcher: the current page in one content language."""

    code: str  # Django's code, e.g. "tdd"
    tag: str  # BCP 47, e.g. "tdd"
    autonym: str  # the language's own name, in its own script
    name: str  # its name in the reader's language, e.g. 傣文
    name_lang: str  # the language `name` shows in (Chinese until the catalogue translates it)
    url: str = ""  # empty when there is nothing to go to
    is_current: bool = False
    translated: bool = False  # a real version in this language (not an alias of the Chinese page)

    @property
    def untranslated(self) -> bool:
        return not self.translated


@dataclass
class PageLanguages:
    """Everything the layout needs to mark languages on one response."""

    html_lang: str
    content_lang: str
    default_lang: str  # Chinese, the language of the site's own data (e.g. the site name)
    versions: list[LanguageVersion] = field(default_factory=list)
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, absolute URL)
    canonical_url: str = ""
    source_url: str = ""  # the Chinese page, when this one is only an alias of it
    missing_language: str = ""  # e.g. tdd, when this page has no version in the reader's language yet

    @property
    def content_differs(self) -> bool:
        return self.content_lang != self.html_lang

    @property
    def current(self) -> LanguageVersion | None:
        return next((version for version in self.versions if version.is_current), None)


def _wagtail_page(context) -> Page | None:
    # Non-page views may put other things called `page` (e.g. a paginator page) in the context.
    for name in ("page", "self"):
        if isinstance(context.get(name), Page):
            return context[name]
    return None


def _content_language_code(page: Page, languages: dict[int, str]) -> str:
    """The language of what a page shows: an alias shows the page it is an alias of.

    `languages` maps page ids to language codes already known, to spare queries."""
    if page.alias_of_id:
        page_id = page.alias_of_id
        if page_id not in languages:
            code = Page.objects.filter(pk=page_id).values_list("locale__language_code", flat=True).first()
            languages[page_id] = code or ""
    else:
        page_id = page.id
        if page_id not in languages:
            languages[page_id] = page.locale.language_code
    return languages[page_id] or page.locale.language_code


@register.simple_tag
def content_lang_attr(page: Page) -> str:
    """` lang="zh-Hans"` for a page title (e.g. in breadcrumbs) whose language is not the reader's."""
    if not isinstance(page, Page) or not page.alias_of_id:
        return ""
    code = _content_language_code(page, {})
    if code == active_language_code():
        return ""
    return format_html(' lang="{}"', bcp47(code))


def _entry(code: str) -> LanguageVersion:
    name = language_name_msgid(code)
    return LanguageVersion(
        code=code,
        tag=bcp47(code),
        autonym=get_language_info(code)["name_local"],
        name=gettext(name),
        name_lang=chrome_lang(name),
    )


def _view_versions(request, active: str) -> list[LanguageVersion] | None:
    """For a view that is not a Wagtail page (e.g. search), the same view in each language, when
    its URL carries the language prefix; None for Wagtail's own URLs (e.g. a page not found)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        return None
    path = request.get_full_path()
    versions = []
    for code in content_language_codes():
        entry = _entry(code)
        entry.url = translate_url(path, code)
        entry.is_current = code == active
        entry.translated = True
        versions.append(entry)
    if len({entry.url for entry in versions}) < len(versions):
        return None  # not under i18n_patterns: one URL for every language
    return versions


@register.simple_tag(takes_context=True)
def page_languages(context) -> PageLanguages:
    """The switcher entries, alternates and `lang` values for the page being rendered."""
    request = context.get("request")
    active = active_language_code()
    default = default_language_code()
    result = PageLanguages(html_lang=bcp47(active), content_lang=bcp47(active), default_lang=bcp47(default))
    page = _wagtail_page(context)
    reference = page
    if page is None and request is not None:
        view_versions = _view_versions(request, active)
        if view_versions is not None:
            result.versions = view_versions
            return result
        # A page not found, or a view outside the language prefixes: each language's home page.
        site = Site.find_for_request(request)
        reference = site.root_page if site else None
    if reference is None:
        return result

    by_language: dict[str, Page] = {}
    languages: dict[int, str] = {}
    for version in Page.objects.filter(translation_key=reference.translation_key).select_related("locale"):
        by_language[version.locale.language_code] = version
        languages[version.id] = version.locale.language_code
    if page is not None:
        # The page being served may be a preview of unsaved changes: use it as it is.
        by_language[languages.get(page.id) or page.locale.language_code] = page

    for code in content_language_codes():
        entry = _entry(code)
        version = by_language.get(code)
        if page is not None:
            entry.is_current = version is not None and version.id == page.id
        else:
            entry.is_current = code == active
        if version is not None and (version.live or entry.is_current):
            entry.url = version.get_url(request) or ""
            entry.translated = _content_language_code(version, languages) == code
        result.versions.append(entry)

    if page is None:
        return result

    content = _content_language_code(page, languages)
    result.content_lang = bcp47(content)
    real = [entry for entry in result.versions if entry.translated and entry.url]
    if request is not None and len(real) > 1:
        result.alternates = [(entry.tag, request.build_absolute_uri(entry.url)) for entry in real]
        source = next((entry for entry in real if entry.code == default), None)
        if source is not None:
            result.alternates.append(("x-default", request.build_absolute_uri(source.url)))
    if content != active:
        # An alias: the page shows the Chinese page, which is the one search engines should index.
        source = by_language.get(content)
        if source is not None and source.live:
            result.source_url = source.get_url(request) or ""
            if request is not None and result.source_url:
                result.canonical_url = request.build_absolute_uri(result.source_url)
        result.missing_language = active
    return result
