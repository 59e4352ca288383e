"""``liveread follow URL``: follow a live blog headless, one line per change.

Lines go to stdout as changes happen (flushed one by one, for pipes): text
by default (:func:`liveread.cli.textout.entry_line`), or with ``--jsonl`` one JSON
object a line::

    {"event": "new", "blog": "<blog URL>", "entry": {…the entry's JSON…}}

Events: ``new``, ``edited`` (the entry carries its revisions, the last one
current), ``removed`` (flagged removed upstream; kept in the cache) and
``flagged``: the entry's pin, key-event or summary flag changed while its
content did not (its JSON says which flags it now has). The first read of a
blog (the whole history) reports every entry as ``new``, oldest first; a
blog already cached reports only what changed since.

Everything else goes to stderr, one line each: the history's progress, each
network failure (with when the next try is), the return of the server, the
blog's end. SIGINT/SIGTERM stop after the write in progress (exit 0). Only a
page that is gone (404/410) or a first page that is not a live blog end the
command with status 1. No Textual here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from typing import TextIO

from liveread.cache import Cache
from liveread.cli.textout import badges, entry_line
from liveread.follow import (
    Applied,
    BackfillProgress,
    Ended,
    Follower,
    FollowEvent,
    FollowSettings,
    StatusChanged,
    Stopped,
)
from liveread.model import Entry
from liveread.urls import user_url

__all__ = ["LinePrinter", "cmd_follow", "follow_headless"]


class LinePrinter:
    """Turn follow events into output lines (the ``on_event`` of a headless follower).

    The history read on first contact arrives newest page first; its changes
    are held back and printed oldest first once the history is complete (or
    interrupted).

    Args:
        jsonl: Print JSON lines instead of text.
        out: Where changes go (default stdout).
        err: Where progress and trouble go (default stderr).

    Attributes:
        stopped: The reason following stopped for good, or None.
        ended: The blog has ended.

    """

    def __init__(
        self, *, jsonl: bool, out: TextIO | None = None, err: TextIO | None = None
    ) -> None:
        self.jsonl = jsonl
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.stopped: str | None = None
        self.ended = False
        self._held: list[tuple[str, str, Entry]] = []
        self._failures = 0
        self._last_error: str | None = None
        self._progress_open = False
        self._leader: int | None = None

    def __call__(self, event: FollowEvent) -> None:
        """Handle one event."""
        if isinstance(event, Applied):
            self._applied(event)
        elif isinstance(event, BackfillProgress):
            self._progress(event)
        elif isinstance(event, StatusChanged):
            self._status(event)
        elif isinstance(event, Ended):
            self.flush()
            self.ended = True
            self._say("the blog has ended; it is in the cache and no longer polled")
        elif isinstance(event, Stopped):
            self.flush()
            self.stopped = event.reason

    # -- changes ---------------------------------------------------------------------

    def _applied(self, event: Applied) -> None:
        c = event.changes
        lines = [
            *(("new", e) for e in c.new),
            *(("edited", e) for e in c.edited),
            *(("removed", e) for e in c.removed),
            *(("flagged", e) for e in c.reflagged),
        ]
        if event.origin == "backfill":
            self._held.extend((kind, event.url, entry) for kind, entry in lines)
            return
        self.flush()
        for kind, entry in lines:
            self._line(kind, event.url, entry)

    def flush(self) -> None:
        """Print the held-back history: new entries oldest first, then other changes."""
        if not self._held:
            return
        held, self._held = self._held, []
        self._end_progress()
        news = sorted((h for h in held if h[0] == "new"), key=lambda h: (h[2].published, h[2].id))
        for kind, url, entry in news + [h for h in held if h[0] != "new"]:
            self._line(kind, url, entry)

    def _line(self, kind: str, url: str, entry: Entry) -> None:
        if self.jsonl:
            record = {"event": kind, "blog": url, "entry": entry.to_dict()}
            text = json.dumps(record, ensure_ascii=False)
        else:
            text = entry_line(entry, kind)
            if kind == "flagged":
                text += "  (" + (", ".join(badges(entry)).lower() or "no flags") + ")"
        print(text, file=self.out, flush=True)

    # -- stderr ----------------------------------------------------------------------

    def _progress(self, event: BackfillProgress) -> None:
        total = f" of {event.pages_total}" if event.pages_total else ""
        text = f"liveread: reading the blog's history: page {event.pages_done}{total}"
        if _is_tty(self.err):
            print("\r" + text, end="", file=self.err, flush=True)
            self._progress_open = True
        else:
            print(text, file=self.err, flush=True)

    def _end_progress(self) -> None:
        if self._progress_open:
            print(file=self.err, flush=True)
            self._progress_open = False

    def _status(self, event: StatusChanged) -> None:
        status = event.status
        if status.state not in ("connecting", "backfilling"):
            self.flush()
        if status.leader != self._leader:
            if status.leader is not None:
                self._say(f"following through another liveread, pid {status.leader}")
            elif self._leader is not None:
                self._say("the other liveread stopped: polling the site from here")
            self._leader = status.leader
        if status.failures > self._failures and status.last_error:
            self._say(status.last_error)  # one line per failed attempt
        elif status.failures == 0 and self._failures > 0 and status.last_success:
            self._say("the server answers again")
        elif (
            status.last_error
            and status.last_error != self._last_error
            and not status.failures
            and status.state != "stopped"
        ):
            self._say(status.last_error)  # worked around, not retried
        self._failures = status.failures
        self._last_error = status.last_error

    def _say(self, text: str) -> None:
        self._end_progress()
        print(f"liveread: {text}", file=self.err, flush=True)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


async def follow_headless(
    url: str, cache: Cache, settings: FollowSettings, printer: LinePrinter
) -> int:
    """Follow *url* until a signal, the blog's end or ``once``; return the exit status.

    SIGINT and SIGTERM make the follower stop after its current write.
    """
    follower = Follower(url, cache, settings=settings, on_event=printer)
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, follower.stop)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(follower.stop))
    try:
        await follower.run()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
        printer.flush()
    if printer.stopped is not None:
        print(f"liveread: {printer.stopped}", file=printer.err, flush=True)
        return 1
    return 0


def cmd_follow(args: argparse.Namespace) -> int:
    """``liveread follow URL [--jsonl] [--interval S] [--refresh S] [--once]``."""
    from liveread.cli.headless import open_cache

    url = user_url(args.url)
    settings = FollowSettings.for_url(
        url,
        args.interval,
        args.refresh,
        args.once,
        give_up_after=args.give_up_after,
        max_interval=args.max_interval,
    )
    if settings.warning:
        print(f"liveread: {settings.warning}", file=sys.stderr, flush=True)
    cache = open_cache()
    try:
        return asyncio.run(follow_headless(url, cache, settings, LinePrinter(jsonl=args.jsonl)))
    finally:
        cache.close()
