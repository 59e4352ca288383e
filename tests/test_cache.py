"""Tests of liveread.cache: apply/load/search/since on real SQLite files in tmp_path."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import stat
import threading
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveread.cache import BlogSummary, Cache, CacheCheck, Changes, Validators
from liveread.cache._schema import SCHEMA_VERSION
from liveread.errors import CacheError, UnknownBlog
from liveread.matching import Query
from liveread.model import (
    Block,
    Entry,
    FollowState,
    Image,
    Pages,
    Snapshot,
    StoredEntry,
    sort_newest_first,
)

URL = "https://news.example.org/world/live/2031/mar/04/harbour-strike-latest"
T0 = datetime(2031, 3, 4, 9, 0, tzinfo=timezone.utc)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = datetime(2031, 3, 4, 12, 0, tzinfo=timezone.utc)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: float = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def entry(n: int, text: str | None = None, *, title: str | None = None, **fields: Any) -> Entry:
    """Entry number n, published n minutes after T0."""
    body = (Block("paragraph", text if text is not None else f"Dockers at pier {n} walk out."),)
    return Entry(
        id=f"{n:024x}",
        published=T0 + timedelta(minutes=n),
        updated=None,
        title=title if title is not None else f"Update {n}",
        body=body,
        url=f"{URL}?page=with:block-{n:024x}#block-{n:024x}",
        **fields,
    )


def page(
    entries: list[Entry],
    *,
    current: int | None = 1,
    kind: str = "page",
    feed: list[Entry] | None = None,
    title: str = "Harbour strike: latest",
    key_events_complete: bool = False,
    **fields: Any,
) -> Snapshot:
    """A snapshot holding *entries*; its feed is *feed* (default: all of them)."""
    ordered = sort_newest_first(entries)
    feed_entries = sort_newest_first(feed if feed is not None else entries)
    return Snapshot(
        url=fields.pop("url", URL),
        title=title,
        standfirst=fields.pop("standfirst", "Cranes idle along the quay."),
        source=fields.pop("source", "guardian"),
        live=fields.pop("live", True),
        main_image=fields.pop("main_image", None),
        pages=None if current is None else Pages(current, 3),
        entries=ordered,
        feed_ids=tuple(e.id for e in feed_entries),
        kind=kind,  # type: ignore[arg-type]
        key_events_complete=key_events_complete,
        **fields,
    )


def ids(entries: tuple[Entry, ...] | list[Entry]) -> list[str]:
    return [e.id for e in entries]


def eid(n: int) -> str:
    return f"{n:024x}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path: Path, clock: Clock) -> Iterator[Cache]:
    with Cache(tmp_path / "cache.sqlite3", now=clock) as opened:
        yield opened


# -- apply: new, unchanged, edited -----------------------------------------------------


def test_first_apply_reports_every_entry_new_oldest_first(cache: Cache, clock: Clock) -> None:
    changes = cache.apply(page([entry(n) for n in (3, 1, 2)]))
    assert ids(changes.new) == [eid(1), eid(2), eid(3)]
    assert changes.total == 3 and bool(changes)
    assert all(e.first_seen == clock.now and len(e.revisions) == 1 for e in changes.new)


def test_applying_the_same_blog_twice_changes_nothing(cache: Cache, clock: Clock) -> None:
    blog = page([entry(n, pinned=n == 2, key_event=n == 4) for n in range(1, 6)])
    cache.apply(blog)
    clock.tick()
    again = cache.apply(blog)
    assert again == Changes() and not again and again.total == 0


def test_edit_adds_a_revision_and_keeps_the_old_version(cache: Cache, clock: Clock) -> None:
    first_seen = clock.now
    cache.apply(page([entry(1), entry(2)]))
    edited_at = clock.tick(5)
    changes = cache.apply(page([entry(1, "Dockers at pier 1 return to work."), entry(2)]))
    assert ids(changes.edited) == [eid(1)] and not changes.new
    new = changes.edited[0]
    assert [r.seen for r in new.revisions] == [first_seen, edited_at]
    assert [r.text for r in new.revisions] == [
        "Dockers at pier 1 walk out.",
        "Dockers at pier 1 return to work.",
    ]
    assert new.first_seen == first_seen
    loaded = {e.id: e for e in cache.load(URL).entries}
    assert len(loaded[eid(1)].revisions) == 2 and len(loaded[eid(2)].revisions) == 1
    assert loaded[eid(1)].text == "Dockers at pier 1 return to work."
    # The export form carries every revision.
    exported = loaded[eid(1)].to_dict()
    assert [r["text"] for r in exported["revisions"]] == [r.text for r in new.revisions]
    assert StoredEntry.from_dict(json.loads(json.dumps(exported))).revisions == new.revisions


def test_superseded_body_is_kept_in_the_revision_row(cache: Cache, tmp_path: Path) -> None:
    photo = Block("image", image=Image("Cranes at dawn", "Photograph: A. Lens", "https://x/1.jpg"))
    original = entry(1).with_changes(body=(Block("paragraph", "Quiet quay."), photo))
    cache.apply(page([original]))
    cache.apply(page([original.with_changes(body=(Block("paragraph", "Quiet quay."),))]))
    db = sqlite3.connect(tmp_path / "cache.sqlite3")
    bodies = [row[0] for row in db.execute("SELECT body FROM revisions ORDER BY id")]
    db.close()
    assert bodies[1] is None  # the current version is the entry's own body
    assert [Block.from_dict(b) for b in json.loads(bodies[0])] == list(original.body)


def test_image_only_change_is_an_edit(cache: Cache) -> None:
    photo = Block("image", image=Image("Pickets", "Photograph: B", "https://x/a.jpg"))
    cache.apply(page([entry(1).with_changes(body=(*entry(1).body, photo))]))
    recaptioned = Block(
        "image", image=Image("Pickets at gate 4", "Photograph: B", "https://x/a.jpg")
    )
    changes = cache.apply(page([entry(1).with_changes(body=(*entry(1).body, recaptioned))]))
    assert ids(changes.edited) == [eid(1)]


def test_timestamp_and_author_changes_alone_are_not_edits(cache: Cache) -> None:
    cache.apply(page([entry(1)]))
    later = entry(1).with_changes(updated=T0 + timedelta(hours=1), authors=("R. Porter",))
    assert not cache.apply(page([later]))
    stored = cache.entry(URL, eid(1))
    assert stored is not None
    assert stored.updated == T0 + timedelta(hours=1) and stored.authors == ("R. Porter",)
    assert len(stored.revisions) == 1


def test_edit_back_to_an_earlier_version_is_that_version_again(cache: Cache, clock: Clock) -> None:
    for text in ("one", "two", "one"):
        clock.tick()
        changes = cache.apply(page([entry(1, text)]))
    assert ids(changes.edited) == [eid(1)]  # still a change of what the page says
    stored = cache.entry(URL, eid(1))
    assert stored is not None and [r.text for r in stored.revisions] == ["two", "one"]
    assert stored.revisions[-1].seen == clock.now  # seen again now


def test_load_round_trips_every_field(cache: Cache, clock: Clock) -> None:
    body = (
        Block("heading", "Pier 4"),
        Block("paragraph", "Crème brûlée for the pickets — “solidarity”."),
        Block("list_item", "gate 1"),
        Block("quote", "We stay\n\nout"),
        Block("image", image=Image("Quay", "Photograph: C/Agency", "https://x/q.jpg")),
        Block("embed", "a post", embed="tweet", title="@union", url="https://x/t/1"),
    )
    rich = entry(7).with_changes(
        body=body, authors=("A", "B"), updated=T0 + timedelta(minutes=9), summary=True
    )
    image = Image("Harbour", "Photograph: D", "https://x/m.jpg")
    blog = page([rich, entry(3)], main_image=image)
    cache.apply(blog)
    loaded = cache.load(URL)
    # Equal to what was applied, plus what the cache saw (first_seen, revisions).
    assert [Entry.from_dict(e.to_dict()) for e in loaded.entries] == list(blog.entries)
    got = loaded.entries[0]
    assert got.body == body and got.content_hash == rich.content_hash
    assert got.authors == ("A", "B") and got.summary and got.first_seen == clock.now
    assert got.updated == rich.updated and got.published == rich.published
    assert loaded.title == blog.title and loaded.standfirst == blog.standfirst
    assert loaded.main_image == image and loaded.pages == Pages(1, 3)
    assert loaded.source == "guardian" and loaded.live is True
    assert ids(loaded.entries) == [eid(7), eid(3)]


def test_reapplying_the_same_page_changes_nothing(cache: Cache) -> None:
    cache.apply(page([entry(n, pinned=n == 2, key_event=n == 3) for n in range(1, 6)]))
    last = page([entry(n, pinned=n == 2, key_event=n == 3) for n in (1, 2, 3, 5)])
    cache.apply(last)
    loaded = cache.load(URL)
    assert [e.id for e in loaded.entries if e.removed] == [eid(4)]
    assert cache.apply(last) == Changes()
    assert cache.load(URL).entries == loaded.entries


# -- removal --------------------------------------------------------------------------


def test_entry_vanished_from_page_one_is_flagged_removed(cache: Cache, clock: Clock) -> None:
    cache.apply(page([entry(n) for n in range(1, 6)]))
    removed_at = clock.tick()
    changes = cache.apply(page([entry(n) for n in (1, 2, 4, 5)]))
    assert ids(changes.removed) == [eid(3)] and changes.total == 1
    assert changes.removed[0].removed
    loaded = {e.id: e for e in cache.load(URL).entries}
    assert len(loaded) == 5 and loaded[eid(3)].removed
    assert cache.since(URL, removed_at - timedelta(seconds=1)).removed == (eid(3),)
    assert not cache.apply(page([entry(n) for n in (1, 2, 4, 5)]))  # reported once


def test_entry_rolled_to_page_two_is_not_removed(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 11)]))
    # Two new entries push 1 and 2 to page 2: page 1 now holds 3..12.
    changes = cache.apply(page([entry(n) for n in range(3, 13)]))
    assert ids(changes.new) == [eid(11), eid(12)] and not changes.removed
    assert not any(e.removed for e in cache.load(URL).entries)


def test_oldest_feed_entry_not_carousel_copies_sets_the_line(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 11)]))
    # Page 1's feed is 6..10 plus a new 11; entry 2 appears only as a key-event
    # copy in the carousel. 3, 4, 5 rolled to page 2 (older than 6): kept.
    key_copy = entry(2, key_event=True)
    feed = [entry(n) for n in range(6, 12)]
    changes = cache.apply(page([*feed, key_copy], feed=feed))
    assert not changes.removed and ids(changes.new) == [eid(11)]
    # Now 8 vanishes from the feed: newer than 6, so removed.
    feed = [entry(n) for n in (6, 7, 9, 10, 11)]
    changes = cache.apply(page([*feed, key_copy], feed=feed))
    assert ids(changes.removed) == [eid(8)]


def test_page_two_never_removes(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 11)], current=2))
    assert not cache.apply(page([entry(n) for n in (1, 2, 3)], current=2)).removed
    assert not any(e.removed for e in cache.load(URL).entries)


def test_update_blog_never_removes(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 6)]))
    changes = cache.apply(page([entry(6)], kind="update", current=None, title=""))
    assert ids(changes.new) == [eid(6)] and not changes.removed


def test_unpaginated_page_removes(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 6)], current=None))
    assert ids(cache.apply(page([entry(n) for n in (1, 2, 3, 5)], current=None)).removed) == [
        eid(4)
    ]


def test_removed_entry_that_reappears_is_unremoved(cache: Cache, clock: Clock) -> None:
    cache.apply(page([entry(n) for n in range(1, 6)]))
    cache.apply(page([entry(n) for n in (1, 2, 4, 5)]))
    clock.tick()
    back = cache.apply(page([entry(n) for n in range(1, 6)]))
    assert ids(back.reflagged) == [eid(3)] and not back.removed
    assert not next(e for e in cache.load(URL).entries if e.id == eid(3)).removed
    # Removed again, then back edited: an edit.
    cache.apply(page([entry(n) for n in (1, 2, 4, 5)]))
    back = cache.apply(page([*(entry(n) for n in (1, 2, 4, 5)), entry(3, "Reworded.")]))
    assert ids(back.edited) == [eid(3)] and not back.edited[0].removed


def test_page_without_feed_ids_removes_nothing(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 6)]))
    assert not cache.apply(page([entry(5)], feed=[])).removed


# -- flags ----------------------------------------------------------------------------


def test_pin_moves_with_page_one(cache: Cache) -> None:
    cache.apply(page([entry(1, pinned=True), entry(2), entry(3)]))
    changes = cache.apply(page([entry(1), entry(2), entry(3, pinned=True)]))
    assert ids(changes.reflagged) == [eid(1), eid(3)] and not changes.edited
    assert [e.id for e in cache.load(URL).entries if e.pinned] == [eid(3)]


def test_pinned_entry_absent_from_page_one_is_unpinned(cache: Cache) -> None:
    cache.apply(page([entry(n, pinned=n == 1) for n in range(1, 11)]))
    # 1 rolled to page 2 and page 1 has a new pin (12): 1 loses its pin.
    changes = cache.apply(page([entry(n, pinned=n == 12) for n in range(3, 13)]))
    assert ids(changes.reflagged) == [eid(1)]
    assert [e.id for e in cache.load(URL).entries if e.pinned] == [eid(12)]
    # A page 1 with no pinned post unpins everything.
    cache.apply(page([entry(n) for n in range(3, 13)]))
    assert not any(e.pinned for e in cache.load(URL).entries)


def test_page_two_and_updates_leave_the_pin_alone(cache: Cache) -> None:
    cache.apply(page([entry(1), entry(2)], current=2))
    cache.apply(page([entry(5, pinned=True), entry(6)]))
    assert not cache.apply(page([entry(1), entry(5)], current=2))
    assert not cache.apply(page([entry(5)], kind="update", current=None, title=""))
    assert [e.id for e in cache.load(URL).entries if e.pinned] == [eid(5)]


def test_key_event_flags_follow_every_apply(cache: Cache) -> None:
    cache.apply(page([entry(1), entry(2)]))
    changes = cache.apply(page([entry(1, key_event=True)], current=2))
    assert ids(changes.reflagged) == [eid(1)]
    changes = cache.apply(page([entry(2, summary=True)], kind="update", current=None))
    assert ids(changes.reflagged) == [eid(2)]
    assert [e.id for e in cache.load(URL).key_events] == [eid(2), eid(1)]


def test_key_event_flag_dropped_only_when_list_is_complete(cache: Cache) -> None:
    cache.apply(page([entry(n, key_event=n in (1, 2), summary=n == 3) for n in range(1, 5)]))
    # Incomplete list without 1: 1 stays a key event.
    assert not cache.apply(page([entry(2, key_event=True)], current=2))
    # Complete list naming only 2: 1 and 3 lose their flags, content unchanged.
    changes = cache.apply(
        page([entry(2, key_event=True), entry(4)], current=2, key_events_complete=True)
    )
    assert ids(changes.reflagged) == [eid(1), eid(3)]
    assert [e.id for e in cache.load(URL).key_events] == [eid(2)]


def test_duplicate_copies_in_one_blog_merge_their_flags(cache: Cache) -> None:
    blog = page([entry(1)])
    blog = dataclasses.replace(blog, entries=(entry(1, pinned=True), entry(1), entry(2)))
    changes = cache.apply(blog)
    assert ids(changes.new) == [eid(1), eid(2)]
    assert [e.id for e in cache.load(URL).entries if e.pinned] == [eid(1)]


# -- metadata -------------------------------------------------------------------------


def test_update_blog_does_not_blank_metadata(cache: Cache) -> None:
    image = Image("Quay", "Photograph: E", "https://x/q.jpg")
    cache.apply(page([entry(1)], main_image=image))
    answer = Snapshot(URL, "", (entry(2),), feed_ids=(eid(2),), kind="update")
    cache.apply(answer)
    loaded = cache.load(URL)
    assert loaded.title == "Harbour strike: latest" and loaded.standfirst
    assert loaded.source == "guardian" and loaded.live is True
    assert loaded.main_image == image and loaded.pages == Pages(1, 3)


def test_pagination_is_page_ones_and_an_ended_blog_says_so(cache: Cache) -> None:
    cache.apply(page([entry(5)]))
    cache.apply(page([entry(1)], current=2))
    assert cache.load(URL).pages == Pages(1, 3)
    cache.apply(page([entry(5)], live=False, title="Harbour strike – as it happened"))
    loaded = cache.load(URL)
    assert loaded.live is False
    assert loaded.title == "Harbour strike – as it happened"


# -- reading --------------------------------------------------------------------------


def test_unknown_blog(cache: Cache) -> None:
    with pytest.raises(UnknownBlog, match=r"not in the cache.*liveread follow"):
        cache.load(URL)
    assert not cache.has(URL) and cache.entry(URL, eid(1)) is None
    assert cache.follow_state(URL) == FollowState() and cache.validators(URL) is None
    with pytest.raises(UnknownBlog):
        cache.since(URL, T0)
    with pytest.raises(UnknownBlog):
        cache.mark_read(URL)


def test_urls_are_normalised(cache: Cache) -> None:
    cache.apply(page([entry(1)], url=URL.replace("https://news", "HTTPS://NEWS")))
    assert cache.has(URL + "?page=with:block-1#block-1") and not cache.has(URL + ".json")
    assert cache.load(URL + "#x").url == URL
    assert cache.entry(URL + "?filterKeyEvents=true", eid(1)) is not None


def test_load_uses_a_fixed_number_of_queries(cache: Cache) -> None:
    cache.apply(page([entry(n) for n in range(1, 201)]))
    cache.apply(page([entry(n, "edited") for n in range(190, 201)]))
    statements: list[str] = []
    assert cache._db is not None
    cache._db.set_trace_callback(statements.append)
    blog = cache.load(URL)
    cache._db.set_trace_callback(None)
    selects = [s for s in dict.fromkeys(statements) if s.lstrip().upper().startswith("SELECT")]
    assert len(blog.entries) == 200 and len(selects) == 3


def test_blogs_lists_newest_activity_first(cache: Cache, clock: Clock) -> None:
    other = "https://news.example.org/sport/live/2031/mar/04/regatta"
    cache.apply(page([entry(1), entry(2, key_event=True)]))
    clock.tick()
    cache.apply(page([entry(1)], url=other, title="Regatta"))
    clock.tick()
    cache.apply(page([entry(1), entry(2, key_event=True), entry(3)]))
    cache.record_fetch(other, ok=False, error="HTTP 503")
    summaries = cache.blogs()
    assert [s.url for s in summaries] == [URL, other]
    mine = summaries[0]
    assert isinstance(mine, BlogSummary)
    assert (mine.title, mine.source, mine.live) == ("Harbour strike: latest", "guardian", True)
    assert (mine.entries, mine.key_events, mine.new_since_read) == (3, 1, 3)
    assert mine.last_update == clock.now and mine.last_success == clock.now
    assert summaries[1].last_error == "HTTP 503" and summaries[1].last_error_at == clock.now


def test_a_url_never_reached_is_not_a_blog(cache: Cache, clock: Clock) -> None:
    cache.record_fetch(URL, ok=False, error="connection refused")
    cache.set_follow_state(URL, FollowState(cursor="x"))
    assert cache.blogs() == [] and not cache.has(URL)
    assert cache.follow_state(URL) == FollowState()


def test_a_wanted_url_is_listed_as_not_reached_until_first_contact(
    cache: Cache, clock: Clock
) -> None:
    cache.want(URL)
    cache.record_fetch(URL, ok=False, error="connection refused")
    (summary,) = cache.blogs()
    assert summary.url == URL and not summary.reached and summary.entries == 0
    assert summary.last_error == "connection refused" and summary.last_error_at == clock.now
    assert not cache.has(URL)  # not a blog: nothing to load or export
    clock.tick()
    cache.apply(page([entry(1)]))
    (summary,) = cache.blogs()
    assert summary.reached and summary.entries == 1 and summary.last_success == clock.now
    cache.want(URL)  # a blog already: nothing changes
    assert [s.reached for s in cache.blogs()] == [True]


def test_removing_a_wanted_url_forgets_it(cache: Cache) -> None:
    cache.want(URL)
    assert cache.remove_blog(URL) and cache.blogs() == []


def test_since_mark_read_and_new_since_read(cache: Cache, clock: Clock) -> None:
    cache.apply(page([entry(n) for n in range(1, 6)]))
    read_at = clock.tick()
    cache.mark_read(URL)
    assert cache.blogs()[0].new_since_read == 0 and cache.blogs()[0].last_read == read_at
    clock.tick()
    cache.apply(page([*(entry(n) for n in (1, 2, 4, 6, 7)), entry(5, "Pier 5 reopens.")]))
    report = cache.since(URL, read_at)
    assert report.since == read_at
    assert report.new == (eid(6), eid(7))
    assert report.edited == (eid(5),)
    assert report.removed == (eid(3),)
    assert cache.blogs()[0].new_since_read == 2
    cache.mark_read(URL, at=T0)  # an explicit moment, before everything
    assert cache.blogs()[0].new_since_read == 6  # 7 seen, 1 removed
    assert cache.since(URL, clock.tick()) == type(report)(clock.now, (), (), ())


def test_entry_returns_one_entry_with_revisions(cache: Cache) -> None:
    cache.apply(page([entry(1), entry(2)]))
    cache.apply(page([entry(1, "Changed."), entry(2)]))
    got = cache.entry(URL, eid(1))
    assert got is not None and [r.text for r in got.revisions][-1] == "Changed."
    assert cache.entry(URL, "nope") is None


# -- search ---------------------------------------------------------------------------


@pytest.fixture
def searchable(cache: Cache) -> Cache:
    cache.apply(
        page(
            [
                entry(1, "Talks collapse: a no-deal outcome looms over the port."),
                entry(2, "The café on pier 2 serves pickets AND managers."),
                entry(3, "Unions say a deal is near (sources)."),
                entry(4, 'Spokesperson: "x marks the spot" on the map.', title="Crème de la map"),
            ]
        )
    )
    cache.apply(
        page([entry(2, "Another harbour deal, in Ålesund.")], url="https://b.example/live/x")
    )
    return cache


@pytest.mark.parametrize(
    "query",
    [
        *("no-deal", '"x', "AND", "*", "(", "NEAR(", "deal OR", ")", '"', "a:b", "^x", "-"),
        *("'", "NOT", "title:deal", "{title}: x", "x\x00y", "deal" * 2000, "“quoted”", "🙂"),
    ],
)
def test_search_never_raises_on_hostile_input(searchable: Cache, query: str) -> None:
    hits = searchable.search(query)
    assert isinstance(hits, list)


def test_search_matches_words_literally(searchable: Cache) -> None:
    assert [h.entry.id for h in searchable.search("no-deal")] == [eid(1)]
    assert [h.entry.id for h in searchable.search("AND")] == [eid(2)]
    assert [h.entry.id for h in searchable.search('"x')] == [eid(4)]
    assert [h.entry.id for h in searchable.search("NEAR(")] == [eid(3)]
    assert searchable.search("*") == [] and searchable.search("  ") == []


def test_search_ignores_case_and_diacritics(searchable: Cache) -> None:
    assert [h.entry.id for h in searchable.search("CAFE")] == [eid(2)]
    assert [h.entry.id for h in searchable.search("creme")] == [eid(4)]  # in the title
    assert [h.entry.id for h in searchable.search("alesund")] == [eid(2)]
    assert [h.url for h in searchable.search("ålesund")] == ["https://b.example/live/x"]


def test_search_is_newest_first_and_filters_by_blog(searchable: Cache) -> None:
    hits = searchable.search("deal")
    assert [(h.url, h.entry.id) for h in hits] == [
        (URL, eid(3)),
        ("https://b.example/live/x", eid(2)),
        (URL, eid(1)),
    ]
    assert [h.entry.id for h in searchable.search("deal", url=URL)] == [eid(3), eid(1)]
    assert len(searchable.search("deal", limit=1)) == 1
    assert searchable.search("deal", url="https://unknown.example/x") == []


def test_search_needs_every_term_and_supports_prefixes(searchable: Cache) -> None:
    assert [h.entry.id for h in searchable.search("deal port")] == [eid(1)]
    assert [h.entry.id for h in searchable.search("pick*", url=URL)] == [eid(2)]


def test_search_hit_carries_snippet_and_blog(searchable: Cache) -> None:
    (hit,) = searchable.search("managers")
    assert hit.blog_title == "Harbour strike: latest" and hit.url == URL
    assert "managers" in hit.snippet and "<" not in hit.snippet
    assert hit.entry.first_seen is not None and len(hit.entry.revisions) == 1


def test_search_follows_edits_and_removed_blogs(searchable: Cache) -> None:
    searchable.apply(page([entry(2, "The tearoom on pier 2 is closed.")]))
    assert searchable.search("cafe") == [] and len(searchable.search("tearoom")) == 1
    assert searchable.remove_blog(URL)
    assert [h.url for h in searchable.search("deal")] == ["https://b.example/live/x"]


def fts(query: str) -> str | None:
    parsed = Query.parse(query)
    return parsed.fts() if parsed else None


def test_fts_query_quotes_every_term() -> None:
    assert fts('no-deal "x AND') == '"no-deal" """x" "AND"'
    assert fts("pick* *") == '"pick"*'
    assert fts("( ) *") is None
    assert fts("x\x00y") == '"x" "y"'


