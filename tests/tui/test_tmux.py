"""The real ``liveread URL`` in tmux on the hostile demo: page text never acts on the terminal.

A DemoServer (in this process) serves the hostile story, whose every string
carries an OSC 0 title change, an OSC 52 clipboard write, an OSC 8 link, a
CSI clear screen, the 8-bit CSI, a bidi override and Rich/Textual markup.
The real command runs in a tmux pane whose server acts on all of that
(``set-titles on``, ``set-clipboard on``). Before liveread starts, the pane's
shell sends a harmless OSC 0 and OSC 52 of its own: the canaries prove that
this pane would act on such sequences. Then the story advances (a hostile
entry arrives live, one is edited, one pinned) and the reader presses the
keys that put more page text on screen (jumps, search, the diff, help, the
pinned post, End) and clicks on the literal ``[@click=app.quit]`` text.

What it shows: the pane title is still the canary's and the paste buffers
hold only the canary (no OSC 0 / OSC 52 from page text reached tmux); every
screen keeps the app's frame whole (header, every row drawn, footer: nothing
cleared it) and shows the hostile strings as sanitized literal text (markup
as brackets, escape sequences minus their control bytes); clicking the
markup does nothing; ``y`` still copies (the app's own OSC 52 works, with
clean text), and ``q`` ends the program with status 0.
"""

from __future__ import annotations

import base64
import shlex
import sys
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rich.cells import cell_len

from liveread.demo.server import DemoServer
from liveread.sanitize import clean
from tests.support.hostile import BIDI_OVERRIDE, CSI_8BIT, CSI_CLEAR, MARKUP_CLICK, OSC_TITLE

from .tmux_support import Shot, TmuxPane, tmux_path

pytestmark = pytest.mark.skipif(
    tmux_path() is None, reason="tmux is not installed: the real-terminal test needs it"
)

REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 40)
CANARY_TITLE = "liveread-tmux-canary"
CANARY_CLIP = "canary-clipboard"
#: The app's frame: the footer's last key, on the last row of every screen.
FOOTER = "? Help"
#: What the sanitizer leaves of the page's strings: the literal text the reader must see.
HEADLINE = clean(f"Hostile demo {OSC_TITLE}{MARKUP_CLICK}")
LATER_TITLE = clean(f"Arrives later {OSC_TITLE}")
LATER_BODY = clean(f"A new entry by poll {CSI_CLEAR}{MARKUP_CLICK}.")
AUTHOR = clean(f"Eve{CSI_CLEAR} Mallory")
FILLER = clean(f"Filler text 35 {CSI_8BIT}.")
QUOTE = clean(f"A quote {BIDI_OVERRIDE}that reverses")
EDITED_TITLE = "Edited title ]52;c;aGk="
EDITED_BODY = "Edited body 2J[/"


def _command(url: str, home: Path, status_file: Path) -> str:
    """The pane's shell line: the canaries, the real command as a user types it, its status."""
    clip = base64.b64encode(CANARY_CLIP.encode()).decode()
    canaries = f"printf '\\033]0;{CANARY_TITLE}\\007\\033]52;c;{clip}\\007'"
    env = f"env LIVEREAD_HOME={shlex.quote(str(home))} TZ=UTC"
    run = f"{shlex.quote(sys.executable)} -m liveread {shlex.quote(url)}"
    status = f"echo $? > {shlex.quote(str(status_file))}"
    return f"{canaries}; {env} {run} --interval 0.5 --refresh 0.5; {status}"


