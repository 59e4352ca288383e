"""``liveread follow`` alerting for real: a notify script called by the CLI against the demo server.

The notify command is a small Python script that appends its arguments and
its ``LIVEREAD_*`` environment, as one JSON line, to a file: the test reads
what the command was called with, as a user's program would receive it.
``liveread follow`` runs as a subprocess, against the demo server in this
process, with its own ``config.toml``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from liveread.sanitize import clean_inline
from liveread.times import LOCAL, utc_now
from tests.demo_fixtures import STEADY
from tests.support.hostile import BIDI_OVERRIDE, CSI_8BIT, CSI_CLEAR, OSC_CLIPBOARD, OSC_TITLE

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX processes")
MakeServer = Callable[..., DemoServer]

RECORDER = """\
import json, os, sys, time
# Only the alert's own variables: the run's LIVEREAD_HOME or LIVEREAD_CORPUS are inherited.
alert = ("BLOG", "OUTLET", "TITLE", "WRITER", "TEXT", "URL", "TIME", "WHY")
env = {f"LIVEREAD_{k}": os.environ[f"LIVEREAD_{k}"] for k in alert if f"LIVEREAD_{k}" in os.environ}
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps({"argv": sys.argv[2:], "env": env, "pid": os.getpid()}) + "\\n")
if os.environ.get("LIVEREAD_WHY", "").startswith("hang"):
    time.sleep(120)
"""


class Follow:
    """``liveread follow ... --jsonl`` as a subprocess; its lines gathered as they come."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "liveread", "follow", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.threads = [
            threading.Thread(target=self._read, args=(self.proc.stdout, True), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, False), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _read(self, stream: Any, out: bool) -> None:
        for line in stream:
            if out:
                self.lines.append(json.loads(line))
            else:
                self.errors.append(line.rstrip("\n"))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        for thread in self.threads:
            thread.join(timeout=5)
        return code


def wait(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def calls(record: Path) -> list[dict[str, Any]]:
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]


def setup(home: Path, tmp_path: Path, *, timeout: float = 10, notify: bool = True) -> Path:
    """config.toml with a ferry watch and the recorder as notify command; returns its file."""
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    record = tmp_path / "calls.jsonl"
    command = [sys.executable, str(script), str(record)]
    command += ["{title}", "{why}", "{blog}", "{url}", "{time}", "{text}", "--flag"]
    notify_table = (
        f"[notify]\ncommand = {json.dumps(command)}\ntimeout = {timeout}\nbell = false\n"
        if notify
        else ""
    )
    (home / "config.toml").write_text(
        '[[watch]]\nname = "ferry"\nterms = ["ferry", "Filler"]\n\n'
        '[[watch]]\nname = "hang"\nterms = ["hang-up"]\n\n' + notify_table,
        encoding="utf-8",
    )
    return record


def publish(server: DemoServer, title: str, text: str, n: int = 1) -> list[str]:
    def act(blog: DemoBlog) -> list[str]:
        ids = []
        for i in range(n):
            at = blog.now + timedelta(seconds=30 + i)
            suffix = f" {i}" if n > 1 else ""
            ids.append(blog.publish(blog.new_entry(title + suffix, text, at=at)).id)
        return ids

    return server.change(act)


