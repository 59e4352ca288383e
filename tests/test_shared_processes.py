"""Several real ``liveread follow`` processes on one cache: one polls, all report, kill -9 anywhere.

The demo server runs in the test process; each follower is a subprocess with
its own connection to the one cache file, as a user's panes would be. A
follower's stdout (JSON lines) is read by a thread, so the test can wait for
a line without blocking.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from tests.demo_fixtures import STEADY

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
MakeServer = Callable[..., DemoServer]


class Follow:
    """One ``liveread follow URL --jsonl`` subprocess, its lines gathered as they come."""

    def __init__(self, url: str, *extra: str) -> None:
        command = [sys.executable, "-m", "liveread", "follow", url, "--jsonl"]
        self.proc = subprocess.Popen(
            [*command, "--interval", "0.5", "--refresh", "1", *STEADY, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict[str, object]] = []
        self.errors: list[str] = []
        self._threads = [
            threading.Thread(target=self._read, args=(self.proc.stdout, True), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, False), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read(self, stream: object, out: bool) -> None:
        for line in stream:  # type: ignore[attr-defined]
            if out:
                self.lines.append(json.loads(line))
            else:
                self.errors.append(line.rstrip("\n"))

    def new_ids(self) -> list[str]:
        return [str(r["entry"]["id"]) for r in self.lines if r["event"] == "new"]  # type: ignore[index]

    def said(self, words: str) -> bool:
        return any(words in line for line in self.errors)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=20)
        for thread in self._threads:
            thread.join(timeout=5)
        return code


def wait(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def publish(server: DemoServer, title: str) -> str:
    def act(blog: DemoBlog) -> str:
        at = blog.now + timedelta(minutes=1)
        return blog.publish(blog.new_entry(title, f"{title}.", at=at)).id

    return server.change(act)


def test_two_followers_one_poller_both_report_and_the_other_takes_over(
    demo_server: DemoServer, isolated_home: Path
) -> None:
    first = Follow(demo_server.url)
    everyone = [first]
    try:
        history = len(demo_server.blog.entries_newest_first())
        wait(lambda: len(first.new_ids()) == history, "the first follower's history")
        second = Follow(demo_server.url)
        everyone.append(second)
        wait(lambda: second.said(f"pid {first.proc.pid}"), "the second to follow through the first")

        # Only the first polls: stopped (SIGSTOP), the site hears from nobody.
        first.proc.send_signal(signal.SIGSTOP)
        time.sleep(0.3)
        demo_server.stats.reset()
        time.sleep(2.5)
        assert demo_server.stats.requests == 0, demo_server.stats.log
        first.proc.send_signal(signal.SIGCONT)

        news = publish(demo_server, "Seen by both panes")
        wait(lambda: news in first.new_ids() and news in second.new_ids(), "the entry in both")

        first.kill()  # the holder dies mid-follow: the second takes over
        wait(lambda: second.said("polling the site from here"), "the takeover", timeout=10)
        demo_server.stats.reset()
        later = publish(demo_server, "After the takeover")
        wait(lambda: later in second.new_ids(), "entries to keep arriving")
        assert demo_server.stats.requests > 0
        assert second.stop() == 0
        # Each change once in each stream, whoever polled.
        for follow in (first, second):
            ids = follow.new_ids()
            assert len(ids) == len(set(ids)), ids
        assert second.new_ids() == [news, later]
    finally:
        for follow in everyone:
            if follow.proc.poll() is None:
                follow.kill()


def test_kill_9_of_the_holder_again_and_again_converges_with_no_gap(
    make_demo_server: MakeServer, isolated_home: Path
) -> None:
    server = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(400, base_url=url))
    rng = random.Random(99)
    db = isolated_home / "cache.sqlite3"
    holder = Follow(server.url)
    wait(lambda: holder.lines or holder.errors, "the first holder to start")
    reader = Follow(server.url)
    everyone = [holder, reader]
    try:
        wait(lambda: reader.said("following through another liveread"), "the reader")
        with sqlite3.connect(db) as conn:  # the reader's cursor is at most this
            since = conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
        for round_ in range(5):
            time.sleep(rng.uniform(0.05, 0.6))  # somewhere in a walk, a poll or an apply
            publish(server, f"Round {round_}")
            holder.kill()
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            holder = Follow(server.url)  # a new pane; the reader may have taken over meanwhile
            everyone.append(holder)
        live = {e.id for e in server.blog.entries_newest_first()}
        with Cache(db) as cache:
            wait(lambda: {e.id for e in cache.load(server.url).entries} >= live, "convergence")
            logged = cache.changes_after(since, server.url)
        firsts = {c.entry.id for c in logged if c.kind == "new" and c.entry is not None}
        wait(lambda: set(reader.new_ids()) >= firsts, "the reader to catch up")
        # The last pane may still be importing; a SIGTERM before it says anything
        # would kill the interpreter, not stop a follower.
        wait(lambda: holder.lines or holder.errors, "the last pane to start")
        codes = (holder.stop(), reader.stop())
        assert codes == (0, 0), (codes, holder.errors, reader.errors)
        seqs = [c.seq for c in logged]
        assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
        ids = reader.new_ids()
        assert len(ids) == len(set(ids))  # nothing twice
        with Cache(db) as cache:
            cached = cache.load(server.url)
        assert {e.id for e in cached.entries if not e.removed} == live
        assert len(cached.entries) == len(live)
    finally:
        for follow in everyone:
            if follow.proc.poll() is None:
                follow.kill()
        assert os.path.exists(db)
