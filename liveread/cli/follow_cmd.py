"""``liveread follow [URL ...]``: follow live blogs headless, one line per change.

Lines go to stdout as changes happen (flushed one by one, for pipes): text
by default (:func:`liveread.cli.textout.entry_line`; with several blogs each
line starts with the blog's short name in brackets), or with ``--jsonl`` one
JSON object a line::

    {"event": "new", "blog": "<blog URL>", "title": "<blog title>", "entry": {…}}

Events: ``new``, ``edited`` (the entry carries its revisions, the last one
current), ``removed`` (flagged removed upstream; kept in the cache) and
``flagged``: the entry's pin, key-event or summary flag changed while its
content did not (its JSON says which flags it now has). A new or edited
entry that matches watches of ``config.toml`` carries ``"watch": [names]``.
The first read of a blog (the whole history) reports every entry as ``new``,
oldest first; a blog already cached reports only what changed since. When a
blog ends, ``{"event": "ended", "blog": …, "title": …, "continues": …}`` is
printed once (``continues``: the live blog of the same site the ended one
names as its successor, or null) and that blog is no longer polled; the
others go on. With ``--continue`` the successor is followed next, in the
same way, and its own successor after it: the chain never leaves the site
(:func:`liveread.urls.continues_on_site`) nor comes back to a blog it has
followed.

Several URLs are followed in one process: one :class:`~liveread.follow.Follower`
per blog (each with its own schedule and back-off), one shared HTTP client.
With no URL, the ``follow`` list of ``config.toml`` is followed.

Alerts (watch matches, and new key events when asked) ring the bell (when
stderr is a terminal) and run the ``[notify]`` command, if the config has a
``[notify]`` table or ``--notify`` is given; never for a blog's history.

Everything else goes to stderr, one line each: the history's progress, each
network failure (with when the next try is), the return of the server, the
blog's end. SIGINT/SIGTERM stop after the write in progress (exit 0). Only a
page that is gone (404/410) or a first page that is not a live blog end a
blog's following with status 1 (the others go on).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TextIO

from liveread.alerts import Alert, Alerter, AlertRule, NotifySettings, Watches
from liveread.cache import Cache
from liveread.cli.streams import raw
from liveread.cli.textout import badges, entry_line
from liveread.errors import CacheError
from liveread.fetch import Fetcher
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
from liveread.naming import BlogName, short_names
from liveread.sources import blog_key
from liveread.urls import continues_on_site, user_url

__all__ = [
    "FollowJob",
    "LinePrinter",
    "cmd_follow",
    "follow_headless",
    "follow_many",
]

#: What the history read on first contact holds back, printed once it is complete.
_Held = tuple[str, str, Entry]


class LinePrinter:
    """Turn one blog's follow events into output lines (the ``on_event`` of a headless follower).

    The history read on first contact arrives newest page first; its changes
    are held back and printed oldest first once the history is complete (or
    interrupted).

    Args:
        jsonl: Print JSON lines instead of text.
        out: Where changes go (default stdout).
        err: Where progress and trouble go (default stderr).
        cache: Where the blog's title is read for each line (None: no ``title``).
        label: Put before each text line and each stderr line (several blogs).
        watches: The watches in force: lines of matching entries name them.
        alert: Called with the alerts a group of changes calls for (never for
            the blog's history, read before it first went live; a catch-up walk
            while following live is news and does alert); None: no alerts.
        key_events: Alert for new key events too.

    Attributes:
        stopped: The reason following stopped for good, or None.
        ended: The blog has ended.
        continues: The blog that continues it, once it ended naming one.

    """

    def __init__(
        self,
        *,
        jsonl: bool,
        out: TextIO | None = None,
        err: TextIO | None = None,
        cache: Cache | None = None,
        label: str | None = None,
        watches: Watches | None = None,
        alert: Callable[[list[Alert]], object] | None = None,
        key_events: bool = False,
    ) -> None:
        self.jsonl = jsonl
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.stopped: str | None = None
        self.ended = False
        self.continues: str | None = None
        self._options = {
            "jsonl": jsonl,
            "out": out,
            "err": err,
            "cache": cache,
            "label": label,
            "watches": watches,
            "alert": alert,
            "key_events": key_events,
        }
        self._cache = cache
        self._label = f"[{label}] " if label else ""
        self._watches = watches or Watches()
        self._alert = alert
        self._key_events = key_events
        self._held: list[_Held] = []
        self._failures = 0
        self._last_error: str | None = None
        self._progress_open = False
        self._leader: int | None = None
        self._blog_title: str | None = None  # as last known (from the cache, then events)
        self._rule = AlertRule()  # when this blog's changes alert: the TUI's rule too

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
            self.continues = event.continues
            if self.jsonl:
                record: dict[str, str | None] = {
                    "event": "ended",
                    "blog": event.url,
                    **self._title(event.url),
                    "continues": event.continues,
                }
                print(json.dumps(record, ensure_ascii=False), file=self.out, flush=True)
            then = f"; it continues at {event.continues}" if event.continues else ""
            self._say(f"the blog has ended; it is in the cache and no longer polled{then}")
        elif isinstance(event, Stopped):
            self.flush()
            self.stopped = event.reason

    def _title(self, url: str) -> dict[str, str]:
        """``{"title": …}`` for a JSON line (nothing without a cache to ask).

        The title the cache holds when the first line is written, then each
        new one as the follower's events bring it.
        """
        if self._cache is None:
            return {}
        if self._blog_title is None:
            try:
                summary = self._cache.summary(url)
            except CacheError:  # a storage hiccup must not cost the line itself
                return {"title": ""}
            self._blog_title = summary.title if summary is not None else ""
        return {"title": self._blog_title}

    # -- changes ---------------------------------------------------------------------

    def _applied(self, event: Applied) -> None:
        c = event.changes
        if c.title is not None:
            self._blog_title = c.title
        lines = [
            *(("new", e) for e in c.new),
            *(("edited", e) for e in c.edited),
            *(("removed", e) for e in c.removed),
            *(("flagged", e) for e in c.reflagged),
        ]
        origin = event.origin
        if origin == "backfill":
            self._held.extend((kind, event.url, entry) for kind, entry in lines)
            if not self._rule.news(origin):
                return  # the blog's history: never an alert
        else:
            self.flush()
        title = self._title(event.url)
        if event.origin != "backfill":
            for kind, entry in lines:
                self._line(kind, event.url, entry, title)
        if self._alert is not None:
            found = self._rule.alerts(
                c,
                origin,
                blog=self._name(event.url, title.get("title", "")),
                watches=self._watches,
                key_events=self._key_events,
            )
            if found:
                self._alert(found)

    def _name(self, url: str, title: str) -> BlogName:
        """What the blog is called by in an alert: its outlet (the cache's site name) and title."""
        site_name = ""
        if self._cache is not None:
            with contextlib.suppress(CacheError):
                summary = self._cache.summary(url)
                site_name = summary.site_name if summary is not None else ""
        return BlogName(url, title, site_name)

    def flush(self) -> None:
        """Print the held-back history: new entries oldest first, then other changes."""
        if not self._held:
            return
        held, self._held = self._held, []
        self._end_progress()
        title = self._title(held[0][1])
        news = sorted((h for h in held if h[0] == "new"), key=lambda h: (h[2].published, h[2].id))
        for kind, url, entry in news + [h for h in held if h[0] != "new"]:
            self._line(kind, url, entry, title)

    def _line(self, kind: str, url: str, entry: Entry, title: dict[str, str]) -> None:
        names = self._watches.matching(entry, url) if kind in ("new", "edited") else ()
        if self.jsonl:
            record: dict[str, Any] = {"event": kind, "blog": url, **title, "entry": entry.to_dict()}
            if names:
                record["watch"] = list(names)
            text = json.dumps(record, ensure_ascii=False)
        else:
            text = self._label + entry_line(entry, kind)
            if kind == "flagged":
                text += "  (" + (", ".join(badges(entry)).lower() or "no flags") + ")"
            if names:
                text += "  [watch: " + ", ".join(names) + "]"
        print(text, file=self.out, flush=True)

    # -- stderr ----------------------------------------------------------------------

    def _progress(self, event: BackfillProgress) -> None:
        total = f" of {event.pages_total}" if event.pages_total else ""
        text = f"liveread: {self._label}reading the blog's history: page {event.pages_done}{total}"
        if _is_tty(self.err) and not self._label:
            raw(self.err).write("\r")  # liveread's own control: back to the line's start
            print(text, end="", file=self.err, flush=True)
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
        self._rule.saw_state(status.state)
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
        print(f"liveread: {self._label}{text}", file=self.err, flush=True)

    def successor(self) -> LinePrinter:
        """A printer like this one for the blog that continues this one (``--continue``)."""
        return LinePrinter(**self._options)  # type: ignore[arg-type]

    def say(self, text: str) -> None:
        """Say one line on stderr, as this blog's lines are."""
        self._say(text)

    def say_stopped(self) -> None:
        """Say why following stopped for good (at the end of the command), if it did."""
        if self.stopped is not None:
            self._say(self.stopped)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class FollowJob:
    """One blog to follow headless.

    Attributes:
        url: The blog's URL, as the user gave it (made absolute).
        settings: Its intervals and floors.
        printer: Its lines.
        chain: Follow the blog that continues it when it ends (``--continue``).

    """

    url: str
    settings: FollowSettings
    printer: LinePrinter
    chain: bool = False


class _Chains:
    """Each job's follower and printers, down its chain of blogs (one blog without ``chain``)."""

    def __init__(self, jobs: Sequence[FollowJob], cache: Cache, client: Fetcher) -> None:
        self.jobs = jobs
        self.cache = cache
        self.client = client
        self.followers = [self._follower(job.url, job, job.printer) for job in jobs]
        self.printers = [[job.printer] for job in jobs]
        self.signalled = False

    def _follower(self, url: str, job: FollowJob, printer: LinePrinter) -> Follower:
        return Follower(
            url, self.cache, settings=job.settings, on_event=printer, fetcher=self.client
        )

    def stop_all(self) -> None:
        self.signalled = True
        for follower in self.followers:
            follower.stop()

    async def run(self, index: int) -> None:
        """Follow a job's blog, then, with ``chain``, each blog that continues the last."""
        job, seen = self.jobs[index], set()
        while True:
            follower, printer = self.followers[index], self.printers[index][-1]
            seen.add(follower.url)
            await follower.run()
            after = printer.continues
            if not (job.chain and printer.ended and after) or self.signalled:
                return
            if not continues_on_site(after, follower.url) or blog_key(after) in seen:
                printer.say(f"not following {after}: it leaves the site, or comes back")
                return
            printer.say(f"following the blog that continues it: {after}")
            nxt = printer.successor()
            self.printers[index].append(nxt)
            self.followers[index] = self._follower(after, job, nxt)

    def flush(self) -> None:
        for chain in self.printers:
            for printer in chain:
                printer.flush()

    def status(self) -> int:
        """Say why blogs stopped; 1 when one stopped for good (gone, not a live blog), else 0."""
        for job, follower, chain in zip(self.jobs, self.followers, self.printers, strict=True):
            last = chain[-1]
            if job.settings.once and not self.signalled and last.stopped is None:
                _check_stored(last, follower)
            for printer in chain:
                printer.say_stopped()
        return 1 if any(p.stopped is not None for chain in self.printers for p in chain) else 0


async def follow_many(
    jobs: Sequence[FollowJob],
    cache: Cache,
    *,
    alerter: Alerter | None = None,
    fetcher: Fetcher | None = None,
    stop_asked: Callable[[], bool] | None = None,
) -> int:
    """Follow every blog of *jobs* until a signal, their ends or ``once``; the exit status.

    One :class:`Follower` task per blog, one HTTP client for all (*fetcher*,
    or a new one closed at the end). A blog that ends or is gone stops its
    own follower only (a job with ``chain`` goes on with the blog that
    continues it). SIGINT and SIGTERM stop them all after their current
    write. Exit status: 1 when a blog stopped for good (gone, or not a live
    blog), else 0.
    """
    client = fetcher or Fetcher(keepalive=max(20, len(jobs)))
    chains = _Chains(jobs, cache, client)
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, chains.stop_all)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(chains.stop_all))
    if stop_asked is not None and stop_asked():
        chains.stop_all()  # a signal came while the command was starting: stop at once, cleanly
    tasks = [asyncio.ensure_future(chains.run(i)) for i in range(len(jobs))]
    try:
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        if pending:  # a follower crashed (a bug): stop the others, then say it
            chains.stop_all()
            await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            task.result()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
        chains.flush()
        if alerter is not None:
            await alerter.aclose()
        if fetcher is None:
            await client.aclose()
    return chains.status()


