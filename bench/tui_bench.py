"""Section 4, TUI: opening a 5,000-entry cached blog against a bare Textual app, memory, End.

**The blog**: a demo server (in this process) serves ``DemoBlog.synthetic(5000)``
as the Guardian does, 10 entries a page, and the real ``liveread follow URL
--once`` reads all 500 pages into a fresh ``LIVEREAD_HOME``. That is set-up,
not measured (its time is in the details); ``--quick`` uses 500 entries.

**The runs**, each a fresh interpreter on a 120×40 pseudo-terminal, as a user
starts them (:mod:`bench.tui_pty`), interleaved round by round (bare, offline,
following; the order reversed every other round), after one untimed round:

- *bare*: ``python bench/tui_bare_app.py``, a Textual app with one Static;
- *offline*: ``python -m liveread open URL --offline``, the cached blog only;
- *following*: ``python -m liveread URL``, the demo server still up (informational).

*First screen* is the time from spawning the process to the moment the text
that proves it reached the terminal: the bare app's line; for liveread, the
whole screen: the first words of the newest entry's text (the top of the
feed), the newest key event's number and time (the top of the key-events
pane) and the footer's last key (:data:`FOOTER`), whichever comes last (a part
drawn a frame later counts). It is split at the first byte the program writes
(Textual taking the terminal): before it, Python, the imports and the app's
set-up; after it, mounting, loading the blog and the first paint. *End*: from
writing the End key to the oldest entry's time (its header's label, which no
other entry has) reaching the terminal: not its first words, as the demo's
generated texts repeat, and one entry loaded with the first window (a key
event) begins as the oldest does, so End seemed done before the rest of the
blog was even loaded.
*Memory*: ``VmHWM`` (peak resident set) of the process after End, so with the
whole blog loaded and both ends drawn.

Every interpreter gets the same bytecode cache (``PYTHONPYCACHEPREFIX`` in
the run's temp dir, filled by the untimed round), as an installed package's
modules are compiled at install time; otherwise a ``PYTHONDONTWRITEBYTECODE``
environment would compile liveread (and not Textual) on every start.

Each run opens the blog as at first: the place the run before left the reader at
(``places.json``, where liveread returns a reader to) is removed first.

Targets: first screen ≤ 1.5× the bare app's (issue 12; 2× before), under 250 MB, End < 1 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bench.api import Context, Figure, Row, Target, Unit
from bench.stats import figure, ratio
from bench.tui_bare_app import TEXT as BARE_TEXT
from bench.tui_pty import KEY_END, PtyProgram

if TYPE_CHECKING:
    from liveread.demo.server import DemoServer
    from liveread.model import Entry

__all__ = ["END_TARGET", "FIRST_SCREEN_TARGET", "MEMORY_TARGET", "run"]

#: Time to the first screen ÷ a bare Textual app's must be at most this (issue 12).
FIRST_SCREEN_TARGET = Target("ratio", "<=", 1.5, "≤ 1.5×")
#: Resident memory with the 5,000-entry blog open, in bytes.
MEMORY_TARGET = Target("value", "<=", 250e6, "< 250 MB")
#: Seconds for End to show the oldest entry.
END_TARGET = Target("value", "<=", 1.0, "< 1 s")

_S = "tui"
SIZE = (120, 40)
#: Longest fragment of an entry's text searched for: it must fit on the feed's first
#: body line (about 74 columns at 120 with the key-events pane beside the feed).
_FRAGMENT = 48
_BARE_QUIT = b"\x11"  # Ctrl+Q
#: The footer's last key and its word: on screen, the footer is drawn.
FOOTER = "? Help"


@dataclass
class Blog:
    """The cached blog the runs open.

    Attributes:
        url: Its URL on the demo server (the cache's key).
        home: The ``LIVEREAD_HOME`` holding the cache.
        entries: How many entries it has.
        newest: The first words of the newest entry: on screen, the feed is drawn.
        key_event: The key-events pane's first line's start ("1 27 Nov 14:04"): the pane is.
        oldest: The oldest entry's time as its header shows it (no other entry's):
            on screen, End has shown it.
        build_seconds: How long ``liveread follow --once`` took to read it.

    """

    url: str
    home: Path
    entries: int
    newest: str
    key_event: str
    oldest: str
    build_seconds: float

    @property
    def screen(self) -> tuple[str, str, str]:
        """What shows that the whole first screen is drawn: feed, pane, footer."""
        return (self.newest, self.key_event, FOOTER)


@dataclass
class Runs:
    """Every timed run's figures: ``values[subject][figure]`` is one value per run."""

    values: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def add(self, subject: str, **figures: float) -> None:
        """Record one run of *subject* ("bare", "offline", "following")."""
        for name, value in figures.items():
            self.values.setdefault(subject, {}).setdefault(name, []).append(value)

    def fig(self, subject: str, name: str, unit: Unit = "s") -> Figure:
        """The median and min–max of one figure over *subject*'s runs."""
        return figure(self.values[subject][name], unit)


