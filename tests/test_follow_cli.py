"""``liveread follow`` and ``liveread demo``: output formats, signals, exit statuses, no network.

In-process through :func:`liveread.cli.main` where a single run is enough,
as real subprocesses where signals, pipes and timing matter.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from queue import Empty, Queue

import httpx
import pytest

from liveread.cache import Changes
from liveread.cli import main
from liveread.cli.follow_cmd import LinePrinter
from liveread.demo.server import DemoServer
from liveread.follow import Applied
from liveread.model import Block, Entry
from liveread.sources import parse
from liveread.times import parse_time
from tests.demo_fixtures import STEADY

MakeServer = Callable[..., DemoServer]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def liveread(*args: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "liveread", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,  # type: ignore[arg-type]
    )


def reader(stream: object) -> Queue[str]:
    """Lines of *stream*, as they come, through a queue (so a test can wait with a timeout)."""
    lines: Queue[str] = Queue()

    def pump() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return lines


def take(lines: Queue[str], until: Callable[[str], bool], timeout: float = 20.0) -> list[str]:
    """Read lines until one satisfies *until* (returned with the rest)."""
    got: list[str] = []
    end = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.01, end - time.monotonic()))
        except Empty:
            pytest.fail(f"no line matched within {timeout} s; got {got[-5:]}")
        got.append(line)
        if until(line):
            return got


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- in-process --------------------------------------------------------------------------


def test_follow_once_jsonl_prints_the_whole_blog_oldest_first(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["follow", demo_server.url, "--once", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(demo_server.blog)
    assert {r["event"] for r in records} == {"new"}
    assert {r["blog"] for r in records} == {demo_server.url}
    times = [parse_time(r["entry"]["published"]) for r in records]
    assert times == sorted(times)
    assert {r["entry"]["id"] for r in records} == {
        e.id for e in demo_server.blog.entries_newest_first()
    }
    first = records[0]["entry"]
    assert {"id", "published", "title", "text", "url", "revisions", "first_seen"} <= set(first)
    pages = demo_server.blog.total_pages
    assert f"liveread: reading the blog's history: page {pages} of {pages}" in err.splitlines()
    # Again: already cached, nothing new, nothing printed.
    assert main(["follow", demo_server.url, "--once", "--jsonl"]) == 0
    assert capsys.readouterr().out == ""


def test_follow_once_text_lines(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["follow", demo_server.url, "--once"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(demo_server.blog)
    assert all("  new     " in line and line.endswith(">") for line in lines)
    assert any("★" in line for line in lines)  # key events marked


def test_follow_a_page_that_is_no_live_blog_exits_1(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["follow", demo_server.origin + "/", "--once"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "no live blog found" in err


def test_follow_a_missing_page_exits_1(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["follow", demo_server.origin + "/nothing/here"]) == 1
    err = capsys.readouterr().err
    assert "HTTP 404" in err and "stops following" in err and "Traceback" not in err


def test_follow_an_ended_blog_reads_it_once_and_says_so(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_server.change(lambda b: b.end())
    assert main(["follow", demo_server.url, "--jsonl"]) == 0  # no --once: it ends by itself
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(demo_server.blog) + 1
    ended = [r for r in records if r["event"] == "ended"]
    assert ended == [records[-1]] and ended[0]["blog"] == demo_server.url  # said once, last
    assert ended[0]["title"].endswith("as it happened")
    assert err.count("the blog has ended") == 1
    assert not [r for r in demo_server.stats.log if "lastUpdate" in r.target]


def test_flagged_lines_name_the_flags() -> None:
    entry = Entry(
        "abc",
        parse_time("2026-01-01T10:00:00Z"),  # type: ignore[arg-type]
        None,
        "Pinned post",
        (Block("paragraph", "Text"),),
        "https://x.org/live#abc",
        pinned=True,
    )
    out = io.StringIO()
    printer = LinePrinter(jsonl=False, out=out, err=out)
    printer(Applied("https://x.org/live", Changes(reflagged=(entry,)), "page"))
    assert out.getvalue().rstrip().endswith("(pinned)") and "flagged" in out.getvalue()


# -- subprocesses ------------------------------------------------------------------------


def test_follow_with_no_network_keeps_trying_and_exits_0_on_sigterm() -> None:
    url = f"http://127.0.0.1:{free_port()}/world/live/2030/jan/01/closed"
    proc = liveread("follow", url, "--interval", "0.5")
    lines = reader(proc.stderr)
    got = take(lines, lambda line: "trying again" in line, timeout=15)
    started = time.monotonic()
    got += take(lines, lambda line: "trying again" in line)
    got += take(lines, lambda line: "trying again" in line)
    spent = time.monotonic() - started
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    attempts = [line for line in got if "trying again" in line]
    assert len(attempts) == 3
    assert all(line.startswith("liveread: could not connect to 127.0.0.1:") for line in attempts)
    assert all("connection refused" in line for line in attempts)
    assert spent >= 1.0  # backing off: half of 1 s, then of 2 s, at the least
    rest = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in rest and proc.stdout and proc.stdout.read() == ""


def test_follow_once_with_no_network_gives_up_in_one_line_per_attempt_and_exits_1(
    isolated_home: Path,
) -> None:
    url = f"http://127.0.0.1:{free_port()}/world/live/2030/jan/01/closed"
    done = subprocess.run(
        [sys.executable, "-m", "liveread", "follow", url, "--once", "--give-up-after", "6"],
        capture_output=True,
        text=True,
        timeout=60,  # a hang would fail here; the give-up bound is the follower's own clock
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3, lines  # one per attempt: two retries announced, then the verdict
    assert all(line.startswith("liveread: ") and "connection refused" in line for line in lines)
    assert "trying again" in lines[0] and "trying again" in lines[1]
    assert lines[2].startswith("liveread: gave up after 3 attempts: could not connect")
    # A URL never reached is no blog: the library is as it was.
    listed = subprocess.run(
        [sys.executable, "-m", "liveread", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert listed.returncode == 0 and json.loads(listed.stdout or "[]") == []


async def test_once_gives_up_within_its_time_on_the_followers_own_clock(
    tmp_path: Path,
) -> None:
    """With a fake clock: the waits between attempts fit in --give-up-after."""
    from liveread.cache import Cache
    from liveread.follow import Follower, FollowSettings
    from tests.demo_fixtures import Events, FakeTime

    url = f"http://127.0.0.1:{free_port()}/live/closed"
    time_ = FakeTime()
    events = Events()
    with Cache(tmp_path / "cache.sqlite3") as cache:
        settings = FollowSettings.for_url(url, 30, 120, once=True, give_up_after=50)
        f = Follower(url, cache, settings=settings, on_event=events, clock=time_.clock,
                     sleep=time_.sleep)  # fmt: skip
        await f.run()
        assert cache.blogs() == []
    assert sum(time_.sleeps) < 50 and len(events.errors()) == 3  # two retries, the verdict
    (stopped,) = [e for e in events if type(e).__name__ == "Stopped"]
    assert stopped.reason.startswith("gave up after 3 attempts")


def test_follow_prints_changes_as_they_happen_and_stops_cleanly(
    demo_server: DemoServer,
) -> None:
    blog = demo_server.blog
    proc = liveread(
        "follow", demo_server.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY
    )
    out = reader(proc.stdout)
    take(out, lambda line: blog.most_recent_id in line)  # the history, newest last
    entries = blog.entries_newest_first()
    edited, removed, pinned = entries[2].id, entries[3].id, entries[5].id
    demo_server.change(lambda b: b.edit(edited, "A corrected account."))
    demo_server.change(lambda b: b.remove(removed))
    demo_server.change(lambda b: b.pin(pinned))
    fresh = demo_server.change(
        lambda b: b.publish(b.new_entry("Late news", "Just in.", at=b.now + timedelta(minutes=1)))
    )
    seen: dict[str, str] = {}
    wanted = {("edited", edited), ("removed", removed), ("flagged", pinned), ("new", fresh.id)}

    def done(line: str) -> bool:
        record = json.loads(line)
        seen[record["entry"]["id"] + record["event"]] = line
        return all(i + e in seen for e, i in wanted)

    take(out, done)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    assert json.loads(seen[pinned + "flagged"])["entry"]["pinned"] is True
    assert "A corrected account." in json.loads(seen[edited + "edited"])["entry"]["text"]


def test_demo_serve_prints_a_url_that_serves_a_live_blog() -> None:
    proc = liveread("demo", "--serve", "--port", "0")
    url = take(reader(proc.stdout), lambda line: line.startswith("http://"))[-1]
    try:
        page = httpx.get(url, timeout=10)
        blog = parse(page.content, url)
        assert page.status_code == 200 and blog.live and len(blog.entries) >= 10
        assert blog.source_data and blog.source_data["ajax_url"] == url.split("/news/")[0]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


@pytest.mark.parametrize("fmt", ["reach", "amp"])
def test_demo_serve_in_another_format_serves_that_format(fmt: str) -> None:
    proc = liveread("demo", "--serve", "--port", "0", "--format", fmt)
    url = take(reader(proc.stdout), lambda line: line.startswith("http://"))[-1]
    try:
        assert f"/{fmt}/" in url
        blog = parse(httpx.get(url, timeout=10).content, url)
        assert blog.source == fmt and blog.live and blog.site_name and blog.entries
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_demo_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["demo", "--serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"127.0.0.1:{port}" in err


def test_demo_no_tui_follows_headless_in_a_throwaway_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "LIVEREAD_HOME": str(home)}
    proc = liveread("demo", "--no-tui", "--interval", "0.5", env=env)
    lines = take(reader(proc.stdout), lambda line: "  new  " in line)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    assert lines and not home.exists()  # the user's state was not touched
