"""kill -9 during writes: the cache holds the previous complete state or the next, never half.

A real child process applies a 3,000-entry blog to one file in a loop, every
round editing every entry and storing the round number as follow state in
the same apply. The parent SIGKILLs it at random moments inside an apply,
then checks the file as the next liveread would find it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liveread.cache import Cache

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

URL = "https://news.example.org/world/live/2031/mar/04/harbour-strike-latest"
ENTRIES = 3000
KILLS = 6

# The child: announce each round on stdout just before applying it.
CHILD = """
import sys
from datetime import datetime, timedelta, timezone
from liveread.cache import Cache
from liveread.model import Block, Entry, FollowState, Pages, Snapshot

path, count, url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t0 = datetime(2031, 3, 4, 9, 0, tzinfo=timezone.utc)
cache = Cache(path)
done = int(cache.follow_state(url).cursor or "0")
while True:
    done += 1
    entries = tuple(
        Entry(
            id=f"{n:024x}",
            published=t0 + timedelta(seconds=count - n),
            updated=None,
            title=f"Update {n}",
            body=(Block("paragraph", f"round {done}: pier {n} " + "cranes idle " * 20),),
            url=f"{url}#block-{n:024x}",
        )
        for n in range(count)
    )
    blog = Snapshot(url, "test", entries, title="Harbour strike", live=True, pages=Pages(1, 1),
                    feed_ids=tuple(e.id for e in entries))
    print("begin", done, flush=True)
    # The round is kept as the (opaque) update cursor of the follow state.
    cache.apply(blog, state=FollowState(cursor=str(done)))
    print("end", done, flush=True)
"""


def _check(path: Path) -> int:
    """Check the file after a kill; return the round it holds."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        db.close()
    with Cache(path) as cache:
        assert cache.recovered_from is None
        held = int(cache.follow_state(URL).cursor or "0")
        if held == 0:
            assert not cache.has(URL) or not cache.load(URL).entries
            return 0
        blog = cache.load(URL)
        assert len(blog.entries) == ENTRIES
        for entry in blog.entries:
            # All-or-nothing: every entry is at the round the state says, with
            # one revision per round, and search agrees.
            assert entry.text.startswith(f"round {held}: ")
            assert len(entry.revisions) == held
        assert len(cache.search(f"round {held} pier", url=URL, limit=ENTRIES)) >= 1
        return held


def test_kill_9_mid_apply_leaves_a_whole_state(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    held = 0
    mid_apply = 0
    apply_time = 0.3
    started = time.monotonic()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(ENTRIES), URL],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        try:
            # Let at least one round of this child finish (timing it), then
            # kill at a random moment inside the next one.
            announced = 0
            while True:
                word, number = child.stdout.readline().split()
                if word == "begin":
                    announced, began = int(number), time.monotonic()
                elif int(number) == announced:
                    apply_time = time.monotonic() - began
                    break
            word, number = child.stdout.readline().split()
            assert word == "begin"
            announced = int(number)
            time.sleep(rng.uniform(0.0, apply_time * 0.9))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        before = held
        held = _check(path)
        assert held in (announced - 1, announced), (seed, held, announced)
        assert held >= before
        mid_apply += held == announced - 1
    print(
        f"seed {seed}: {mid_apply}/{KILLS} kills mid-apply, round {held}, apply {apply_time:.2f} s"
    )
    assert held >= KILLS
    # Most kills must have landed inside a transaction, or this proved little.
    assert mid_apply >= 1, f"seed {seed}: no kill landed mid-apply"
    assert time.monotonic() - started < 60
