"""Chinese text for a word-based search index.

The database search backends (PostgreSQL full text, SQLite FTS) split text on spaces and
punctuation, so an unbroken Chinese sentence is one "word" and a search for 补贴 never finds
…耕地地力保护补贴… . As CJK analysers in Lucene do, Han text is indexed as overlapping character
pairs (plus single characters, for one-character queries) and queries are split the same way,
so any run of two or more characters in the text can be found without a dictionary.
"""

from __future__ import annotations

import re

# Han ideographs: the unified block, extension A and the compatibility block.
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
OTHER_WORD = re.compile(r"[^\W_]+")


def _han_pairs(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> str:
    """Text as it goes into the index: words, every Han character and every pair of them."""
    terms: list[str] = []
    for run in HAN_RUN.findall(text):
        terms.extend(run)
        if len(run) > 1:
            terms.extend(_han_pairs(run))
    terms.extend(OTHER_WORD.findall(HAN_RUN.sub(" ", text)))
    return " ".join(terms)


def query_terms(query: str) -> str:
    """A query split as the index is, so that searching with operator="and" finds the phrase's pairs."""
    terms: list[str] = []
    for run in HAN_RUN.findall(query):
        terms.extend(_han_pairs(run))
    terms.extend(OTHER_WORD.findall(HAN_RUN.sub(" ", query)))
    return " ".join(terms)