def _check_stored(printer: LinePrinter, follower: Follower) -> None:
    """A ``--once`` run that neither read the blog nor left it to another liveread failed.

    That is a cache that could not be written (locked past the busy timeout,
    read-only): the follower could not take the blog's lease, so it asked
    nothing and stored nothing. A full disk fails later, when a page is
    stored, and gives up on its own.
    """
    status = follower.status
    if status.last_success is None and status.leader is None:
        printer.stopped = f"nothing was stored: {status.last_error or 'the blog was not read'}"


async def follow_headless(
    url: str, cache: Cache, settings: FollowSettings, printer: LinePrinter
) -> int:
    """Follow one blog (see :func:`follow_many`); return the exit status."""
    return await follow_many([FollowJob(url, settings, printer)], cache)


def _labels(urls: Sequence[str], cache: Cache) -> dict[str, str]:
    """Each blog's label on its lines: the name its tab has in the TUI (by outlet)."""
    blogs = []
    for url in urls:
        summary = None
        with contextlib.suppress(CacheError):
            summary = cache.summary(blog_key(url))
        if summary is None:
            blogs.append(BlogName(url))
        else:
            blogs.append(BlogName(url, summary.title, summary.site_name))
    return dict(zip(urls, short_names(blogs), strict=True))


def _notify_settings(given: NotifySettings, asked: bool) -> NotifySettings | None:
    """What headless alerts do: the config's ``[notify]``, or ``--notify``; None: no alerts."""
    if not (given.enabled or asked):
        return None
    if not given.enabled:  # --notify without [notify]: watches and key events, the bell
        given = replace(given, key_events=True, enabled=True)
    return replace(given, desktop=False)  # OSC notifications are the TUI's