def _fragment(entry: Entry) -> str:
    """The first words of the entry's first paragraph, at most :data:`_FRAGMENT` characters.

    (A paragraph: the feed shows its text as it is; list items and quotes get marks.)
    """
    text = next(b.text for b in entry.body if b.kind == "paragraph")
    words: list[str] = []
    for word in text.split():
        if len(" ".join([*words, word])) > _FRAGMENT:
            break
        words.append(word)
    return " ".join(words)


def _oldest_label(newest_first: list[Entry]) -> str:
    """The oldest entry's time as the feed's header writes it (in UTC, as :func:`_pane_top`).

    Raises:
        RuntimeError: Another entry has the same label: it would not prove End's work.

    """
    from liveread.times import UTC

    now = datetime.now(timezone.utc)
    label = UTC.clock(newest_first[-1].published, now)
    if sum(UTC.clock(e.published, now) == label for e in newest_first) != 1:
        raise RuntimeError(f"the oldest entry's time {label!r} is not its own: End cannot be told")
    return label


def _pane_top(newest_first: list[Entry]) -> str:
    """How the key-events pane's first line starts: "1 " and the newest key event's time.

    In UTC (the programs run with ``TZ=UTC``), as the pane writes it
    (:meth:`liveread.times.Zone.clock`: the date when not today's).
    """
    from liveread.times import UTC

    key = next(e for e in newest_first if e.key_event or e.summary)
    return f"1 {UTC.clock(key.published, datetime.now(timezone.utc))}"


