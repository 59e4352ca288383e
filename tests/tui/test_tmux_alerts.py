"""The real ``liveread URL`` in tmux: a watch's match is a desktop notification (OSC 9 and OSC 777)
written to the terminal, wrapped for tmux's passthrough, and the hostile page text inside it
cannot inject escape sequences.

The hostile demo story's live entry ("Arrives later" plus an OSC 0 title change, markup,
a clear screen; the blog's title carries OSC 0 and markup too) matches a watch of the
``config.toml`` in the program's own LIVEREAD_HOME. Everything the program writes to the
pane is copied to a file as it is (``tmux pipe-pane``), so the test reads the very bytes
the terminal was sent: one OSC 9 and one OSC 777 naming the blog and the entry, each a
single sequence ended by its own BEL, with no ESC, BEL or C1 byte inside and ``;`` kept
out of the OSC 777 fields, and the bell. The pane shows that nothing else acted: its title
and paste buffers are still the canaries' (the checks of :mod:`tests.tui.test_tmux`, on
every screen), and the frame is whole.
"""

from __future__ import annotations

import re
import shlex
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from liveread.demo.server import DemoServer

from .test_tmux import FOOTER, LATER_BODY, LATER_TITLE, SIZE, Checks, _command, _shows
from .tmux_support import SESSION, TmuxPane, tmux_path

pytestmark = pytest.mark.skipif(
    tmux_path() is None, reason="tmux is not installed: the real-terminal test needs it"
)

REPO = Path(__file__).resolve().parents[2]
CONFIG = """\
[[watch]]
name = "later"
terms = ["Arrives later"]

[notify]
bell = true
desktop = true
"""
#: An OSC 9 or OSC 777 sequence as a terminal reads it: ESC ] up to the first BEL or ST.
OSC = re.compile(r"\x1b\](9|777);(.*?)(?:\x07|\x1b\\)", re.S)


def _inert(text: str) -> bool:
    """No control or format character (ESC, BEL, C1, bidi) in a notification's text."""
    return not any(unicodedata.category(c) in ("Cc", "Cf") for c in text)


def test_a_watch_match_is_a_desktop_notification_that_page_text_cannot_break_out_of(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    (isolated_home / "config.toml").write_text(CONFIG, encoding="utf-8")
    server = make_demo_server(hostile=True, start=datetime.now(timezone.utc).replace(microsecond=0))
    status = tmp_path / "status"
    raw = tmp_path / "raw"
    command = _command(server.url, isolated_home, status)
    with TmuxPane.start(tmp_path, command, size=SIZE, cwd=REPO) as pane:
        check = Checks(pane)
        check.wait(lambda s: "Filler" in s.text and FOOTER in s.lines[-1], "first screen")
        # From here on, every byte the program writes to the pane is kept as it is.
        pane.run("pipe-pane", "-o", "-t", SESSION, f"cat >> {shlex.quote(str(raw))}")
        time.sleep(0.3)
        assert not _sequences(raw)  # the backfill matched nothing: no alert for history

        server.advance()  # the hostile entry the watch matches arrives live
        check.wait(_shows(LATER_TITLE, LATER_BODY), "the entry published live")
        end = time.monotonic() + 10
        while len(_sequences(raw)) < 2 and time.monotonic() < end:
            time.sleep(0.1)  # alerts are gathered for a second first (the rate limit)
        found = _sequences(raw)
        kinds = [kind for kind, _ in found]
        assert kinds == ["9", "777"], found
        (_, osc9), (_, osc777) = found
        for text in (osc9, osc777):
            assert _inert(text), repr(text)
        assert "Arrives later" in osc9 and "]0,pwned" in osc9  # the page's text, inert
        fields = osc777.split(";")
        assert fields[0] == "notify" and len(fields) == 3, fields  # no ';' from the page
        assert "Hostile demo" in fields[1] and "Arrives later" in fields[2]
        # Inside tmux, each is wrapped for tmux's passthrough (ESC P tmux; ... ESC \, the
        # ESC inside doubled): tmux hands it to the terminal it runs in.
        written = raw.read_bytes().decode("utf-8", "replace")
        assert f"\x1bPtmux;\x1b\x1b]9;{osc9}\x07\x1b\\" in written
        assert f"\x1bPtmux;\x1b\x1b]777;{osc777}\x07\x1b\\" in written
        assert "\x07" in raw.read_bytes().decode("utf-8", "replace").replace(
            f"\x1b]9;{osc9}\x07", ""
        ).replace(f"\x1b]777;{osc777}\x07", "")  # the bell rang too
        # Nothing in it acted on the terminal: title, clipboard, frame as before.
        check.wait(_shows(LATER_TITLE), "the screen after the notification")
        pane.keys("q")
        assert pane.wait_exit(status) == "0"


def _sequences(raw: Path) -> list[tuple[str, str]]:
    """The OSC 9 and OSC 777 sequences written so far, in order, as (number, payload)."""
    if not raw.exists():
        return []
    text = raw.read_bytes().decode("utf-8", "replace")
    return [(m.group(1), m.group(2)) for m in OSC.finditer(text)]