def _terminal(stream: TextIO) -> Callable[[str], object] | None:
    """A writer for the bell on *stream*, when it is a terminal (never into a log file)."""
    if not _is_tty(stream):
        return None
    beneath = raw(stream)  # the bell is liveread's own control, written as it is

    def write(text: str) -> None:
        beneath.write(text)
        beneath.flush()

    return write


def cmd_follow(args: argparse.Namespace) -> int:
    """``liveread follow [URL ...] [--jsonl] [--interval S] [--once] [--continue] [--notify]``."""
    # Until the event loop takes the signals over, a SIGTERM or SIGINT is
    # remembered, not fatal: the command then stops cleanly (exit 0) at once.
    asked: list[int] = []
    before = {
        sig: signal.signal(sig, lambda number, _frame: asked.append(number))
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        return _follow_command(args, lambda: bool(asked))
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _follow_command(args: argparse.Namespace, asked: Callable[[], bool]) -> int:
    """The command itself, once early signals are caught (see :func:`cmd_follow`)."""
    from liveread.cli.headless import load_user_settings, open_cache
    from liveread.errors import UsageError

    config = load_user_settings()
    given = list(args.urls) or list(config.follow)
    if not given:
        raise UsageError(
            "no URL given, and config.toml's follow list is empty: "
            "pass URLs, or add blogs with the library's `a`"
        )
    urls = list(dict.fromkeys(user_url(u) for u in given))  # BadURL: one line, exit 2
    notify = _notify_settings(config.notify, bool(args.notify))
    watches = Watches(config.watches)
    warned: set[str] = set()
    cache = open_cache()
    try:
        names = _labels(urls, cache) if len(urls) > 1 else {}
        alerter = None
        if notify is not None:
            alerter = Alerter(
                notify,
                terminal=_terminal(sys.stderr),
                report=lambda line: print(f"liveread: {line}", file=sys.stderr, flush=True),
            )
        jobs = []
        for url in urls:
            settings = FollowSettings.for_url(
                url,
                args.interval,
                args.refresh,
                args.once,
                give_up_after=args.give_up_after,
                max_interval=args.max_interval,
            )
            if settings.warning and settings.warning not in warned:
                warned.add(settings.warning)
                print(f"liveread: {settings.warning}", file=sys.stderr, flush=True)
            printer = LinePrinter(
                jsonl=args.jsonl,
                cache=cache,
                label=names.get(url),
                watches=watches,
                alert=alerter.send if alerter is not None else None,
                key_events=notify.key_events if notify is not None else False,
            )
            jobs.append(FollowJob(url, settings, printer, chain=bool(args.chain)))
        return asyncio.run(_run(jobs, cache, alerter, asked))
    finally:
        cache.close()


async def _run(
    jobs: list[FollowJob], cache: Cache, alerter: Alerter | None, asked: Callable[[], bool]
) -> int:
    return await follow_many(jobs, cache, alerter=alerter, stop_asked=asked)