def _controls(text: str) -> set[str]:
    """Control and format characters (ESC, BEL, C1, bidi) in *text*, newlines aside."""
    return {c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")}


def _shows(*fragments: str) -> Callable[[Shot], bool]:
    return lambda shot: all(f in shot.text for f in fragments)


class Checks:
    """What must hold on every screen: nothing from the page acted on the terminal.

    Checked once the screen a step waits for is there, and waited for too: a
    frame can be caught half-way (the feed drawn, the header not yet updated),
    and only what stays wrong fails. A cleared screen stays wrong: Textual
    redraws only what changed, so the rows a clear blanked stay blank.
    """

    def __init__(self, pane: TmuxPane) -> None:
        self.pane = pane

    def problems(self, shot: Shot) -> list[str]:
        """Everything wrong with *shot* (and the pane's title and buffers), in words."""
        lines, found = shot.lines, []
        if len(lines) != SIZE[1]:
            found.append(f"{len(lines)} rows")
        if not all(line.strip() for line in lines):
            found.append("a blank row")
        if not lines or HEADLINE not in lines[0]:
            found.append("the header's title is not on the first row")
        if not lines or FOOTER not in lines[-1]:
            found.append("the footer is not on the last row")
        if _controls(shot.text):
            found.append(f"control characters on screen: {_controls(shot.text)!r}")
        # tmux 3.4+ keeps OSC 8 links and -e shows them; 3.3 drops them (vacuous there).
        if "\x1b]8;;https://evil" in shot.styled:
            found.append("a hyperlink from page text")
        if (title := self.pane.title()) != CANARY_TITLE:
            found.append(f"the pane title is now {title!r}")
        if (buffers := self.pane.buffers()) != [CANARY_CLIP]:
            found.append(f"the paste buffers are now {buffers!r}")
        return found

    def wait(self, condition: Callable[[Shot], object], what: str) -> Shot:
        """Wait for *condition* on a screen that passes every check; fail saying what is wrong."""
        wrong: list[str] = []

        def ready(shot: Shot) -> bool:
            wrong[:] = self.problems(shot) if condition(shot) else ["not there yet"]
            return not wrong

        try:
            return self.pane.wait_for(ready, what)
        except AssertionError as exc:
            raise AssertionError(f"{what}: {'; '.join(wrong)}\n{exc}") from None


def _pane_part(line: str) -> str:
    """What of a screen row is the key-events pane's: left of its border (``▎``)."""
    return line.partition("▎")[0] if "▎" in line else ""


def _pane_shows(fragment: str) -> Callable[[Shot], bool]:
    """The key-events pane (not the feed beside it) shows *fragment*."""
    return lambda shot: any(fragment in _pane_part(line) for line in shot.lines)


def _pane_find(shot: Shot, fragment: str) -> tuple[int, int] | None:
    """The (column, row) where *fragment* shows in the key-events pane, or None."""
    for row, line in enumerate(shot.lines):
        index = _pane_part(line).find(fragment)
        if index >= 0:
            return cell_len(line[:index]), row
    return None


def _pinned_is(title: str) -> Callable[[Shot], bool]:
    """The pinned strip (the first PINNED badge on screen) shows the entry titled *title*."""

    def holds(shot: Shot) -> bool:
        rows = [i for i, line in enumerate(shot.lines) if "PINNED" in line]
        # Right of the key-events pane's border: the strip, not the pane's own list.
        return bool(rows) and title in shot.lines[rows[0] + 1].partition("▎")[2]

    return holds


def test_hostile_page_text_leaves_title_clipboard_and_screen_alone(
    make_demo_server: Callable[..., DemoServer], isolated_home: Path, tmp_path: Path
) -> None:
    server = make_demo_server(hostile=True, start=datetime.now(timezone.utc).replace(microsecond=0))
    status = tmp_path / "status"
    command = _command(server.url, isolated_home, status)
    with TmuxPane.start(tmp_path, command, size=SIZE, cwd=REPO) as pane:
        check = Checks(pane)
        # Waits for a screen, not for the sanitized text: were the text not sanitized, the
        # failure should name what went wrong (title, blank rows ...), not just "timed out".
        shot = check.wait(lambda s: "Filler" in s.text and FOOTER in s.lines[-1], "first screen")
        # The check found the canaries' title and buffer: this pane does act on OSC 0 and
        # OSC 52, so their staying unchanged (checked on every screen) means something.
        assert FILLER in shot.text and AUTHOR in shot.text and "]0;pwned" in shot.lines[0]

        # -- live: a hostile entry arrives at the top, marked NEW ---------------------------
        server.advance()
        # It is a key event too: the clicks below aim at rows taken from this screen, so it
        # must be the one after the pane took the entry (the feed can show it a frame
        # before the pane does, and the pane's rows then move down under the click).
        shot = check.wait(
            lambda s: _shows(LATER_TITLE, LATER_BODY)(s) and _pane_shows("Arrives later")(s),
            "the entry published live, in the feed and the key-events pane",
        )
        # Click the literal "[@click=app.quit]x[/]" in the entry and in the header: as
        # markup it would be a link that quits.
        for fragment in (LATER_BODY, HEADLINE):
            where = shot.find(fragment)
            assert where is not None, fragment
            pane.click(where[0] + fragment.index("x[/]"), where[1])
        # A click that does something (a key event in the pane): clicks do reach the app,
        # and it still runs after the ones above.
        where = _pane_find(shot, "Title that sets the")
        assert where is not None
        pane.click(*where)
        shot = check.wait(_shows("A paragraph that clears the screen"), "the clicked key event")
        assert not pane.dead()

        # -- an edit and a new pinned post, in place ------------------------------------------
        server.advance()
        check.wait(_shows(EDITED_TITLE, EDITED_BODY), "the edit")
        server.advance(2)  # a removal (of an old page's entry: not seen, by design) and a pin
        check.wait(_pinned_is(LATER_TITLE), "the new pinned post")

        # -- keys that put more page text on screen -----------------------------------------
        pane.keys("Tab")  # the click focused the key-events pane; back to the feed
        check.wait(lambda s: "][ Key event" in s.lines[-1], "the feed focused")
        pane.keys("Home")
        check.wait(lambda s: LATER_BODY in s.text and EDITED_BODY not in s.text, "Home")
        pane.keys("]")  # the next key event: the untitled summary with the hostile photo
        check.wait(_shows("Photograph: ]52;c;aGk=Nobody/[@click=app.quit]x[/]"), "]")
        pane.keys("]")
        check.wait(_shows(EDITED_BODY), "] again")
        pane.keys("/")
        pane.type("click")
        pane.keys("Enter")
        shot = check.wait(_shows("/ click:"), "the search")
        assert "[@click=app.quit]x[/] [bold]not bold[/bold]" in shot.text
        pane.keys("Escape")
        check.wait(lambda s: "/ click:" not in s.text, "the search cleared")
        pane.keys("3")
        check.wait(_shows(EDITED_BODY), "key event 3")
        pane.keys("d")
        check.wait(_shows("Revision 2 of 2", "A paragraph that clears the screen [2J"), "d")
        pane.keys("Escape")
        check.wait(lambda s: "Revision 2 of 2" not in s.text, "the diff closed")
        pane.keys("?")
        check.wait(_shows("Keys (Esc closes"), "help")
        pane.keys("Escape")
        check.wait(lambda s: "Keys (Esc closes" not in s.text, "help closed")
        pane.keys("Home")
        check.wait(lambda s: EDITED_BODY not in s.text, "Home again")
        pane.keys("p")
        check.wait(lambda s: _pinned_is(LATER_TITLE)(s) and "more lines" not in s.text, "p")
        pane.keys("p")
        check.wait(_shows("more lines (p shows"), "p again")
        pane.keys("End")
        check.wait(_shows(EDITED_BODY, QUOTE, "]8;;https://evil.invalid/\\click me]8;;\\"), "End")

        # -- the app's own clipboard write still works, with the page text clean -------------
        pane.keys("y")
        # Its OSC 52 (this server takes it) and, inside tmux, tmux's own buffer too.
        pane.wait_for(lambda _s: len(pane.buffers()) >= 2, "the quote copied with y")
        quote = pane.buffers()[0]
        assert quote.startswith(EDITED_TITLE) and EDITED_BODY in quote
        assert not _controls(quote), _controls(quote)
        assert pane.title() == CANARY_TITLE

        pane.keys("q")
        assert pane.wait_exit(status) == "0"
        assert pane.show("#{alternate_on}") == "0"  # the terminal was given back
