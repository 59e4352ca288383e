"""The keys a journalist presses all day, in a real terminal: the real ``liveread`` in tmux.

Keys reach a terminal program in bursts (a paste, fast typing, SSH), and tmux
sends Alt as ESC before the key: what passes a Pilot test can still fail here.
Each test runs the real command (``python -m liveread``) in a tmux pane of its
own server (:mod:`tests.tui.tmux_support`) and types as a user would, with
``tmux send-keys``:

- ``/ferry`` as one burst: the query goes to the search, the pane stays, the
  order stays, nothing is copied (defect: its letters ran as keys);
- ESC then 2 (what Alt+2 sends in tmux) shows blog 2 (defect: it arrived as
  ``™`` and did nothing); ``b`` then 1, from any keyboard, shows blog 1;
- the library's ``a`` adds the URL to ``config.toml``'s ``follow`` list, the
  file's comments kept (defect: it did not, though the README said so);
- ``y`` under tmux's default ``set-clipboard external`` (which drops a
  program's OSC 52) leaves the quote in a tmux paste buffer and says where it
  was sent (defect: "Copied" when nothing was);
- ``w`` and the terms in one burst: they go to the watch dialog's input, though
  the dialog's module and CSS are read only then (a blog's first screen does
  not load them); a click on the footer's ``? Help`` opens the help.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from liveread.config import load_settings
from liveread.demo.server import DemoServer

from .tmux_support import CONFIG, DEFAULTS, Shot, TmuxPane, tmux_path

pytestmark = pytest.mark.skipif(
    tmux_path() is None, reason="tmux is not installed: the real-terminal test needs it"
)

REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 40)
FOOTER = "? Help"


def _command(home: Path, status: Path, *args: str) -> str:
    """The pane's shell line: liveread as a user types it, its exit status kept."""
    env = f"env LIVEREAD_HOME={shlex.quote(str(home))} TZ=UTC"
    run = " ".join([shlex.quote(sys.executable), "-m", "liveread", *map(shlex.quote, args)])
    return f"{env} {run} --interval 0.5 --refresh 0.5; echo $? > {shlex.quote(str(status))}"


def _library_command(home: Path, status: Path) -> str:
    env = f"env LIVEREAD_HOME={shlex.quote(str(home))} TZ=UTC"
    run = f"{shlex.quote(sys.executable)} -m liveread"
    return f"{env} {run}; echo $? > {shlex.quote(str(status))}"


def _shows(*fragments: str) -> Callable[[Shot], bool]:
    return lambda shot: all(f in shot.text for f in fragments)


def _server(make_demo_server: Callable[..., DemoServer]) -> DemoServer:
    """The demo, its story leading up to now (the real clock runs in the pane)."""
    return make_demo_server(start=datetime.now(timezone.utc).replace(microsecond=0))


