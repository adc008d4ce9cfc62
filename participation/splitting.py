"""Splitting a pasted draft into articles that citizens can comment on one by one.

Chinese normative documents number their parts in a few fixed ways. The finest level that the
draft actually uses decides how it is split: 第X条 (articles of rules and measures) if present,
otherwise 一、 (the sections of a plan or notice), otherwise （一） (sub-sections). Chapter
headings (第X章) are kept as the heading of the articles that follow them. Editors adjust the
result by hand afterwards, so this only has to be right for ordinary drafts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMERAL = r"[一二三四五六七八九十百零〇两\d]+"
ARTICLE = re.compile(rf"^\s*(第{NUMERAL}条)")
CHAPTER = re.compile(rf"^\s*(第{NUMERAL}[章节])\s*(.*)$")
SECTION = re.compile(r"^\s*([一二三四五六七八九十]+)、")
SUBSECTION = re.compile(r"^\s*([（(][一二三四五六七八九十]+[）)])")


@dataclass(frozen=True)
class SplitArticle:
    label: str
    heading: str
    text: str


def _clean_lines(text: str) -> list[str]:
    lines = [line.replace("\u3000", " ").strip() for line in text.replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line]


def split_draft(text: str) -> list[SplitArticle]:
    """The draft's articles in order; an empty list when no numbering is recognised."""
    lines = _clean_lines(text)
    for pattern in (ARTICLE, SECTION, SUBSECTION):
        if any(pattern.match(line) for line in lines):
            return _split_on(lines, pattern)
    return []


def _split_on(lines: list[str], pattern: re.Pattern) -> list[SplitArticle]:
    articles: list[SplitArticle] = []
    label, heading, body = "", "", []
    chapter = ""

    def flush() -> None:
        if label and body:
            articles.append(SplitArticle(label=label, heading=heading, text="\n".join(body)))

    for line in lines:
        chapter_match = CHAPTER.match(line) if pattern is ARTICLE else None
        if chapter_match:
            flush()
            label, body = "", []
            chapter = line
            continue
        match = pattern.match(line)
        if match:
            flush()
            marker = match.group(1)
            label = marker if pattern is not SECTION else f"{marker}、"
            heading, body = chapter, [line]
        elif label:
            body.append(line)
        # Lines before the first numbered part (title, preamble) stay with the whole draft.
    flush()
    return articles
