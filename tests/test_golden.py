"""Golden: the JSON-lines stream of a scripted demo run, on a fixed clock, stays the same.

A follower runs against the demo server (story clock stopped) with a fake
clock and a seeded back-off; at each of its sleeps the story moves one step
(new entries, edits, a removal, pin and key-event changes, the end). The lines
``liveread follow --jsonl`` would print are compared with the file kept in
``tests/fixtures/golden/``: a refactoring of the follower, the sources or the
cache must leave them byte for byte the same. The server's port is replaced
by ``PORT`` so the file does not depend on it.

To accept a deliberate change of behaviour: ``LIVEREAD_UPDATE_GOLDEN=1 pytest
tests/test_golden.py``, and say why in the commit.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from liveread.cache import Cache
from liveread.cli.follow_cmd import LinePrinter
from liveread.demo.server import DemoServer
from liveread.follow import Follower
from tests.demo_fixtures import FakeTime, follower, run_until

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
START = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
STEPS = 40


def scripted_run(server: DemoServer, url: str, tmp_path: Path) -> str:
    """Follow *url* for STEPS story steps on a fake clock; return the JSON lines, port masked."""
    time = FakeTime(START)
    steps = {"n": 0}

    def step() -> None:
        if steps["n"] < STEPS:
            steps["n"] += 1
            server.advance(1)

    time.hooks.append(step)
    out, err = io.StringIO(), io.StringIO()
    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        printer = LinePrinter(jsonl=True, out=out, err=err, cache=cache)
        following = follower(url, cache, time, printer, refresh=4.0)
        import asyncio

        asyncio.run(_run(following, lambda: steps["n"] >= STEPS and len(time.sleeps) > STEPS + 8))
    return mask(out.getvalue().replace(server.origin, "http://127.0.0.1:PORT"))


_ID = re.compile(r"\b[0-9a-f]{24}\b|sha1:[0-9a-f]{40}")


def mask(text: str) -> str:
    """Name ids by order of first appearance: the demo mints them from its URL (and port)."""
    names: dict[str, str] = {}
    return _ID.sub(lambda m: names.setdefault(m.group(0), f"ID{len(names) + 1}"), text)


async def _run(following: Follower, done: Callable[[], bool]) -> None:
    await run_until(following, done, timeout=60)


def compare(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LIVEREAD_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with LIVEREAD_UPDATE_GOLDEN=1"
    want = path.read_text(encoding="utf-8")
    assert got.count("\n") == want.count("\n"), "a different number of lines"
    for n, (a, b) in enumerate(zip(got.splitlines(), want.splitlines(), strict=True), 1):
        assert a == b, f"line {n} differs"


@pytest.mark.parametrize(
    ("shape", "name"),
    [("guardian", "demo-guardian.jsonl"), ("jsonld", "demo-jsonld.jsonl")],
)
def test_scripted_demo_stream_is_unchanged(
    make_demo_server: Callable[..., DemoServer], tmp_path: Path, shape: str, name: str
) -> None:
    server = make_demo_server(start=START, ends=True)
    url = server.url if shape == "guardian" else server.jsonld_url
    got = scripted_run(server, url, tmp_path)
    assert got.count("\n") > 45, "the run saw the history and the story's changes"
    compare(name, got)
