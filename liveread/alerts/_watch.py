"""Watches: words or phrases a reader wants to hear about, matched by the search's own rules.

A :class:`Watch` holds terms; an entry matches it when ANY term is found in
it. Each term is matched by :mod:`liveread.matching` exactly as ``liveread
search`` and the TUI's ``/`` match a query word: as words, not substrings
("port" never finds "passport"), accents on Latin letters folded, ``pass*``
a prefix. A term of several words is a phrase: its words must stand in a row
(``"Tollbridge ferry"`` does not match "ferry to Tollbridge"). Case is
ignored unless the watch asks for it.

:class:`Watches` is the set in force: which watches an entry matches
(:meth:`Watches.matching`), where to highlight (:meth:`Watches.spans`), and
which watches an edit newly brings (:meth:`Watches.new_matches`: an edit
alerts only for those).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from liveread.matching import Query, Term, entry_fields, tokens
from liveread.model import Block, Entry, StoredEntry
from liveread.urls import blog_url

__all__ = ["Watch", "Watches", "previous_version"]


def _term_query(term: str, case_sensitive: bool) -> Query | None:
    """One term as a query of one phrase: its words' tokens in a row (None: no word in it)."""
    text = term.strip()
    prefix = text.endswith("*")
    found = tuple(tokens(text.rstrip("*"), case_sensitive=case_sensitive))
    if not found:
        return None
    return Query((Term(text.rstrip("*"), found, prefix),), case_sensitive)


@dataclass(frozen=True)
class Watch:
    """Words or phrases to watch for.

    Args/Attributes:
        name: Its label (what ``{why}`` and ``"watch": [...]`` say); "" means
            the terms, joined with ", ".
        terms: Words or phrases; an entry matches when any of them is found.
        case_sensitive: Compare case too (accents are always folded).
        blogs: The blog URLs it applies to (their cache keys); empty: every blog.

    Raises:
        ValueError: No terms, a term that is not a string or holds no word
            (letters or digits), or a name or blog that is not a string. The
            message is one line; :mod:`liveread.config` names the entry.

    """

    name: str = ""
    terms: tuple[str, ...] = ()
    case_sensitive: bool = False
    blogs: tuple[str, ...] = ()
    _queries: tuple[Query, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = (self.terms,) if isinstance(self.terms, str) else tuple(self.terms)
        if not terms:
            raise ValueError("a watch needs at least one term")
        queries = []
        for term in terms:
            if not isinstance(term, str) or not term.strip():
                raise ValueError(f"terms must be non-empty strings, not {term!r}")
            query = _term_query(term, bool(self.case_sensitive))
            if query is None:
                raise ValueError(f"the term {term!r} holds no word (letters or digits)")
            queries.append(query)
        if not isinstance(self.name, str):
            raise ValueError(f"the name must be a string, not {self.name!r}")
        blogs = (self.blogs,) if isinstance(self.blogs, str) else tuple(self.blogs)
        if not all(isinstance(b, str) and b.strip() for b in blogs):
            raise ValueError("blogs must be a list of URLs")
        clean_terms = tuple(t.strip() for t in terms)
        object.__setattr__(self, "terms", clean_terms)
        object.__setattr__(self, "name", self.name.strip() or ", ".join(clean_terms))
        object.__setattr__(self, "case_sensitive", bool(self.case_sensitive))
        object.__setattr__(self, "blogs", tuple(blog_url(b) for b in blogs))
        object.__setattr__(self, "_queries", tuple(queries))

    @property
    def queries(self) -> tuple[Query, ...]:
        """One :class:`~liveread.matching.Query` per term (a phrase: one term, several tokens)."""
        return self._queries

    def applies_to(self, blog: str) -> bool:
        """True when the watch covers the blog at *blog* (every blog when ``blogs`` is empty)."""
        return not self.blogs or blog_url(blog) in self.blogs

    def matches(self, entry: Entry) -> bool:
        """True when any term is found in the entry's fields (``entry_fields``)."""
        hay = self._queries[0].haystack(entry_fields(entry))
        return any(query.found_in(hay) for query in self._queries)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the watch's terms occur in *text* (character ranges), to highlight them."""
        found: set[tuple[int, int]] = set()
        for query in self._queries:
            found.update(query.spans(text))
        return sorted(found)


class Watches:
    """The watches in force, asked about entries of one blog or another.

    Args:
        watches: The watches (order kept: names come back in this order).

    """

    def __init__(self, watches: Iterable[Watch] = ()) -> None:
        self._watches = tuple(watches)
        self._by_blog: dict[str, tuple[Watch, ...]] = {}

    def __iter__(self) -> Iterator[Watch]:
        return iter(self._watches)

    def __len__(self) -> int:
        return len(self._watches)

    def __bool__(self) -> bool:
        """True when there is at least one watch."""
        return bool(self._watches)

    def __repr__(self) -> str:
        return f"Watches({list(self._watches)!r})"

    def for_blog(self, blog: str) -> tuple[Watch, ...]:
        """The watches that apply to the blog at *blog*."""
        mine = self._by_blog.get(blog)
        if mine is None:  # asked for every entry: worked out once per blog
            mine = self._by_blog[blog] = tuple(w for w in self._watches if w.applies_to(blog))
        return mine

    def matching(self, entry: Entry, blog: str) -> tuple[str, ...]:
        """The names of the watches of *blog* that *entry* matches (a removed entry: none)."""
        if isinstance(entry, StoredEntry) and entry.removed:
            return ()
        mine = self.for_blog(blog)
        if not mine:
            return ()
        fields = entry_fields(entry)
        hays: dict[bool, str] = {}  # one haystack per case rule, shared by the watches
        names: list[str] = []
        for watch in mine:
            hay = hays.get(watch.case_sensitive)
            if hay is None:
                hay = hays[watch.case_sensitive] = watch.queries[0].haystack(fields)
            if any(q.found_in(hay) for q in watch.queries) and watch.name not in names:
                names.append(watch.name)
        return tuple(names)

    def spans(self, text: str, blog: str) -> list[tuple[int, int]]:
        """Where any watch of *blog* matches in *text*: sorted, overlapping ranges merged."""
        found: list[tuple[int, int]] = []
        for watch in self.for_blog(blog):
            found.extend(watch.spans(text))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def new_matches(self, before: Entry | None, after: Entry, blog: str) -> tuple[str, ...]:
        """The watches *after* matches that *before* did not: what an edit brings.

        Args:
            before: The entry as it was (None: a new entry, every match is new).
            after: The entry as it is now.
            blog: The blog's URL.

        """
        now = self.matching(after, blog)
        if before is None or not now:
            return now
        had = set(self.matching(before, blog))
        return tuple(name for name in now if name not in had)


def previous_version(entry: Entry) -> Entry | None:
    """The entry as its previous revision had it, to compare an edit with; None when none.

    The cache keeps each revision's title and text; captions, credits and
    authors are taken from the current version (a revision does not record
    them), so an edit that only changes a caption is not seen as bringing a match.
    """
    if not isinstance(entry, StoredEntry) or len(entry.revisions) < 2:
        return None
    old = entry.revisions[-2]
    images = tuple(b for b in entry.body if b.kind == "image")
    return Entry(
        id=entry.id,
        published=entry.published,
        updated=entry.updated,
        title=old.title,
        body=(Block("paragraph", old.text), *images),
        url=entry.url,
        authors=entry.authors,
        key_event=entry.key_event,
        summary=entry.summary,
        pinned=entry.pinned,
    )
