"""Output to a terminal is escaped at the one place it leaves, for every headless command.

Whatever a string holds by the time it is written (page text a source left
unclean, a cache written by another program, a file name, a server's header),
no ESC, C0 or C1 control (the 8-bit CSI U+009B), DEL, line separator or bidi
control reaches stdout or stderr as it is: it is written as a visible
``\\uXXXX`` escape, which inside a JSON string is the very same character, so
JSON output stays exact.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from liveread import sanitize
from liveread.cache import Cache
from liveread.model import Block, Entry, Image, Snapshot
from tests.hostile_support import BIDI, UNSAFE, assert_terminal_safe, cli

URL = "https://hostile.example/live"
#: Everything a terminal acts on: OSC 0 (title), OSC 52 (clipboard), CSI, the 8-bit CSI,
#: a bare CR, DEL, a line separator, and every bidi control.
NASTY = "\x1b]0;owned\x07\x1b]52;c;aGk=\x07\x1b[2J\x9b2J\r\x7f\u2028" + BIDI


def hostile_cache() -> Entry:
    """A cache another program wrote: its texts hold every character a terminal acts on."""
    entry = Entry(
        id="e1",
        published=datetime(2031, 6, 14, 8, 5, tzinfo=timezone.utc),
        updated=None,
        title=f"Headline {NASTY} end",
        body=(
            Block("paragraph", f"Findme text {NASTY} more"),
            Block("image", image=Image(caption=f"cap {NASTY}", credit=f"cred {NASTY}")),
        ),
        url=f"{URL}#e1",
        authors=(f"Writer {NASTY}",),
        key_event=True,
        summary=True,
    )
    snapshot = Snapshot(
        url=URL,
        source="schemaorg",
        entries=(entry,),
        title=f"Blog {NASTY} title",
        standfirst=f"Stand {NASTY}",
        live=True,
        feed_ids=("e1",),
        kind="page",
    )
    with Cache() as cache:
        cache.apply(snapshot)
        cache.record_fetch(URL, ok=False, error=f"a server said {NASTY}")
    return entry


COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("export", URL),
    ("export", URL, "--format", "markdown"),
    ("brief", URL),
    ("brief", URL, "--format", "markdown"),
    ("search", "findme"),
    ("search", "findme", "--json"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_headless_command_escapes_what_a_cache_holds(args: tuple[str, ...]) -> None:
    hostile_cache()
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout, result.stderr)
    assert "\\u001b" in result.stdout or "\\u009b" in result.stdout  # shown, not dropped


def test_json_output_stays_exact() -> None:
    entry = hostile_cache()
    exported = json.loads(cli("export", URL).stdout)
    assert exported["title"] == f"Blog {NASTY} title"
    assert exported["entries"][0]["title"] == entry.title
    assert exported["entries"][0]["text"] == entry.text
    (row,) = [json.loads(line) for line in cli("list", "--json").stdout.splitlines()]
    assert row["last_error"] == f"a server said {NASTY}"
    (hit,) = [json.loads(line) for line in cli("search", "findme", "--json").stdout.splitlines()]
    assert hit["entry"]["authors"] == [f"Writer {NASTY}"]


def test_a_file_name_is_escaped_in_the_error_line(tmp_path: Path) -> None:
    name = tmp_path / "page\x1b]0;owned\x07\u202e.html"
    result = cli("parse", str(name))
    assert result.returncode == 1
    assert_terminal_safe(result.stderr)
    assert "no such file" in result.stderr and "\\u001b]0;owned\\u0007" in result.stderr


def test_the_escape_is_visible_and_reads_back_in_json() -> None:
    text = "a\x1bb\x9bc\u202ed\r\te\nf\ud800"
    shown = sanitize.for_terminal(text)
    assert UNSAFE.search(shown) is None
    assert shown == "a\\u001bb\\u009bc\\u202ed\\u000d\te\nf\\ud800"
    assert json.loads(sanitize.for_terminal(json.dumps(text, ensure_ascii=False))) == text


def test_every_bidi_control_is_stripped_from_page_text() -> None:
    # ALM, LRM, RLM and the rest: every character with the Bidi_Control property.
    assert {ord(ch) for ch in BIDI} == sanitize.BIDI_CONTROLS
    assert sanitize.clean(f"a{BIDI}b") == "ab"


def test_a_cache_file_with_raw_controls_is_read_back_as_written() -> None:
    # The texts above really are raw in the file: the escaping is the output's, not the cache's.
    hostile_cache()
    with Cache() as cache:
        path = cache.path
    with sqlite3.connect(path) as db:
        (title,) = db.execute("SELECT title FROM blogs").fetchone()
    assert "\x1b" in title and "\x9b" in title
