"""What the hostile-input tests share: the CLI as a subprocess, what must never reach a terminal.

- :func:`cli` runs ``python -m liveread`` with the test's own ``LIVEREAD_HOME``
  (and any other environment, a ``TZ`` say), capturing its output as text.
- :func:`assert_one_line` checks the rule every error keeps: one line on
  stderr, starting ``liveread:``, no traceback, no "internal error".
- :func:`assert_terminal_safe` checks that text holds no character a terminal
  acts on (C0 but tab and newline, DEL, C1, line separators, bidi controls).
- :func:`jsonld_page` writes an invented schema.org live blog.
- :class:`Running`: ``python -m liveread`` left running, its lines read as they come.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from queue import Empty, Queue
from typing import Any

__all__ = [
    "BIDI",
    "UNSAFE",
    "Running",
    "assert_one_line",
    "assert_terminal_safe",
    "cli",
    "jsonld_page",
]

#: Every Bidi_Control character: ALM, LRM, RLM, the embeddings and overrides, the isolates.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: What must never reach a terminal as it is.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI + "\ud800-\udfff]")


def cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 90,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m liveread ARGS`` (this test's LIVEREAD_HOME) and capture its output.

    Output is read as UTF-8 with surrogate escapes, so a byte that is not UTF-8
    shows up as a lone surrogate, which :func:`assert_terminal_safe` refuses.
    """
    full = {**os.environ, **(env or {})}
    full.pop("LIVEREAD_DEBUG", None)
    full["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "liveread", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=full,
        timeout=timeout,
        check=False,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], status: int | None = None) -> str:
    """The command failed in one ``liveread:`` line (with *status*, if given); the line."""
    if status is not None:
        assert result.returncode == status, (result.returncode, result.stderr)
    assert result.returncode not in (0, 70), (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("liveread: "), lines
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


def assert_terminal_safe(*texts: str) -> None:
    """No text holds a character a terminal acts on (tab and newline are text)."""
    for text in texts:
        found = UNSAFE.search(text)
        if found is not None:
            where = text[max(0, found.start() - 60) : found.start() + 20]
            raise AssertionError(f"{found.group()!r} reaches the terminal: {where!r}")


def jsonld_page(title: str, updates: Sequence[Mapping[str, Any]], *, live: bool = True) -> bytes:
    """An invented schema.org LiveBlogPosting page holding *updates* (BlogPosting fields)."""
    blog: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": title,
        "coverageStartTime": "2031-06-14T08:00:00Z",
        "liveBlogUpdate": [{"@type": "BlogPosting", **u} for u in updates],
    }
    if not live:
        blog["coverageEndTime"] = "2031-06-14T20:00:00Z"
    data = json.dumps(blog).replace("</", "<\\/")
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f"<script type='application/ld+json'>{data}</script>"
        "</head><body><h1>Invented</h1></body></html>"
    ).encode("utf-8", "surrogatepass")  # a lone surrogate is sent as the bytes it would be


class Running:
    """``python -m liveread ARGS`` running in the background, its output read line by line.

    Attributes:
        proc: The process.
        out: Every stdout line so far.
        err: Every stderr line so far.

    """

    def __init__(self, *args: str, env: Mapping[str, str] | None = None) -> None:
        full = {**os.environ, **(env or {}), "PYTHONIOENCODING": "utf-8"}
        full.pop("LIVEREAD_DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "liveread", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            env=full,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self._news: Queue[None] = Queue()
        self._pumps = [
            threading.Thread(target=self._pump, args=(stream, into), daemon=True)
            for stream, into in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))
        ]
        for pump in self._pumps:
            pump.start()

    def _pump(self, stream: Any, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))
            self._news.put(None)
        self._news.put(None)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 60.0) -> None:
        """Wait until *condition()* holds (checked at each new line); fail after *timeout*."""
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise AssertionError(f"timed out: stdout {self.out[-3:]}, stderr {self.err[-3:]}")
            if not any(pump.is_alive() for pump in self._pumps) and self._news.empty():
                raise AssertionError(
                    f"exited {self.proc.returncode}: stdout {self.out[-3:]}, stderr {self.err[-3:]}"
                )
            try:
                self._news.get(timeout=0.2)
            except Empty:
                continue

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM it; its exit status (after *timeout*: killed, and the test fails)."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"still running {timeout} s after SIGTERM") from None