# -- state, validators, transactions --------------------------------------------------


def test_follow_state_is_stored_whole_and_replaced(cache: Cache) -> None:
    cache.apply(page([entry(1)]))
    first = FollowState(source="guardian", walk_next="https://x/p3", walk_mode="full")
    cache.set_follow_state(URL, first)
    assert cache.follow_state(URL) == first
    second = FollowState(source="guardian", cursor="block-1", source_data={"page_id": "a/b"})
    cache.set_follow_state(URL, second)
    assert cache.follow_state(URL) == second


def test_state_and_validators_are_stored_by_apply(cache: Cache) -> None:
    fetched = URL + ".json?dcr=true"
    found = Validators('W/"abc"', "Tue, 04 Mar 2031 12:00:00 GMT", "hash1")
    state = FollowState(cursor=eid(1))
    cache.apply(page([entry(1)]), state=state, validators={fetched: found})
    assert cache.follow_state(URL) == state
    assert cache.validators(fetched) == found
    cache.apply(page([entry(1)]), validators={fetched: Validators()})
    assert cache.validators(fetched) is None


def test_a_failing_apply_leaves_nothing_behind(cache: Cache) -> None:
    cache.apply(page([entry(1)]), state=FollowState(cursor="a"))
    with pytest.raises(AttributeError):
        cache.apply(
            page([entry(1, "edited"), entry(2)]),
            state=FollowState(cursor="b"),
            validators={"https://x": "not validators"},  # type: ignore[dict-item]
        )
    loaded = cache.load(URL)
    assert ids(loaded.entries) == [eid(1)] and len(loaded.entries[0].revisions) == 1
    assert cache.follow_state(URL).cursor == "a"
    assert cache.apply(page([entry(1)])) == Changes()  # still usable