def test_a_watched_entry_calls_the_command_once_backfill_never_a_burst_once(
    make_demo_server: MakeServer, isolated_home: Path, tmp_path: Path
) -> None:
    server = make_demo_server(hostile=True)  # its history: 36 "Filler" entries, all watched
    record = setup(isolated_home, tmp_path)
    follow = Follow(server.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY)
    try:
        history = len(server.blog.entries_newest_first())
        wait(lambda: len(follow.lines) >= history, "the history")
        assert sum(1 for r in follow.lines if r.get("watch") == ["ferry"]) == 36
        # The backfill never alerts: the first call (below) is the new entry's, alone.

        hostile = f"{OSC_TITLE}{CSI_CLEAR}{BIDI_OVERRIDE}{CSI_8BIT}{OSC_CLIPBOARD}"
        raw_title, raw_text = f"-rf {hostile}Ferry cancelled", f"All sailings {hostile}off."
        (news,) = publish(server, raw_title, raw_text)
        wait(lambda: any(r["entry"]["id"] == news for r in follow.lines), "the new entry")
        line = next(r for r in follow.lines if r["entry"]["id"] == news)
        assert line["watch"] == ["ferry"] and line["title"] == clean_inline(server.blog.title)
        wait(lambda: len(calls(record)) == 1, "the command")
        (call,) = calls(record)
        title, why, blog, url, at, text, flag = call["argv"]
        inert_title = clean_inline(raw_title)  # the escapes' bytes gone, their letters inert
        assert "\x1b" not in inert_title and inert_title.startswith("-rf ")
        assert title == " " + inert_title  # never an option
        assert why == "ferry" and flag == "--flag"
        # The blog by its outlet and title; the time with its zone named (or its day too).
        assert blog == f"The Marlhaven Herald: {line['title']}" and url == line["entry"]["url"]
        assert text == clean_inline(raw_text) and at.endswith(f" {LOCAL.name(utc_now())}")
        assert call["env"] == {
            "LIVEREAD_BLOG": blog,
            "LIVEREAD_OUTLET": "The Marlhaven Herald",
            "LIVEREAD_TITLE": inert_title,
            "LIVEREAD_WRITER": call["env"]["LIVEREAD_WRITER"],
            "LIVEREAD_TEXT": text,
            "LIVEREAD_URL": url,
            "LIVEREAD_TIME": at,
            "LIVEREAD_WHY": "ferry",
        }
        for value in [*call["argv"], *call["env"].values()]:
            assert all(ch.isprintable() for ch in value), repr(value)

        burst = publish(server, "Ferry update", "Another ferry notice.", n=30)
        wait(lambda: {r["entry"]["id"] for r in follow.lines} >= set(burst), "the burst")
        wait(lambda: len(calls(record)) == 2, "the summary")
        # One more watched entry: the next call is its own, so the thirty made one call.
        publish(server, "Ferry timetable", "The timetable is back.")
        wait(lambda: len(calls(record)) >= 3, "the next call")
        assert [c["argv"][0] for c in calls(record)[2:]] == ["Ferry timetable"]
        summary = calls(record)[1]
        assert summary["argv"][0] == "30 more entries match ferry"
        assert summary["argv"][5].startswith("Ferry update 0 · Ferry update 1")
        assert follow.stop() == 0
    finally:
        follow.stop()
    assert not [e for e in follow.errors if "notify" in e]


def test_a_hanging_command_is_killed_and_said_once(
    demo_server: DemoServer, isolated_home: Path, tmp_path: Path
) -> None:
    record = setup(isolated_home, tmp_path, timeout=1)
    follow = Follow(demo_server.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY)
    try:
        wait(lambda: len(follow.lines) >= len(demo_server.blog), "the history")
        publish(demo_server, "Line hang-up", "The phones are down.")
        wait(lambda: calls(record), "the command to start")
        pid = calls(record)[0]["pid"]
        wait(lambda: any("timed out" in e for e in follow.errors), "the timeout", timeout=20)
        assert "liveread: notify command timed out after 1 s; killed" in follow.errors
        wait(lambda: not _alive(pid), "the command to be gone", timeout=10)
        time.sleep(1.2)  # past the rate limit's gathering: a second alert on its own
        publish(demo_server, "Second hang-up", "Still down.")
        wait(lambda: len(calls(record)) == 2, "the second call")
        second = calls(record)[1]["pid"]
        wait(lambda: not _alive(second), "the second command to be killed", timeout=10)
        assert follow.stop() == 0  # (its every line read)
        assert sum("timed out" in e for e in follow.errors) == 1  # said once per run
    finally:
        assert follow.stop() == 0
    assert all(not _alive(c["pid"]) for c in calls(record))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_notify_without_a_notify_table_rings_for_key_events_only_with_the_flag(
    demo_server: DemoServer, isolated_home: Path, tmp_path: Path
) -> None:
    """No [notify]: no alerts (no command to run); the JSON still names the watches."""
    record = setup(isolated_home, tmp_path, notify=False)
    follow = Follow(demo_server.url, "--jsonl", "--interval", "0.5", "--refresh", "0.5", *STEADY)
    try:
        wait(lambda: len(follow.lines) >= len(demo_server.blog), "the history")
        (news,) = publish(demo_server, "Ferry news", "The ferry sails.")
        wait(lambda: any(r["entry"]["id"] == news for r in follow.lines), "the entry")
        assert next(r for r in follow.lines if r["entry"]["id"] == news)["watch"] == ["ferry"]
    finally:
        assert follow.stop() == 0
    assert calls(record) == []
