"""What a search (or a watch) matches: one set of rules for the CLI, the TUI and the watches.

A query is words as typed, separated by whitespace. Each is matched as a
*word*, not a substring: "port" finds "port" and "Port", never "passport";
``pass*`` finds words that begin with "pass". A word that the rules split in
several (``no-deal``, ``don't``) must appear as those words in a row. An entry
matches when it holds every word of the query, each in any of its fields
(:func:`entry_fields`: its title, its text, its photos' captions and credits,
its authors). Case is ignored unless asked (watches may ask), and Latin
letters match with or without their accents ("cafe" finds "Café").

The rules are those of SQLite's FTS5 ``unicode61`` tokenizer with
``remove_diacritics 2``, which indexes the cache: a token is a run of letters,
digits, private-use characters and combining marks; everything else
separates tokens. The cache asks FTS5 for candidates with :meth:`Query.fts`
and keeps those :meth:`Query.matches` accepts, so ``liveread search`` and the
TUI's ``/`` find the same entries. Accents are folded only on Latin letters,
as FTS5 does, so the index never misses what this module would match.

No I/O here and no Textual: plain functions over strings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from liveread.model import Entry

__all__ = ["Query", "Term", "entry_fields", "fold", "haystack", "tokens"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A token: letters and digits (``[^\W_]``), combining marks (the common blocks)
# and private-use characters, as unicode61 counts them.
_TOKEN = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ue000-\uf8ff])+"
)


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str, case_sensitive: bool) -> str:
    """One character as compared: lowercased unless asked; a Latin letter without accents."""
    if not case_sensitive:
        ch = ch.lower()
    if unicodedata.combining(ch):
        return ""  # a mark on its own: FTS5 drops it too
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    if len(decomposed) > 1 and unicodedata.name(base, "").startswith("LATIN"):
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    return ch


def fold(token: str, *, case_sensitive: bool = False) -> str:
    """A token as it is compared: lowercased unless asked, accents folded on Latin letters."""
    if token.isascii():
        return token if case_sensitive else token.lower()
    return "".join(_fold_char(ch, case_sensitive) for ch in token)


def tokens(text: str, *, case_sensitive: bool = False) -> list[str]:
    """The tokens of *text*, folded."""
    return [fold(m.group(), case_sensitive=case_sensitive) for m in _TOKEN.finditer(text)]


def haystack(fields: Iterable[str | None], *, case_sensitive: bool = False) -> str:
    r"""Fields as one string of folded tokens: `` a b \n c d ``.

    Each field's tokens are joined by single spaces between spaces, and fields
    by newlines, so that a term (`` a b `` or, as a prefix, `` a b``) is found
    by a substring search and never across two fields.
    """
    return "\n".join(
        " " + " ".join(tokens(field, case_sensitive=case_sensitive)) + " "
        for field in fields
        if field
    )


@dataclass(frozen=True)
class Term:
    """One word of a query, as tokens that must appear in a row.

    Attributes:
        word: The word as typed (without a trailing ``*``).
        tokens: Its tokens, folded.
        prefix: The last token need only begin a word (the word ended in ``*``).

    """

    word: str
    tokens: tuple[str, ...]
    prefix: bool

    @functools.cached_property
    def needle(self) -> str:
        """What to look for in a haystack of folded tokens (see :func:`haystack`)."""
        return " " + " ".join(self.tokens) + ("" if self.prefix else " ")


@dataclass(frozen=True)
class Query:
    """A parsed query: every term must be found (see the module's rules).

    Attributes:
        terms: The words, each as tokens.
        case_sensitive: Compare case too (watches may ask; search never does).

    """

    terms: tuple[Term, ...]
    case_sensitive: bool = False

    @classmethod
    def parse(cls, text: str | Iterable[str], *, case_sensitive: bool = False) -> Query | None:
        """Read what a user typed; None when it holds no word at all.

        Control characters separate words (a NUL must not cut a query short);
        a word without a letter or digit matches nothing and is dropped.
        """
        raw = text if isinstance(text, str) else " ".join(text)
        terms: dict[tuple[tuple[str, ...], bool], Term] = {}
        for word in _CONTROL.sub(" ", raw).split():
            prefix = word.endswith("*")
            bare = word.rstrip("*") if prefix else word
            found = tuple(tokens(bare, case_sensitive=case_sensitive))
            if found:
                terms.setdefault((found, prefix), Term(bare, found, prefix))
        return cls(tuple(terms.values()), case_sensitive) if terms else None

    def fts(self) -> str:
        """The FTS5 MATCH expression of this query: each word a quoted phrase, all required.

        Quoting makes any input plain words (``AND``, ``NEAR(``, ``"x`` are
        never syntax); FTS5 tokenizes each phrase by the same rules as the index.
        """
        parts = []
        for term in self.terms:
            quoted = '"' + term.word.replace('"', '""') + '"'
            parts.append(quoted + "*" if term.prefix else quoted)
        return " ".join(parts)

    def haystack(self, fields: Iterable[str | None]) -> str:
        """*fields* prepared for :meth:`found_in` (worth keeping when one text is asked often)."""
        return haystack(fields, case_sensitive=self.case_sensitive)

    def found_in(self, haystack: str) -> bool:
        """True when every term is in *haystack* (made by :meth:`haystack`)."""
        return all(term.needle in haystack for term in self.terms)

    def matches(self, fields: Iterable[str | None]) -> bool:
        """True when every term is found in one of *fields* (None or "" fields hold nothing)."""
        return self.found_in(self.haystack(fields))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query's terms occur in *text* (character ranges), to highlight them."""
        where = [m.span() for m in _TOKEN.finditer(text)]
        folded = [fold(text[a:b], case_sensitive=self.case_sensitive) for a, b in where]
        found: set[tuple[int, int]] = set()
        for term in self.terms:
            n = len(term.tokens)
            head, last = list(term.tokens[:-1]), term.tokens[-1]
            for i in range(len(folded) - n + 1):
                word = folded[i + n - 1]
                if folded[i : i + n - 1] == head and (
                    word == last or (term.prefix and word.startswith(last))
                ):
                    found.add((where[i][0], where[i + n - 1][1]))
        return sorted(found)


def entry_fields(entry: Entry) -> tuple[str, str, str]:
    """What a search looks through, as (title, text, the rest: captions, credits, authors).

    The cache indexes the same three, so this is the one definition of them.
    """
    extra: list[str] = []
    for block in entry.body:
        if block.kind == "image" and block.image is not None:
            extra += [block.image.caption, block.image.credit]
    extra += entry.authors
    return entry.title or "", entry.text, "\n".join(part for part in extra if part)
