"""kill -9 of ``liveread follow`` while it writes, again and again, then a restart.

A real ``liveread follow`` subprocess reads a 900-entry demo blog (90 pages)
from the demo server; it is SIGKILLed at random moments of its history walk
(right after it reports a page, while the next is being fetched, parsed and
written), the blog grows between runs, and after the last kill one more run
must leave a cache that passes SQLite's integrity check and holds the whole
blog: the walk resumed where each kill left it.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from liveread.model import FollowState
from tests.demo_fixtures import STEADY

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ENTRIES = 900
KILLS = 5


def publish(server: DemoServer, n: int) -> None:
    def act(blog: DemoBlog) -> None:
        for i in range(n):
            at = blog.now + timedelta(minutes=1)
            blog.publish(blog.new_entry(f"Between runs {len(blog)}", f"Entry {i}.", at=at))

    server.change(act)


def test_kill_9_during_writes_then_restart_converges(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path
) -> None:
    server = make_demo_server(
        blog_factory=lambda url: DemoBlog.synthetic(ENTRIES, base_url=url, seed=9)
    )
    rng = random.Random(2024)
    command = [sys.executable, "-m", "liveread", "follow", server.url, "--interval", "0.5", *STEADY]
    db = isolated_home / "cache.sqlite3"
    pages_seen = []
    stored = [0]
    for _ in range(KILLS):
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        assert proc.stderr is not None
        want = rng.randint(1, 6)  # pages of this run's walk before the kill
        seen = 0
        for line in proc.stderr:
            if "reading the blog's history: page" in line:
                seen += 1
                if seen >= want:
                    time.sleep(rng.uniform(0, 0.03))  # somewhere in the next fetch/parse/write
                    break
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
        pages_seen.append(seen)
        with sqlite3.connect(db) as conn:  # as the next liveread finds it
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
            (value,) = conn.execute("SELECT value FROM follow_state").fetchone()
        walk = FollowState.from_json(value)
        assert count > stored[-1] and "page=with:block-" in (walk.walk_next or "")
        stored.append(count)  # each run took the walk further
        publish(server, rng.randint(0, 4))

    assert sum(pages_seen) >= KILLS  # every kill landed inside the walk
    final = subprocess.run([*command, "--once"], capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr[-2000:]

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Cache(db) as cache:
        cached = cache.load(server.url)
        state = cache.follow_state(server.url)
    live = {e.id for e in server.blog.entries_newest_first()}
    assert {e.id for e in cached.entries if not e.removed} == live
    assert len(cached.entries) == len(live)  # nothing twice, nothing extra
    assert state.walk_done and state.walk_next is None
