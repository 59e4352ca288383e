"""Section 8, Feeds: ``liveread serve`` answering for the 5,000-entry blog.

A real cache holds the demo's synthetic 5,000-entry blog; a real
:class:`~liveread.serve.FeedServer` serves it on loopback from a thread of
this process, with its own connection to the cache, as ``liveread serve``
does. Every request is a new HTTP connection (``http.client``), as a feed
reader polling once a minute makes. Measured, each against a baseline
timed in the same rounds:

- **the feed after a change**: a second connection edits one entry
  (untimed), then the Atom feed is fetched: the server reads the blog and
  builds the document. Baseline: the same bytes from the standard library's
  static file server (``SimpleHTTPRequestHandler``), the least any server
  could do;
- **the feed unchanged**: the same request again (served from memory) ÷ the
  static file;
- **a 304**: the reader's usual poll (If-None-Match with the ETag it holds)
  ÷ the static file server's 304 (If-Modified-Since): whether a poll of an
  unchanged feed costs anything beyond HTTP itself; and ÷ the full
  unchanged feed, what conditional GET saves;
- **a 304 while a follower polls**: the same, after another connection
  committed a fetch that changed nothing (SQLite's data_version moved, so
  the server asks the change log) ÷ the plain 304.

``--quick`` uses 500 entries and three runs.
"""

from __future__ import annotations

import functools
import http.client
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from bench.api import Context, Row, Target
from bench.stats import Subject, figure, ratio, time_interleaved

if TYPE_CHECKING:
    from liveread.cache import Cache

__all__ = ["NOT_MODIFIED_TARGET", "run"]

#: A poll of an unchanged feed costs what a static file server's 304 costs, near enough.
NOT_MODIFIED_TARGET = Target("ratio", "<=", 1.5, "≤ 1.5×")

_S = "feeds"


class _Quiet(SimpleHTTPRequestHandler):
    """The static baseline: the standard library's file server, without its request log."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, int]:
    """One request on a new connection: status, ETag (or Last-Modified), body length."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        tag = response.getheader("ETag") or response.getheader("Last-Modified") or ""
        return response.status, tag, len(body)
    finally:
        conn.close()


def _expect(status: int) -> Callable[[tuple[int, str, int]], None]:
    def check(answer: tuple[int, str, int]) -> None:
        if answer[0] != status:
            raise AssertionError(f"expected HTTP {status}, got {answer[0]}")

    return check


class _Fixture:
    """The cache, the feed server over it, a writer beside it, and the static baseline."""

    def __init__(self, ctx: Context, size: int) -> None:
        from liveread.cache import Cache
        from liveread.demo import DemoBlog
        from liveread.model import Pages, Snapshot
        from liveread.serve import FeedBook, FeedServer, blog_path, feed_name

        path = ctx.workdir / "cache.sqlite3"
        self.demo = DemoBlog.synthetic(size, seed=size)
        every = self.demo.entries_newest_first()
        self.snapshot = Snapshot(
            url=self.demo.url,
            source="guardian",
            entries=every,
            title=self.demo.title,
            live=True,
            pages=Pages(1, 1),
            feed_ids=tuple(e.id for e in every),
        )
        self.writer: Cache = Cache(path)
        self.writer.apply(self.snapshot)
        self.reader: Cache = Cache(path)
        self.book = FeedBook(
            self.reader, merged_id="urn:uuid:bench", now=lambda: datetime.now(timezone.utc)
        )
        self.server = FeedServer(self.book, "127.0.0.1", 0)
        self.port = self.server.server_address[1]
        self.path = blog_path(feed_name(self.demo.url), "atom")
        self.edits = 0
        self.etag = ""
        self.static_modified = ""
        static_dir = ctx.workdir / "static"
        static_dir.mkdir()
        (static_dir / "feed.atom").write_bytes(self._body())
        handler = functools.partial(_Quiet, directory=str(static_dir))
        self.static = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.size = len((static_dir / "feed.atom").read_bytes())
        for served in (self.server, self.static):
            threading.Thread(target=served.serve_forever, daemon=True).start()

    def _body(self) -> bytes:
        from liveread.serve import route

        wanted = route(self.path)
        assert wanted is not None
        doc = self.book.get(wanted, f"http://127.0.0.1:{self.port}")
        assert doc is not None
        return doc.body

    def edit(self) -> None:
        """Edit the newest entry from the other connection: the feed's version moves."""
        from liveread.model import Block

        self.edits += 1
        newest = self.snapshot.entries[0]
        edited = newest.with_changes(body=(Block("paragraph", f"Edited {self.edits} times."),))
        self.writer.apply(replace(self.snapshot, entries=(edited,), feed_ids=(), kind="update"))
        self.etag = ""

    def commit_nothing(self) -> None:
        """What a follower's poll that found nothing new writes: data_version moves, no change."""
        self.writer.record_fetch(self.demo.url, ok=True)

    def feed(self) -> None:
        status, etag, _ = _get(self.port, self.path)
        _expect(200)((status, etag, 0))
        self.etag = etag

    def not_modified(self) -> None:
        _expect(304)(_get(self.port, self.path, {"If-None-Match": self.etag}))

    def static_file(self) -> None:
        _expect(200)(_get(self.static.server_address[1], "/feed.atom"))

    def static_not_modified(self) -> None:
        if not self.static_modified:
            self.static_modified = _get(self.static.server_address[1], "/feed.atom")[1]
        since = {"If-Modified-Since": self.static_modified}
        _expect(304)(_get(self.static.server_address[1], "/feed.atom", since))

    def close(self) -> None:
        for server in (self.server, self.static):
            server.shutdown()
            server.server_close()
        self.reader.close()
        self.writer.close()