def _environment(ctx: Context, home: Path) -> dict[str, str]:
    """The programs' environment: a colour terminal, liveread's state in the temp dir."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LIVEREAD_", "TEXTUAL"))
        and k not in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES")
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        TZ="UTC",
        LIVEREAD_HOME=str(home),
        PYTHONPYCACHEPREFIX=str(ctx.workdir / "pycache"),
    )
    return env


def _build(ctx: Context, server: DemoServer) -> Blog:
    """Read the demo server's blog into a fresh cache with ``liveread follow --once``."""
    home = ctx.workdir / "home"
    home.mkdir(mode=0o700, exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        # No time limit: on a busy machine the 500 pages take longer than --once's
        # default 55 s, and a blog cut short has no oldest entry for End to show.
        [ctx.python, "-m", "liveread", "follow", server.url, "--once", "--give-up-after", "3600"],
        cwd=ctx.repo,
        env=_environment(ctx, home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"follow --once exited {done.returncode}: {done.stderr[-500:]}")
    order = server.change(lambda demo: demo.entries_newest_first())
    _check_whole(ctx, home, len(order))
    return Blog(
        server.url,
        home,
        len(order),
        _fragment(order[0]),
        _pane_top(order),
        _oldest_label(order),
        time.perf_counter() - started,
    )


def _check_whole(ctx: Context, home: Path, entries: int) -> None:
    """Fail unless the cache holds every entry of the demo blog (a walk cut short does not)."""
    done = subprocess.run(
        [ctx.python, "-m", "liveread", "list", "--json"],
        cwd=ctx.repo,
        env=_environment(ctx, home),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    held = [json.loads(line).get("entries") for line in done.stdout.splitlines() if line.strip()]
    if held != [entries]:
        raise RuntimeError(f"follow --once cached {held} of {entries}: {done.stderr[-500:]}")


def _open_blog(ctx: Context, blog: Blog, runs: Runs | None, *, offline: bool) -> None:
    """One run of liveread on the cached blog: first screen, End, memory."""
    argv = [ctx.python, "-m", "liveread", "open", blog.url]
    subject = "offline" if offline else "following"
    # Each run opens the blog at its newest entries: the place the last run left it
    # at (liveread returns a reader there) is forgotten.
    (blog.home / "places.json").unlink(missing_ok=True)
    with PtyProgram(
        [*argv, "--offline"] if offline else argv, _environment(ctx, blog.home), ctx.repo, SIZE
    ) as program:
        first = program.wait_for_all(blog.screen) - program.started
        resident = program.memory()["VmRSS"]
        mark = program.written
        pressed = program.press(KEY_END)
        end = program.wait_for(blog.oldest, since=mark) - pressed
        memory = program.memory()
        status = program.quit(b"q")
    if status != 0:
        raise RuntimeError(f"liveread ({subject}) exited {status}: {program.tail()}")
    if runs is not None:
        assert program.first_output is not None
        runs.add(
            subject,
            first=first,
            first_output=program.first_output,
            after_output=first - program.first_output,
            end=end,
            rss_first=resident,
            hwm=memory["VmHWM"],
        )


def _open_bare(ctx: Context, blog: Blog, runs: Runs | None) -> None:
    """One run of the bare Textual app: first screen, memory."""
    script = str(Path(__file__).with_name("tui_bare_app.py"))
    with PtyProgram([ctx.python, script], _environment(ctx, blog.home), ctx.repo, SIZE) as app:
        first = app.wait_for(BARE_TEXT) - app.started
        memory = app.memory()
        status = app.quit(_BARE_QUIT)
    if status != 0:
        raise RuntimeError(f"the bare app exited {status}: {app.tail()}")
    if runs is not None:
        assert app.first_output is not None
        runs.add(
            "bare",
            first=first,
            first_output=app.first_output,
            after_output=first - app.first_output,
            hwm=memory["VmHWM"],
        )


def _measure(ctx: Context, blog: Blog, repeats: int) -> Runs:
    """One untimed round (fills the bytecode cache), then *repeats* interleaved rounds."""
    runs = Runs()
    subjects: list[Callable[[Runs | None], None]] = [
        lambda r: _open_bare(ctx, blog, r),
        lambda r: _open_blog(ctx, blog, r, offline=True),
        lambda r: _open_blog(ctx, blog, r, offline=False),
    ]
    for round_index in range(1 + repeats):
        order = subjects if round_index % 2 == 0 else subjects[::-1]
        for subject in order:
            subject(runs if round_index else None)
    return runs


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def _rows(blog: Blog, runs: Runs, quick: bool) -> list[Row]:
    size = f"{blog.entries:,}-entry cached blog" + (" (--quick)" if quick else "")
    bare, offline, following = (runs.fig(s, "first") for s in ("bare", "offline", "following"))
    split = {s: (runs.fig(s, "first_output"), runs.fig(s, "after_output")) for s in runs.values}
    where = "; ".join(
        f"{name}: {_ms(split[key][0].median)} to Textual's first output + "
        f"{_ms(split[key][1].median)} to the screen"
        for key, name in (("offline", "liveread"), ("bare", "bare"))
    )
    hwm = runs.fig("offline", "hwm", "B")
    rss_first = runs.fig("offline", "rss_first", "B").median / 2**20
    details = {
        "entries": blog.entries,
        "build_seconds": round(blog.build_seconds, 1),
        "newest_text": blog.newest,
        "key_event_text": blog.key_event,
        "footer_text": FOOTER,
        "oldest_text": blog.oldest,
        "runs": runs.values,
    }
    return [
        Row(_S, f"first screen, {size}, open --offline ÷ a bare Textual app", offline, bare,
            ratio(offline, bare), FIRST_SCREEN_TARGET, note=where, details=details),
        Row(_S, "  of which: start → Textual's first output (Python, imports, set-up)",
            split["offline"][0], split["bare"][0], ratio(split["offline"][0], split["bare"][0])),
        Row(_S, "  of which: first output → on screen (mount, load, first paint)",
            split["offline"][1], split["bare"][1], ratio(split["offline"][1], split["bare"][1])),
        Row(_S, "first screen, following (liveread URL, demo server up) ÷ bare", following,
            bare, ratio(following, bare),
            note="informational: the follower starts once the first frame is on the terminal"),
        Row(_S, f"resident memory (peak, VmHWM), {size} open, after End", hwm,
            runs.fig("bare", "hwm", "B"), ratio(hwm, runs.fig("bare", "hwm", "B")),
            MEMORY_TARGET, note=f"VmRSS at the first screen: {rss_first:.0f} MiB"),
        Row(_S, "End shows the oldest entry (key written → its text on the terminal)",
            runs.fig("offline", "end"), target=END_TARGET,
            note=f"following: {_ms(runs.fig('following', 'end').median)}"),
    ]  # fmt: skip


def run(ctx: Context) -> list[Row]:
    """Measure section 4 and return its rows."""
    from liveread.demo import DemoBlog
    from liveread.demo.server import DemoServer

    entries = 500 if ctx.quick else 5000
    repeats = ctx.repeats(9, 3)
    server = DemoServer(blog_factory=lambda url: DemoBlog.synthetic(entries, base_url=url))
    with server:
        ctx.log(f"tui: reading a {entries:,}-entry demo blog with `liveread follow --once`")
        blog = _build(ctx, server)
        ctx.log(
            f"tui: built in {blog.build_seconds:.1f} s; bare app, open --offline and "
            f"following, {repeats} rounds"
        )
        runs = _measure(ctx, blog, repeats)
    return _rows(blog, runs, ctx.quick)
