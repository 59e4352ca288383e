"""Section 3, Cache growth: applying one new entry to small and large caches, and loading one.

Three real SQLite caches are built once (in the run's temp dir) holding demo
blogs of 100, 1,000 and 10,000 entries. Each timed run then publishes one new
entry on the demo blog (untimed) and applies what the follower would apply
after it: page 1 as a snapshot, i.e. page 1's feed (the new entry and the nine
before it) plus the pinned post. The sizes are interleaved round by round.
Applying one entry must not cost more as the cache grows: the target is
apply-one at 10,000 ≤ 1.5× apply-one at 100.

Also measured, for information: the peak Python memory of that apply
(tracemalloc), the same apply of page 1 *as parsed* (whose key-events
carousel lists every key event of the blog, so it grows with the blog), and
loading the 10,000-entry blog against the floor of fetching its rows with
plain SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench.api import Context, Row, Target, Unit
from bench.stats import Subject, figure, peak_memory, ratio, time_interleaved

if TYPE_CHECKING:
    from liveread.cache import Cache
    from liveread.demo import DemoBlog
    from liveread.model import Blog, Entry, Snapshot

__all__ = ["APPLY_TARGET", "run"]

#: apply-one on the largest cache ÷ apply-one on the smallest must be at most this.
APPLY_TARGET = Target("ratio", "<=", 1.5, "≤ 1.5×")

_AJAX_URL = "http://127.0.0.1:8123"


class _Fixture:
    """One demo blog and the cache that holds it; publishes and applies one entry at a time."""

    def __init__(self, entries: int, path: Path) -> None:
        from liveread.cache import Cache
        from liveread.demo import DemoBlog

        self.size = entries
        self.path = path
        self.demo: DemoBlog = DemoBlog.synthetic(entries, seed=entries)
        self.cache: Cache = Cache(path)
        every = self.demo.entries_newest_first()
        self.cache.apply(self._blog(every, every))
        self.pending: Snapshot | None = None

    def _pinned(self) -> Entry:
        pin = self.demo.pinned_id
        assert pin is not None
        return self.demo.post(pin).entry.with_changes(pinned=True)

    def _blog(self, entries: Sequence[Entry], feed: Sequence[Entry]) -> Snapshot:
        """A first page of the demo blog carrying *entries*, whose own feed is *feed*."""
        from liveread.model import Pages, Snapshot, sort_newest_first

        pinned = self._pinned()
        merged = {e.id: e for e in entries} | {pinned.id: pinned}
        return Snapshot(
            url=self.demo.url,
            title=self.demo.title,
            standfirst=self.demo.story.standfirst,
            source="guardian",
            live=True,
            pages=Pages(1, self.demo.total_pages),
            entries=sort_newest_first(list(merged.values())),
            feed_ids=tuple(e.id for e in feed),
        )

    def publish_feed(self) -> None:
        """Publish one entry; make page 1's feed plus the pinned post the snapshot to apply."""
        self.demo.advance(1)
        feed = list(self.demo.entries_newest_first()[: self.demo.page_size])
        self.pending = self._blog(feed, feed)

    def publish_parsed(self) -> None:
        """Publish one entry; make page 1, rendered and parsed, the snapshot to apply."""
        import liveread
        from liveread.demo import render_page

        self.demo.advance(1)
        self.pending = liveread.parse(render_page(self.demo, 1, ajax_url=_AJAX_URL), self.demo.url)

    def apply(self) -> None:
        """Apply the pending snapshot; it must bring exactly one new entry."""
        assert self.pending is not None
        changes = self.cache.apply(self.pending)
        if len(changes.new) != 1:
            raise AssertionError(f"expected one new entry, got {len(changes.new)}")

    def load(self) -> Blog:
        """Load the whole cached blog."""
        return self.cache.load(self.demo.url)

    def raw_rows(self, db: sqlite3.Connection) -> int:
        """The floor of a load: the same two queries as Cache.load, rows fetched, no objects."""
        from liveread.cache._rows import ENTRY_COLUMNS

        blog_id = db.execute("SELECT id FROM blogs WHERE url = ?", (self.demo.url,)).fetchone()[0]
        revisions = db.execute(
            "SELECT entry_rowid, seen, title, text FROM revisions WHERE blog_id = ? ORDER BY id",
            (blog_id,),
        ).fetchall()
        entries = db.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE blog_id = ?"
            " ORDER BY published DESC, entry_id DESC",
            (blog_id,),
        ).fetchall()
        return len(revisions) + len(entries)

    def file_bytes(self) -> int:
        """The database's size on disk (with its WAL)."""
        wal = self.path.with_name(self.path.name + "-wal")
        return self.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _growth_rows(
    fixtures: list[_Fixture], runs: dict[str, list[float]], what: str, unit: Unit = "s"
) -> list[Row]:
    """One row per size; every size after the first is divided by the first."""
    smallest = figure(runs[str(fixtures[0].size)], unit)
    rows = []
    for index, fixture in enumerate(fixtures):
        value = figure(runs[str(fixture.size)], unit)
        label = f"{what} at {fixture.size:,}"
        if index == 0:
            rows.append(Row("cache", label, value))
            continue
        rows.append(
            Row(
                "cache",
                f"{label} ÷ at {fixtures[0].size:,}",
                value,
                smallest,
                ratio(value, smallest),
            )
        )
    return rows