def test_remove_blog_deletes_everything_of_that_blog_only(cache: Cache, tmp_path: Path) -> None:
    other = "https://b.example/live/y"
    cache.apply(
        page([entry(1), entry(2)]), state=FollowState(cursor="v"), validators={URL: Validators("e")}
    )
    cache.apply(page([entry(1, "edited"), entry(2)]))
    cache.apply(page([entry(1)], url=other))
    assert cache.remove_blog(URL + "?page=2") and not cache.remove_blog(URL)
    assert not cache.has(URL) and cache.has(other)
    assert cache.follow_state(URL) == FollowState() and cache.validators(URL) is None
    db = sqlite3.connect(tmp_path / "cache.sqlite3")
    tables = ("entries", "revisions", "entries_fts_docsize")
    counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    db.close()
    assert counts == [1, 1, 1]  # the search index let go of the removed blog's entries too


def test_two_caches_on_one_file_interleave(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "shared.sqlite3"
    with Cache(path, now=clock) as one, Cache(path, now=clock) as two:
        for n in range(1, 21):
            writer, reader = (one, two) if n % 2 else (two, one)
            changes = writer.apply(page([entry(k) for k in range(1, n + 1)]))
            assert ids(changes.new) == [eid(n)]
            assert len(reader.load(URL).entries) == n
            clock.tick()


def test_two_caches_writing_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    Cache(path).close()
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            with Cache(path) as mine:
                for n in range(30):
                    blog = page([entry(offset + n)], url=f"{URL}-{offset}", kind="update")
                    mine.apply(blog, state=FollowState(cursor=str(n)))
                    mine.record_fetch(blog.url, ok=True)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Cache(path) as check:
        assert sorted(s.entries for s in check.blogs()) == [30, 30, 30]


def test_many_caches_creating_one_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def opener(k: int) -> None:
        try:
            barrier.wait()
            with Cache(path) as mine:
                mine.apply(page([entry(k)], kind="update"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=opener, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Cache(path) as check:
        assert len(check.load(URL).entries) == 4


def test_one_cache_shared_between_threads(cache: Cache) -> None:
    def worker(k: int) -> None:
        for n in range(20):
            cache.apply(page([entry(k * 100 + n)], kind="update"))
            cache.load(URL)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache.load(URL).entries) == 80


def test_closed_cache_raises_cache_error(tmp_path: Path) -> None:
    opened = Cache(tmp_path / "c.sqlite3")
    opened.close()
    opened.close()
    with pytest.raises(CacheError, match="closed"):
        opened.has(URL)


# -- the file -------------------------------------------------------------------------


def test_default_path_and_file_mode(isolated_home: Path) -> None:
    with Cache() as opened:
        opened.apply(page([entry(1)]))
        path = opened.path
    assert path.parent == isolated_home and path.name == "cache.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for side in path.parent.glob("cache.sqlite3-*"):
        assert stat.S_IMODE(side.stat().st_mode) == 0o600


def test_file_is_wal_with_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Cache(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    with Cache(path) as again:  # reopening runs no migration and loses nothing
        assert again.recovered_from is None


def _assert_moved_aside(path: Path, opened: Cache, clock: Clock) -> Path:
    moved = opened.recovered_from
    assert moved is not None and moved.parent == path.parent
    assert moved.name == f"{path.name}.corrupt-{clock.now:%Y%m%dT%H%M%SZ}"
    assert moved.exists()
    opened.apply(page([entry(1)]))
    assert len(opened.load(URL).entries) == 1
    return moved


def test_garbage_file_is_moved_aside(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    Path(f"{path}-wal").write_bytes(b"junk")
    with pytest.warns(RuntimeWarning, match="damaged"), Cache(path, now=clock) as opened:
        moved = _assert_moved_aside(path, opened, clock)
    assert moved.read_bytes().startswith(b"this is not a database")
    assert Path(f"{moved}-wal").read_bytes() == b"junk"


def test_damaged_database_is_moved_aside(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache(path, now=clock) as first:
        first.apply(page([entry(n, "word " * 400) for n in range(1, 60)]))
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for at in range(page_size * 2, len(data), page_size):  # scribble over every page but 1
        data[at : at + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Cache(path, now=clock) as opened:
            _assert_moved_aside(path, opened, clock)
    assert any("damaged" in str(w.message) for w in caught)


def test_empty_file_is_a_fresh_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.touch()
    with Cache(path) as opened:
        assert opened.recovered_from is None
        opened.apply(page([entry(1)]))


def _cache_of_a_newer_schema(tmp_path: Path) -> Path:
    """A cache holding one entry, its schema version one past this liveread's."""
    path = tmp_path / "cache.sqlite3"
    with Cache(path) as first:
        first.apply(page([entry(1)]))
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    return path


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = _cache_of_a_newer_schema(tmp_path)
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    expected = f"schema v{SCHEMA_VERSION + 1}, this one knows v{SCHEMA_VERSION}"
    with pytest.raises(CacheError, match=expected) as raised:
        Cache(path)
    assert "upgrade liveread or set LIVEREAD_HOME elsewhere" in str(raised.value)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_unopenable_path_is_an_error_not_corruption(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.mkdir()  # not a file at all: report it, move nothing
    with pytest.raises(CacheError, match="cannot read the cache"):
        Cache(path)
    assert path.is_dir() and list(tmp_path.glob("*.corrupt-*")) == []


def test_a_lock_held_too_long_is_a_cache_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("liveread.cache._schema._BUSY_MS", 100)
    path = tmp_path / "cache.sqlite3"
    with Cache(path) as opened:
        opened.apply(page([entry(1)]))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(CacheError, match="is busy"):
                opened.apply(page([entry(1), entry(2)]))
            assert len(opened.load(URL).entries) == 1  # readers are not blocked
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert ids(opened.apply(page([entry(1), entry(2)])).new) == [eid(2)]


# -- incremental cost -----------------------------------------------------------------


def _big_cache(path: Path, count: int) -> Cache:
    opened = Cache(path)
    opened.apply(page([entry(n, f"Entry {n} about cranes and quays.") for n in range(count)]))
    return opened


def _one_more(count: int) -> Snapshot:
    """Page 1 after one more entry arrived: the newest ten (one new, one pinned)."""
    newest = [entry(n, f"Entry {n} about cranes and quays.") for n in range(count - 9, count)]
    pinned = entry(count - 5, f"Entry {count - 5} about cranes and quays.", pinned=True)
    newest = [pinned if e.id == pinned.id else e for e in newest]
    return page([*newest, entry(count, "Fresh.")], key_events_complete=True)


def _plans(db: sqlite3.Connection, statements: list[str]) -> list[str]:
    details = []
    for sql in dict.fromkeys(statements):
        head = sql.lstrip().split(None, 1)[0].upper()
        if head in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            details += [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
    return details


def test_apply_does_not_scan_a_big_cache(tmp_path: Path) -> None:
    count = 10_000
    big = _big_cache(tmp_path / "big.sqlite3", count)
    small = _big_cache(tmp_path / "small.sqlite3", 100)
    assert big._db is not None and small._db is not None
    statements: list[str] = []
    big._db.set_trace_callback(statements.append)
    changes = big.apply(_one_more(count))
    big._db.set_trace_callback(None)
    assert ids(changes.new) == [eid(count)] and ids(changes.reflagged) == [eid(count - 5)]
    plans = _plans(big._db, statements)
    assert plans and not [p for p in plans if p.startswith("SCAN")], plans

    # Behaviourally: the work (SQLite VM instructions, FTS5's own included)
    # of the same applies is the same whether 100 or 10,000 entries are
    # cached. Summed over a few applies to even out FTS5's segment merges.
    def steps(opened: Cache, cached: int) -> int:
        counter = [0]

        def tick() -> int:
            counter[0] += 1
            return 0

        assert opened._db is not None
        opened._db.set_progress_handler(tick, 1)
        for k in range(1, 6):
            opened.apply(_one_more(cached + k))
        opened._db.set_progress_handler(None, 1)
        return counter[0]

    small.apply(_one_more(100))
    big_steps, small_steps = steps(big, count), steps(small, 100)
    assert big_steps < small_steps * 1.3, (big_steps, small_steps)
    big.close()
    small.close()


# -- property: nothing is ever lost ---------------------------------------------------


_VARIANTS = ("first words", "second words", "third words")
_apply_step = st.tuples(
    st.dictionaries(st.integers(0, 11), st.sampled_from(_VARIANTS), max_size=12),
    st.sampled_from(["page1", "page2", "update"]),
    st.booleans(),  # key_events_complete
    st.integers(0, 11),  # which entry is pinned (if present)
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(_apply_step, min_size=1, max_size=12))
def test_nothing_seen_is_ever_lost(tmp_path_factory: pytest.TempPathFactory, steps: list) -> None:
    path = tmp_path_factory.mktemp("prop") / "cache.sqlite3"
    clock = Clock()
    # Entry id -> its versions, oldest first; a version seen again moves to the end.
    history: dict[str, list[str]] = {}
    # A reference model of the flag rules: entry number -> [removed, pinned, key].
    flags: dict[int, list[bool]] = {}
    with Cache(path, now=clock) as opened:
        for chosen, shape, complete, pin in steps:
            clock.tick()
            entries = [
                entry(n, text, pinned=n == pin, key_event=n % 3 == 0) for n, text in chosen.items()
            ]
            blog = page(
                entries,
                current=2 if shape == "page2" else 1,
                kind="update" if shape == "update" else "page",
                key_events_complete=complete,
            )
            authoritative = shape == "page1"
            newly_removed = []
            for n, model in flags.items():
                if n in chosen:
                    continue
                model[1] = model[1] and not authoritative
                model[2] = model[2] and not complete
                if authoritative and chosen and not model[0] and n > min(chosen):
                    model[0] = True
                    newly_removed.append(eid(n))
            for n in chosen:
                was_pinned = flags.get(n, [False, False, False])[1]
                flags[n] = [False, n == pin if authoritative else was_pinned, n % 3 == 0]
            changes = opened.apply(blog)
            assert ids(changes.removed) == sorted(newly_removed)
            for e in entries:
                seen = history.setdefault(e.id, [])
                if not seen or seen[-1] != e.text:
                    expected = changes.new if not seen else changes.edited
                    assert e.id in ids(expected)
                    if e.text in seen:
                        seen.remove(e.text)
                    seen.append(e.text)
            assert not set(ids(changes.new)) - {e.id for e in entries}
            assert opened.apply(blog) == Changes()  # idempotent
        loaded = {e.id: e for e in opened.load(URL).entries}
        assert loaded.keys() == history.keys()
        for entry_id, texts in history.items():
            got = loaded[entry_id]
            assert [r.text for r in got.revisions] == texts
            assert got.text == texts[-1]
        assert sum(e.pinned for e in loaded.values()) <= 1
        for n, model in flags.items():
            got = loaded[eid(n)]
            assert [got.removed, got.pinned, got.key_event] == model, n
        # The search index follows every edit: a word matches exactly the
        # entries whose current text holds it (a stale index would match more).
        for variant in _VARIANTS:
            word = variant.split()[0]
            found = {h.entry.id for h in opened.search(word, limit=100)}
            assert found == {i for i, e in loaded.items() if word in e.text}


@pytest.fixture(scope="module")
def fuzz_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    with Cache(tmp_path_factory.mktemp("fuzz") / "cache.sqlite3") as opened:
        opened.apply(page([entry(1, 'Talks on a no-deal "exit" — café (near) AND*')]))
        yield opened


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=40))
def test_search_never_raises_on_any_text(fuzz_cache: Cache, query: str) -> None:
    fuzz_cache.search(query)
    fuzz_cache.search(query, url=URL, limit=3)


def test_load_newest_window_holds_the_newest_entries_key_events_and_pinned(cache: Cache) -> None:
    entries = [
        entry(n, key_event=(n % 10 == 0), summary=(n == 15), pinned=(n == 3)) for n in range(1, 101)
    ]
    cache.apply(page(entries))
    window = cache.load(URL, newest=5)
    order = sort_newest_first(entries)
    newest = ids(order[:5])
    keys = ids([e for e in order if e.key_event or e.summary][:5])
    pinned = [e.id for e in order if e.pinned]
    assert len(keys) == 5 and entry(15).id not in keys, "only the newest key events"
    assert ids(window.entries) == ids(
        sort_newest_first([e for e in entries if e.id in {*newest, *keys, *pinned}])
    )
    assert window.title == cache.load(URL).title
    assert all(len(e.revisions) == 1 for e in window.entries)


def test_summary_of_one_blog_is_its_line_of_blogs(cache: Cache) -> None:
    cache.apply(page([entry(1), entry(2, key_event=True)]))
    cache.apply(page([entry(3)], url="https://example.org/other-live"))
    lines = {s.url: s for s in cache.blogs()}
    assert cache.summary(URL) == lines[URL]
    assert cache.summary("https://example.org/not-cached") is None


# -- windows, tombstones, thinner views, site names -----------------------------------


def window(entries: list[Entry], size: int = 5, **fields: Any) -> Snapshot:
    """A page that only ever shows the newest *size* entries (no pagination)."""
    return page(entries, current=None, window=size, source="schemaorg", **fields)


def test_an_entry_scrolling_out_of_a_window_is_never_removed(cache: Cache) -> None:
    cache.apply(window([entry(n) for n in range(1, 6)]))
    for newest in range(6, 12):  # each new entry pushes the oldest out of the window
        changes = cache.apply(window([entry(n) for n in range(newest - 4, newest + 1)]))
        assert ids(changes.new) == [eid(newest)] and not changes.removed
    loaded = cache.load(URL)
    assert len(loaded.entries) == 11 and not any(e.removed for e in loaded.entries)


def test_an_entry_deleted_inside_a_window_is_removed(cache: Cache) -> None:
    cache.apply(window([entry(n) for n in range(1, 6)]))
    # 3 is deleted: the window now reaches one further back (0), and 3 is newer than 0.
    changes = cache.apply(window([entry(n) for n in (0, 1, 2, 4, 5)]))
    assert ids(changes.removed) == [eid(3)] and ids(changes.new) == [eid(0)]


def test_tombstones_flag_removals_even_in_an_update(cache: Cache, clock: Clock) -> None:
    cache.apply(window([entry(n) for n in range(1, 6)]))
    at = clock.tick()
    update = page([entry(6)], kind="update", current=None, title="", removed_ids=(eid(2), eid(9)))
    changes = cache.apply(update)
    assert ids(changes.new) == [eid(6)] and ids(changes.removed) == [eid(2)]
    held = {e.id: e for e in cache.load(URL).entries}
    assert held[eid(2)].removed and eid(9) not in held  # never seen: nothing to keep
    assert cache.since(URL, at - timedelta(seconds=1)).removed == (eid(2),)
    assert not cache.apply(update).removed  # reported once
    # An entry both shown and said deleted is deleted: the site's word wins (the
    # WordPress poll reports an edit and a deletion of one entry in one answer).
    assert ids(cache.apply(page([entry(3)], kind="update", removed_ids=(eid(3),))).removed) == [
        eid(3)
    ]


def test_a_tombstone_on_the_first_page_is_reported_once(cache: Cache) -> None:
    cache.apply(window([entry(n) for n in range(1, 6)]))
    changes = cache.apply(window([entry(n) for n in (1, 3, 4, 5)], removed_ids=(eid(2),)))
    assert ids(changes.removed) == [eid(2)] and changes.total == 1


def test_a_thinner_view_never_overwrites_what_is_held(cache: Cache) -> None:
    photo = Block("image", image=Image("Quay", "Image: Agency", "https://x/q.jpg"))
    rich = entry(1, key_event=True, authors=("Writer",))
    rich = rich.with_changes(body=(*rich.body, photo))
    cache.apply(window([rich, entry(2)]))
    # The same entries, now only in the page's structured data: no photo, no
    # key-event flag, the page's authors.
    thin = entry(1, authors=("Page", "Authors"))
    changes = cache.apply(window([thin, entry(2)], partial_ids=(eid(1),)))
    assert changes == Changes()
    held = cache.load(URL).entries[-1]
    assert held.images and held.key_event and held.authors == ("Writer",)
    assert len(held.revisions) == 1
    # A thin view may still raise a flag, and it is present: it un-removes.
    cache.apply(window([entry(2)], removed_ids=(eid(1),)))
    assert cache.load(URL).entries[-1].removed
    back = cache.apply(window([thin.with_changes(summary=True), entry(2)], partial_ids=(eid(1),)))
    assert ids(back.reflagged) == [eid(1)]
    again = cache.load(URL).entries[-1]
    assert not again.removed and again.summary and again.key_event and again.images
    # A new entry seen only thinly is stored as it is.
    new = cache.apply(window([entry(3), thin, entry(2)], partial_ids=(eid(1), eid(3))))
    assert ids(new.new) == [eid(3)]


def test_site_name_and_window_are_stored_and_listed(cache: Cache, clock: Clock) -> None:
    cache.apply(window([entry(n) for n in range(3, 8)], site_name="Harbour Herald"))
    clock.tick()
    cache.apply(window([entry(n) for n in range(4, 9)], site_name=""))  # "" keeps the name
    summary = cache.summary(URL)
    assert summary is not None
    assert (summary.site_name, summary.window) == ("Harbour Herald", 5)
    assert summary.history_from == entry(3).published  # the oldest of the first window
    assert summary.following_since is not None and summary.following_since < clock.now
    loaded = cache.load(URL)
    assert (loaded.site_name, loaded.window, loaded.history_from) == (
        "Harbour Herald",
        5,
        entry(3).published,
    )
    assert loaded.following_since == summary.following_since
    assert cache.load(URL, newest=2).history_from == entry(3).published
    # An update says nothing about the window; a page read whole says "none".
    cache.apply(page([entry(9)], kind="update", current=None, title=""))
    assert cache.load(URL).window == 5
    cache.apply(page([entry(n) for n in range(4, 10)]))
    paged = cache.summary(URL)
    assert paged is not None and paged.window is None and paged.history_from is None


def test_a_check_started_in_a_thread_is_the_one_the_opening_waits_for(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged file checked ahead, in a thread, is moved aside as an opening would."""
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    from liveread.cache import _schema

    checks: list[int] = []
    check = _schema._check

    def counted(of: Path) -> bool:
        checks.append(threading.get_ident())
        return check(of)

    monkeypatch.setattr(_schema, "_check", counted)
    checked = CacheCheck(path)
    with (
        pytest.warns(RuntimeWarning, match="damaged"),
        Cache(path, now=clock, checked=checked) as opened,
    ):
        _assert_moved_aside(path, opened, clock)
    assert len(checks) == 1, "the opening did not check the file again"
    assert checks[0] != threading.get_ident(), "checked in a thread of its own"


def test_a_check_started_ahead_raises_what_an_opening_would(tmp_path: Path) -> None:
    path = _cache_of_a_newer_schema(tmp_path)
    before = path.read_bytes()
    with pytest.raises(CacheError, match=f"schema v{SCHEMA_VERSION + 1}"):
        Cache(path, checked=CacheCheck(path))
    assert path.read_bytes() == before
    with pytest.raises(ValueError, match="the check is of"):
        Cache(tmp_path / "other.sqlite3", checked=CacheCheck(path))


def test_a_check_started_ahead_of_a_new_cache_finds_nothing_to_move(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache(path, checked=CacheCheck(path)) as opened:
        assert opened.recovered_from is None
        opened.apply(page([entry(1)]))
        assert len(opened.load(URL).entries) == 1
