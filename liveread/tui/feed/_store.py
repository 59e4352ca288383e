"""What the feed knows about each entry, apart from how it is drawn.

:class:`FeedStore` holds every entry the feed was given, in publication order
(newest first by ``(published, id)``, as :func:`liveread.model.sort_newest_first`
orders them), with a version number that changes whenever an entry does (the
feed's render cache is keyed on it), which entries are marked NEW, the
current search terms, and the watches (:class:`WatchMarks`: which entries
they match, for the "watched only" filter, and where, for the highlights).
Plain Python, no Textual.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from itertools import count
from typing import TYPE_CHECKING

from liveread.matching import Query, entry_fields, haystack
from liveread.model import StoredEntry

if TYPE_CHECKING:
    from liveread.alerts import Watches

__all__ = ["FeedStore", "Spans", "WatchMarks", "normalise_terms"]

#: Where something matches in a text: character ranges.
Spans = Callable[[str], Sequence[tuple[int, int]]]

_Key = tuple[datetime, str]


def normalise_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """Search words as the feed keeps them: stripped, lowercased, empty ones dropped, no repeats.

    (What they match is :mod:`liveread.matching`'s business, as for ``liveread search``.)
    """
    out: dict[str, None] = {}
    for term in terms:
        term = term.strip().lower()
        if term:
            out[term] = None
    return tuple(out)


@functools.lru_cache(maxsize=32)
def _query(terms: tuple[str, ...]) -> Query | None:
    """The parsed query of some search words (parsed once, not once per entry)."""
    return Query.parse(terms) if terms else None


def _same(old: StoredEntry | None, new: StoredEntry) -> bool:
    """True when *new* would render exactly as *old* (revisions make the "edited" badge)."""
    return old is not None and (
        old is new or (old == new and old.revisions[-1:] == new.revisions[-1:])
    )


class WatchMarks:
    """The watches as one feed asks about them: does an entry match, and where.

    The matching is the alerts' own (:class:`~liveread.alerts.Watches`, the
    search's rules); watches may be limited to some blogs, so each entry is
    asked about as an entry of its blog.

    Args:
        watches: The watches in force.
        blog_of: The URL of the blog an entry (by the feed's id) belongs to.

    """

    def __init__(self, watches: Watches, blog_of: Callable[[str], str]) -> None:
        self.watches = watches
        self._blog_of = blog_of

    def matches(self, entry_id: str, entry: StoredEntry) -> bool:
        """True when a watch of the entry's blog matches it."""
        return bool(self.watches.matching(entry, self._blog_of(entry_id)))

    def spans_for(self, entry_id: str) -> Spans | None:
        """Where the watches of the entry's blog match in a text (None: no watch applies)."""
        blog = self._blog_of(entry_id)
        if not self.watches.for_blog(blog):
            return None
        return functools.partial(self.watches.spans, blog=blog)


class FeedStore:
    """Every entry the feed was given, ordered by publication, with versions and NEW marks.

    Attributes:
        new_ids: Entries to show marked NEW.
        terms: The current search terms (normalised); empty when not searching.
        watched_only: Show only the entries a watch matches.

    """

    def __init__(self) -> None:
        self._entries: dict[str, StoredEntry] = {}
        self._keys: list[_Key] = []  # (published, id), oldest first
        self._versions: dict[str, int] = {}
        self._search: dict[str, str] = {}
        self._key_events: list[_Key] | None = None  # built on demand
        self._counter = count(1)  # versions never repeat, even across resets
        self.new_ids: set[str] = set()
        self.terms: tuple[str, ...] = ()
        self.watched_only = False
        self._marks: WatchMarks | None = None
        self._watched: dict[str, bool] = {}
        self._marks_version = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def get(self, entry_id: str) -> StoredEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(entry_id)

    def entries(self) -> list[StoredEntry]:
        """Every entry held (a copy of the list, in no particular order)."""
        return list(self._entries.values())

    def __getitem__(self, entry_id: str) -> StoredEntry:
        return self._entries[entry_id]

    def newest(self) -> datetime | None:
        """When the newest entry not removed upstream was published (None: there is none)."""
        for published, entry_id in reversed(self._keys):
            if not self._entries[entry_id].removed:
                return published
        return None

    def key(self, entry_id: str) -> _Key:
        """The entry's place in publication order."""
        entry = self._entries[entry_id]
        return (entry.published, entry.id)

    def version(self, entry_id: str) -> int:
        """A number that changes whenever the entry does (for cache keys)."""
        return self._versions[entry_id]

    def reset(self, entries: Iterable[StoredEntry]) -> None:
        """Hold *entries* instead (the last of a repeated id wins).

        An entry equal to the one held before keeps its version, so what was
        rendered of it stays valid (reloading a blog re-renders only what changed).
        """
        old, versions = self._entries, self._versions
        self._entries = {entry.id: entry for entry in entries}
        self._keys = sorted((e.published, e.id) for e in self._entries.values())
        self._versions = {
            entry_id: versions[entry_id] if _same(old.get(entry_id), entry) else next(self._counter)
            for entry_id, entry in self._entries.items()
        }
        self._search.clear()
        self._watched.clear()
        self._key_events = None
        self.new_ids &= set(self._entries)

    def put(self, entry: StoredEntry) -> bool:
        """Add or replace *entry*; returns True when it was not held before."""
        old = self._entries.get(entry.id)
        if old is not None and old.published != entry.published:  # rare: the site re-dated it
            del self._keys[bisect_left(self._keys, (old.published, old.id))]
        if old is None or old.published != entry.published:
            insort(self._keys, (entry.published, entry.id))
        self._entries[entry.id] = entry
        self._versions[entry.id] = next(self._counter)
        self._search.pop(entry.id, None)
        self._watched.pop(entry.id, None)
        self._key_events = None
        return old is None

    @property
    def marks(self) -> WatchMarks | None:
        """The watches (None: none given)."""
        return self._marks

    @property
    def marks_version(self) -> int:
        """A number that changes whenever the watches do (for cache keys)."""
        return self._marks_version

    def set_marks(self, marks: WatchMarks | None) -> None:
        """Ask *marks* about the entries from now on (the "watched only" filter, highlights)."""
        self._marks = marks
        self._watched.clear()
        self._marks_version += 1

    def watched(self, entry_id: str) -> bool:
        """True when a watch matches the entry (kept until the entry or the watches change)."""
        found = self._watched.get(entry_id)
        if found is None:
            marks = self._marks
            entry = self._entries[entry_id]
            found = self._watched[entry_id] = marks is not None and marks.matches(entry_id, entry)
        return found

    def matches(self, entry_id: str, terms: Sequence[str] | None = None) -> bool:
        """True when the entry holds every search word and, in "watched only", a watch matches.

        Every entry matches when there is no search and every entry is shown.

        The rules are :mod:`liveread.matching`'s (words, prefixes, folding,
        fields), the same as ``liveread search``'s; each entry's folded text is
        kept until the entry changes.
        """
        if self.watched_only and not self.watched(entry_id):
            return False
        query = _query(self.terms if terms is None else tuple(terms))
        if query is None:
            return True
        text = self._search.get(entry_id)
        if text is None:
            text = self._search[entry_id] = haystack(entry_fields(self._entries[entry_id]))
        return query.found_in(text)

    def display_ids(self, *, newest_first: bool) -> list[str]:
        """The ids to show (those matching the search), in display order."""
        ids = [entry_id for _, entry_id in self._keys if self.matches(entry_id)]
        if newest_first:
            ids.reverse()
        return ids

    def key_event_before(self, entry_id: str) -> str | None:
        """The latest key event or summary published at or before *entry_id*, or None."""
        if self._key_events is None:
            self._key_events = sorted(
                (e.published, e.id) for e in self._entries.values() if e.is_key
            )
        at = bisect_right(self._key_events, self.key(entry_id))
        return self._key_events[at - 1][1] if at else None