def run(ctx: Context) -> list[Row]:
    """Measure section 3 and return its rows."""
    sizes = (100, 1_000) if ctx.quick else (100, 1_000, 10_000)
    fixtures = []
    for size in sizes:
        ctx.log(f"cache: building a cache of {size:,} entries")
        fixtures.append(_Fixture(size, ctx.workdir / f"cache-{size}.sqlite3"))
    try:
        return _measure(ctx, fixtures)
    finally:
        for fixture in fixtures:
            fixture.cache.close()


def _measure(ctx: Context, fixtures: list[_Fixture]) -> list[Row]:
    repeats = ctx.repeats(25, 3)
    ctx.log(f"cache: apply one entry, {repeats} runs per size, sizes interleaved")
    feed_runs = time_interleaved(
        [Subject(str(f.size), f.apply, f.publish_feed) for f in fixtures], repeats
    )
    rows = _growth_rows(fixtures, feed_runs, "apply 1 new entry")
    rows[-1].target = APPLY_TARGET
    first = rows[0]
    first.note = "applied: page 1 as a snapshot (the new entry, the 9 before it, the pinned post)"

    ctx.log("cache: peak memory of apply-one (tracemalloc)")
    memory = {
        str(f.size): peak_memory(f.apply, ctx.repeats(7, 2), f.publish_feed) for f in fixtures
    }
    rows += _growth_rows(fixtures, memory, "apply-one peak Python memory", "B")

    parsed_repeats = ctx.repeats(9, 2)
    ctx.log(f"cache: apply parsed page 1 (with carousel), {parsed_repeats} runs per size")
    parsed_runs = time_interleaved(
        [Subject(str(f.size), f.apply, f.publish_parsed) for f in fixtures], parsed_repeats
    )
    carried = {f.size: len(f.pending.entries) if f.pending else 0 for f in fixtures}
    parsed_rows = _growth_rows(fixtures, parsed_runs, "apply parsed page 1")
    for row, fixture in zip(parsed_rows, fixtures, strict=True):
        row.details["entries_carried"] = carried[fixture.size]
        row.note = f"page 1 as parsed carries {carried[fixture.size]} entries (carousel included)"
        rows.append(row)

    rows += _load_rows(ctx, fixtures[-1])
    for row in rows:
        row.details.setdefault("cache_entries", {f.size: len(f.demo) for f in fixtures})
    return rows


def _load_rows(ctx: Context, fixture: _Fixture) -> list[Row]:
    """Time and memory of loading the largest blog, against fetching its rows with plain SQL."""
    repeats = ctx.repeats(11, 2)
    ctx.log(f"cache: load the {len(fixture.demo):,}-entry blog, {repeats} runs")
    db = sqlite3.connect(fixture.path)
    try:
        runs = time_interleaved(
            [Subject("load", fixture.load), Subject("rows", lambda: fixture.raw_rows(db))],
            repeats,
        )
    finally:
        db.close()
    loaded, floor = figure(runs["load"]), figure(runs["rows"])
    peak = figure(peak_memory(fixture.load, ctx.repeats(3, 1)), "B")
    size = {"entries": len(fixture.demo), "file_bytes": fixture.file_bytes()}
    return [
        Row(
            "cache",
            f"load {len(fixture.demo):,} entries: liveread ÷ raw SQL rows",
            loaded,
            floor,
            ratio(loaded, floor),
            details=dict(size),
        ),
        Row(
            "cache",
            f"load {len(fixture.demo):,} entries: peak Python memory",
            peak,
            details=dict(size),
        ),
    ]