def test_a_query_typed_in_one_burst_after_slash_goes_to_the_search(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    server = _server(make_demo_server)
    status = tmp_path / "status"
    command = _command(isolated_home, status, server.url)
    with TmuxPane.start(tmp_path, command, size=SIZE, cwd=REPO, options=CONFIG) as pane:
        first = pane.wait_for(lambda s: " · checked " in s.text and FOOTER in s.lines[-1], "open")
        pane_column = first.find("1 ")
        assert pane_column is not None  # the key-events pane, numbered
        pane.type("/ferry")  # one write: the burst a paste or fast typing makes
        shot = pane.wait_for(_shows("/ferry"), "the query in the search box")
        pane.keys("Enter")
        shot = pane.wait_for(_shows("ferry:", "entries"), "the search's result")
        assert "Esc clears" in shot.text
        # The pane is still there (e hid it), the order is newest first (s flipped it),
        # and nothing was copied (y wrote an OSC 52, which this server keeps).
        assert shot.find("1 ") is not None and "oldest first" not in shot.text
        assert pane.buffers() == []
        assert not any("Polling now" in line for line in shot.lines)
        pane.keys("q")
        assert pane.wait_exit(status) == "0"


def test_esc_then_a_digit_shows_that_blog_and_b_then_a_digit_too(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    server = _server(make_demo_server)
    status = tmp_path / "status"
    command = _command(isolated_home, status, server.url, server.jsonld_url)
    with TmuxPane.start(tmp_path, command, size=SIZE, cwd=REPO) as pane:
        pane.wait_for(_shows("2 The Marlhaven Courier", " · checked "), "two tabs, blog 1 shown")
        pane.keys("M-2")  # Alt+2, as tmux sends it: ESC then 2
        pane.wait_for(
            lambda s: "The Marlhaven Courier" in s.lines[1] and "No key events" in s.text,
            "blog 2 shown",
        )
        pane.type("b1")  # from any keyboard: b, then the number, in one burst
        pane.wait_for(lambda s: "The Marlhaven Herald" in s.lines[1], "blog 1 shown")
        pane.keys("q")
        assert pane.wait_exit(status) == "0"


CONFIG_TOML = """\
# my settings (kept)
follow = ["https://example.org/live/older"]

[keys]
"blog.poll" = "f5"  # kept too
"""


def test_the_librarys_a_adds_the_url_to_the_follow_list(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    server = _server(make_demo_server)
    config = isolated_home / "config.toml"
    config.write_text(CONFIG_TOML, encoding="utf-8")
    status = tmp_path / "status"
    with TmuxPane.start(
        tmp_path, _library_command(isolated_home, status), size=SIZE, cwd=REPO
    ) as pane:
        pane.wait_for(_shows("No blogs yet"), "the empty library")
        pane.type("a" + server.url)  # a, then the URL pasted at once
        pane.wait_for(_shows(server.url.split("//")[1][:40]), "the URL in the dialog")
        pane.keys("Enter")
        pane.wait_for(_shows(" · checked "), "the blog open")
        assert load_settings(config).follow == ("https://example.org/live/older", server.url)
        text = config.read_text(encoding="utf-8")
        assert "# my settings (kept)" in text and '"blog.poll" = "f5"  # kept too' in text
        pane.keys("q")
        assert pane.wait_exit(status) == "0"


def test_y_inside_tmux_with_its_defaults_leaves_the_quote_in_a_tmux_buffer(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    server = _server(make_demo_server)
    status = tmp_path / "status"
    command = _command(isolated_home, status, server.url)
    with TmuxPane.start(tmp_path, command, size=SIZE, cwd=REPO, options=DEFAULTS) as pane:
        assert pane.run("show-options", "-gv", "set-clipboard").strip() == "external"
        pane.wait_for(_shows(" · checked "), "the blog open")
        pane.keys("y")
        shot = pane.wait_for(_shows("tmux's paste buffer"), "where the quote was sent")
        assert "Copied" not in shot.text
        (quote,) = pane.buffers()
        newest = server.blog.entries_newest_first()[0]
        assert quote.rstrip().endswith(newest.url)
        assert "The Marlhaven Herald: " in quote and " UTC" in quote  # outlet, zone named
        pane.keys("q")
        assert pane.wait_exit(status) == "0"


def test_w_and_terms_in_one_burst_go_to_the_watch_dialog_and_a_footer_click_presses_its_key(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    server = _server(make_demo_server)
    status = tmp_path / "status"
    command = _command(isolated_home, status, server.url)
    with TmuxPane.start(tmp_path, command, size=SIZE, cwd=REPO, options=CONFIG) as pane:
        pane.wait_for(lambda s: " · checked " in s.text and FOOTER in s.lines[-1], "open")
        pane.type("wferry")  # one write: f, e, r, y are the feed's keys too
        shot = pane.wait_for(_shows("Watch for words", "ferry"), "the watch dialog, typed into")
        pane.keys("Escape")
        shot = pane.wait_for(lambda s: "Watch for words" not in s.text, "the dialog closed")
        # The pane is still there (e hid it), nothing was copied (y), nothing polled (r),
        # and the feed does not show only watched entries (f).
        assert shot.find("1 ") is not None
        assert pane.buffers() == []
        assert not any("Polling now" in line or "watched only" in line for line in shot.lines)
        # The footer is one widget drawing every key: a click on "? Help" presses ?.
        footer = shot.lines[-1]
        pane.click(footer.index(FOOTER), len(shot.lines) - 1)
        pane.wait_for(_shows("Keys (Esc closes"), "the help, from a click on the footer")
        pane.keys("Escape")
        pane.wait_for(lambda s: "Keys (Esc closes" not in s.text, "the help closed")
        pane.keys("q")
        assert pane.wait_exit(status) == "0"
