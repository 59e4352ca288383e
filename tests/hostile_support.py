"""What the hostile-input tests share: the CLI as a subprocess, what must never reach a terminal.

- :func:`cli` runs ``python -m liveread`` with the test's own ``LIVEREAD_HOME``
  (and any other environment, a ``TZ`` say), capturing its output as text.
- :func:`assert_one_line` checks the rule every error keeps: one line on
  stderr, starting ``liveread:``, no traceback, no "internal error".
- :func:`assert_terminal_safe` checks that text holds no character a terminal
  acts on (C0 but tab and newline, DEL, C1, line separators, bidi controls).
- :func:`jsonld_page` writes an invented schema.org live blog.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "BIDI",
    "UNSAFE",
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
    ).encode()
