"""List the Wagtail admin strings that have no Simplified Chinese translation.

Wagtail and wagtail-localize ship ``zh_Hans`` catalogues that lag behind their English source
catalogues. The project fills the gaps with its own catalogues in ``locale_overrides/zh_Hans``
(listed in ``LOCALE_PATHS``). This script compares, for every installed ``wagtail*`` package, each
``locale/en/LC_MESSAGES/<domain>.po`` with the ``zh_Hans`` catalogue next to it and with the
override catalogue of the same domain, and prints every English message that neither translates
(missing, empty or fuzzy).

Run it from the project root with the project's virtualenv after upgrading Wagtail::

    .venv/bin/python locale_overrides/admin_catalogue_gaps.py

It exits with status 1 when any message is untranslated, 0 otherwise.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

DOMAINS = ("django", "djangojs")
PACKAGES = ("wagtail", "wagtail_localize")
DEFAULT_OVERRIDES = Path("locale_overrides/zh_Hans")
TARGET_LANGUAGE = "zh_Hans"

MessageKey = tuple[str | None, str]


@dataclass(frozen=True)
class CataloguePair:
    """An English source catalogue and the path of its Simplified Chinese counterpart."""

    root: Path
    domain: str
    source: Path
    target: Path

    @property
    def label(self) -> str:
        """Name the source catalogue relative to site-packages, e.g. ``wagtail/admin/locale/...``."""
        return self.source.relative_to(self.root.parent).as_posix()


def package_roots(packages: Iterable[str] = PACKAGES) -> list[Path]:
    """Return the directories of the installed packages, without importing them."""
    roots = []
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"package {name!r} is not installed in this interpreter")
        roots.extend(Path(location) for location in spec.submodule_search_locations)
    return roots


def catalogue_pairs(roots: Iterable[Path]) -> Iterator[CataloguePair]:
    """Yield every ``en`` catalogue under the package roots with its ``zh_Hans`` counterpart."""
    for root in roots:
        for source in sorted(root.rglob("locale/en/LC_MESSAGES/*.po")):
            domain = source.stem
            if domain not in DOMAINS:
                continue
            target = source.parent.parent.parent / TARGET_LANGUAGE / "LC_MESSAGES" / source.name
            yield CataloguePair(root, domain, source, target)


def message_key(entry: polib.POEntry | polib.MOEntry) -> MessageKey:
    """Identify a message the way gettext looks it up: by context and singular msgid."""
    return (entry.msgctxt or None, entry.msgid)


def is_translated(entry: polib.POEntry | polib.MOEntry, plural: bool) -> bool:
    """Whether the entry carries a usable translation (non-empty, not fuzzy, not obsolete)."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if plural or entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translated_keys(path: Path, plural_keys: set[MessageKey] | None = None) -> set[MessageKey]:
    """Return the keys translated by a ``.po`` catalogue, or by its compiled ``.mo`` if no ``.po``."""
    plural_keys = plural_keys or set()
    if path.exists():
        catalogue = polib.pofile(str(path))
    elif path.with_suffix(".mo").exists():
        catalogue = polib.mofile(str(path.with_suffix(".mo")))
    else:
        return set()
    return {
        message_key(entry)
        for entry in catalogue
        if entry.msgid and is_translated(entry, message_key(entry) in plural_keys)
    }


def find_gaps(
    pairs: Iterable[CataloguePair], overrides: Path | None = None
) -> dict[str, list[tuple[CataloguePair, polib.POEntry]]]:
    """Return, per domain, the English entries translated neither upstream nor in the overrides.

    A message that appears in several source catalogues of the same domain is reported once,
    with the first catalogue that lacks it, since Django merges each domain at run time.
    """
    gaps: dict[str, list[tuple[CataloguePair, polib.POEntry]]] = {domain: [] for domain in DOMAINS}
    seen: dict[str, set[MessageKey]] = {domain: set() for domain in DOMAINS}
    override_cache: dict[str, set[MessageKey]] = {}
    for pair in pairs:
        source = [entry for entry in polib.pofile(str(pair.source)) if entry.msgid and not entry.obsolete]
        plural_keys = {message_key(entry) for entry in source if entry.msgid_plural}
        done = translated_keys(pair.target, plural_keys)
        if overrides is not None:
            if pair.domain not in override_cache:
                override_cache[pair.domain] = translated_keys(
                    overrides / "LC_MESSAGES" / f"{pair.domain}.po", plural_keys
                )
            done |= override_cache[pair.domain]
        for entry in source:
            key = message_key(entry)
            if key in done or key in seen[pair.domain]:
                continue
            seen[pair.domain].add(key)
            gaps[pair.domain].append((pair, entry))
    return gaps


def describe(entry: polib.POEntry) -> str:
    """Render an entry's identity on one line for the report."""
    text = repr(entry.msgid)
    if entry.msgid_plural:
        text += f" / {entry.msgid_plural!r}"
    if entry.msgctxt:
        text = f"[{entry.msgctxt}] {text}"
    return text


def main(argv: list[str] | None = None) -> int:
    """Print the untranslated messages per domain; return 1 if there are any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--overrides",
        type=Path,
        default=DEFAULT_OVERRIDES,
        help=f"directory of the project's override catalogues (default: {DEFAULT_OVERRIDES})",
    )
    args = parser.parse_args(argv)
    if not args.overrides.is_dir():
        print(f"warning: {args.overrides} not found; checking Wagtail's catalogues alone", file=sys.stderr)
    gaps = find_gaps(catalogue_pairs(package_roots()), args.overrides)
    total = 0
    for domain, entries in gaps.items():
        for pair, entry in entries:
            print(f"{domain}\t{pair.label}\t{describe(entry)}")
        total += len(entries)
    summary = ", ".join(f"{domain}: {len(entries)}" for domain, entries in gaps.items())
    print(f"{total} untranslated message(s) ({summary})", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
