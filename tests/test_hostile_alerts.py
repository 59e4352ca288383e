"""Alerts from hostile pages: one that cannot be given never stops the others, nor SIGTERM.

``liveread follow`` runs as a subprocess with a ``config.toml`` whose notify
command is a small script that appends its arguments and ``LIVEREAD_*``
environment, as one JSON line, to a file. The page is an invented JSON-LD
live blog served by the demo server's ``intercept``; entries are added to it
while it is followed, so they are news and alert.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from liveread.alerts import Alert, Alerter, NotifySettings, RateLimit
from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.model import Block, Entry
from tests.hostile_support import Running, jsonld_page

_NOW = datetime(2031, 6, 14, 9, 0, tzinfo=timezone.utc)
RECORDER = """\
import json, os, sys
env = {k: v for k, v in os.environ.items() if k.startswith("LIVEREAD_") and k not in
       ("LIVEREAD_HOME", "LIVEREAD_CORPUS")}
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps({"argv": sys.argv[2:], "env": env}) + "\\n")
"""


class GrowingBlog:
    """An invented JSON-LD blog at /grow whose entries a test adds while it is followed."""

    def __init__(self, server: DemoServer) -> None:
        self.updates: list[dict[str, Any]] = [
            {
                "@id": "#first",
                "headline": "Morning",
                "datePublished": "2031-06-14T08:00:00Z",
                "articleBody": "Nothing to see yet.",
            }
        ]
        self.url = server.origin + "/grow"
        server.intercept = self.answer

    def answer(self, request: Request) -> Reply | None:
        if request.path != "/grow":
            return None
        return Reply(body=jsonld_page("Harbour live", list(reversed(self.updates))))

    def add(self, key: str, headline: str, published: str, body: str = "The ferry waits.") -> None:
        self.updates.append(
            {
                "@id": f"#{key}",
                "headline": headline,
                "datePublished": published,
                "articleBody": body,
            }
        )


def notify_config(home: Path, tmp_path: Path) -> Path:
    """A ferry watch and the recorder as notify command; the file the recorder writes."""
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    record = tmp_path / "calls.jsonl"
    command = [sys.executable, str(script), str(record), "{title}", "{text}", "{url}", "{time}"]
    (home / "config.toml").write_text(
        '[[watch]]\nname = "ferry"\nterms = ["ferry"]\n\n'
        f"[notify]\ncommand = {json.dumps(command)}\nbell = false\ntimeout = 5\n",
        encoding="utf-8",
    )
    return record


def calls(record: Path) -> list[dict[str, Any]]:
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]


def wait_for(condition: Any, what: str, timeout: float = 40.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


# -- 10: an alert that cannot be built; SIGTERM ------------------------------------------


def test_an_alert_that_failed_stops_no_later_alert_and_sigterm_still_ends_follow(
    demo_server: DemoServer, isolated_home: Path, tmp_path: Path
) -> None:
    record = notify_config(isolated_home, tmp_path)
    blog = GrowingBlog(demo_server)
    # East of UTC the calendar's last second has no local time: that alert's {time}
    # once raised OverflowError, which killed the runner of every later alert.
    run = Running("follow", "--jsonl", "--interval", "0.5", blog.url, env={"TZ": "Asia/Tokyo"})
    try:
        run.wait_until(lambda: any("Morning" in line for line in run.out))
        blog.add("edge", "Ferry at the end of time", "9999-12-31T23:59:59Z")
        run.wait_until(lambda: any("end of time" in line for line in run.out))
        blog.add("later", "Ferry sails", "2031-06-14T09:00:00Z")
        run.wait_until(lambda: any("Ferry sails" in line for line in run.out))
        wait_for(lambda: len(calls(record)) == 2, "both alerts")
    finally:
        started = time.monotonic()
        status = run.stop(timeout=30)
    assert status == 0
    assert time.monotonic() - started < 15  # the shutdown: at most a command's timeout
    titles = sorted(call["argv"][0] for call in calls(record))
    assert titles == ["Ferry at the end of time", "Ferry sails"]
    edge = next(c for c in calls(record) if c["argv"][0] == "Ferry at the end of time")
    assert edge["env"]["LIVEREAD_TIME"] == "31 Dec 9999 23:59 UTC"  # in UTC, and said so


@pytest.mark.system  # liveread runs the notify command
async def test_an_alert_that_cannot_be_built_is_said_once_and_the_next_still_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fault no page can make any more: building the command's values raises.
    import liveread.alerts._alerter as alerter_module
    from liveread.alerts import alert_values as real

    def values(alert: Alert) -> dict[str, str]:
        if alert.why == "broken":
            raise RuntimeError("cannot build\nthis one")
        return real(alert)

    monkeypatch.setattr(alerter_module, "alert_values", values)
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    record = tmp_path / "calls.jsonl"
    settings = NotifySettings(
        command=(sys.executable, str(script), str(record), "{why}"), bell=False, desktop=False
    )
    reported: list[str] = []
    alerter = Alerter(settings, report=reported.append, limit=RateLimit(settle=0.01, burst=10))
    alerter.send([alert("broken"), alert("fine"), alert("broken"), alert("also fine")])
    await asyncio.wait_for(alerter.aclose(), timeout=30)
    assert [call["argv"] for call in calls(record)] == [["fine"], ["also fine"]]
    (line,) = reported
    assert line.startswith("an alert could not be given to the notify command (RuntimeError")
    assert "\n" not in line


@pytest.mark.system  # liveread runs the notify command
async def test_closing_waits_at_most_one_command_timeout(tmp_path: Path) -> None:
    script = tmp_path / "slow.py"
    script.write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    settings = NotifySettings(
        command=(sys.executable, str(script)), bell=False, desktop=False, timeout=1.0
    )
    reported: list[str] = []
    alerter = Alerter(settings, report=reported.append, limit=RateLimit(settle=0.01, burst=10))
    alerter.send([alert(str(n)) for n in range(6)])
    loop = asyncio.get_running_loop()
    started = loop.time()
    await alerter.aclose()
    # Unbounded: six commands killed one after the other at their timeout, 6 s.
    assert loop.time() - started < 4
    assert any(line.startswith("notify command not run for") for line in reported)


def alert(why: str) -> Alert:
    entry = Entry(
        id=why,
        published=_NOW,
        updated=None,
        title=f"Entry {why}",
        body=(Block("paragraph", "The ferry waits."),),
        url="https://x.example/live#" + why,
    )
    return Alert("Harbour live", entry, why, _NOW)


# -- 14: a title of 200 KB; 7: bidi marks in what the command gets -----------------------


def test_a_200_kb_title_and_bidi_marks_reach_the_command_bounded_and_clean(
    demo_server: DemoServer, isolated_home: Path, tmp_path: Path
) -> None:
    record = notify_config(isolated_home, tmp_path)
    blog = GrowingBlog(demo_server)
    run = Running("follow", "--interval", "0.5", blog.url)
    try:
        run.wait_until(lambda: any("Morning" in line for line in run.out))
        blog.add("huge", "Ferry " + "very long " * 20_000, "2031-06-14T09:00:00Z")
        blog.add("marks", "Ferry\u200e\u200f\u061c marks", "2031-06-14T09:01:00Z", "Te\u200ext")
        wait_for(lambda: len(calls(record)) == 2, "both alerts")
    finally:
        assert run.stop() == 0
    assert not any("too long" in line for line in run.err), run.err
    from liveread.alerts._command import VALUE_MAX

    huge, marks = sorted(calls(record), key=lambda c: len(c["argv"][0]), reverse=True)
    assert len(huge["argv"][0]) == VALUE_MAX and huge["argv"][0].endswith("…")
    assert huge["env"]["LIVEREAD_TITLE"] == huge["argv"][0]
    assert marks["argv"][:2] == ["Ferry marks", "Text"]
    assert marks["env"]["LIVEREAD_TITLE"] == "Ferry marks"