def run(ctx: Context) -> list[Row]:
    """Measure section 8 and return its rows."""
    size = 500 if ctx.quick else 5_000
    ctx.log(f"feeds: building a cache of {size:,} entries and serving it")
    fixture = _Fixture(ctx, size)
    try:
        return _measure(ctx, fixture, size)
    finally:
        fixture.close()


def _measure(ctx: Context, f: _Fixture, size: int) -> list[Row]:
    details = {"entries": size, "feed_bytes": f.size}
    repeats = ctx.repeats(15, 3)
    ctx.log(f"feeds: the feed after a change against a static file, {repeats} runs")
    changed = time_interleaved(
        [Subject("changed", f.feed, f.edit), Subject("static", f.static_file)], repeats
    )
    repeats = ctx.repeats(51, 3)
    ctx.log(f"feeds: unchanged feed, static file and 304, {repeats} runs")
    f.feed()  # the version after the last edit, built and held
    steady = time_interleaved(
        [
            Subject("unchanged", f.feed),
            Subject("static", f.static_file),
            Subject("304", f.not_modified),
            Subject("static 304", f.static_not_modified),
            Subject("304 after a commit", f.not_modified, f.commit_nothing),
        ],
        repeats,
    )
    built = figure(changed["changed"])
    static_changed = figure(changed["static"])
    unchanged, static = figure(steady["unchanged"]), figure(steady["static"])
    not_modified, static_304 = figure(steady["304"]), figure(steady["static 304"])
    after_commit = figure(steady["304 after a commit"])
    name = f"{size:,}-entry blog"
    return [
        Row(
            _S,
            f"{name}: Atom feed after a change, liveread serve ÷ static file",
            built,
            static_changed,
            ratio(built, static_changed),
            note=f"the feed is {f.size:,} bytes; after a change it is rebuilt from the cache",
            details=dict(details),
        ),
        Row(
            _S,
            f"{name}: Atom feed unchanged, liveread serve ÷ static file",
            unchanged,
            static,
            ratio(unchanged, static),
            details=dict(details),
        ),
        Row(
            _S,
            f"{name}: 304 (If-None-Match), liveread serve ÷ static file's 304",
            not_modified,
            static_304,
            ratio(not_modified, static_304),
            target=NOT_MODIFIED_TARGET,
            details=dict(details),
        ),
        Row(
            _S,
            f"{name}: 304 ÷ the unchanged feed, both liveread serve",
            not_modified,
            unchanged,
            ratio(not_modified, unchanged),
            note="over loopback a new connection and HTTP parsing cost about as much as "
            "sending the feed; across a network the feed's bytes are what a 304 saves",
            details=dict(details),
        ),
        Row(
            _S,
            f"{name}: 304 after another process committed ÷ plain 304",
            after_commit,
            not_modified,
            ratio(after_commit, not_modified),
            note="a follower's poll that found nothing commits; the server then asks the "
            "change log and builds nothing",
            details=dict(details, builds=f.book.builds),
        ),
    ]
