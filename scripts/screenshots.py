"""Regenerate ``screenshots/*.svg``: the real app on the demo blog, headless.

Run from the repository root::

    python scripts/screenshots.py            # every screenshot
    python scripts/screenshots.py main diff  # only these

Each screenshot is one scene: a fresh demo server on a free loopback port, a
fresh ``LIVEREAD_HOME`` in a temporary folder (the user's own cache is never
opened), the app driven through Textual's Pilot at a fixed terminal size, then
:meth:`~textual.app.App.export_screenshot`. Everything that could differ from
one run to the next is pinned, so a rerun rewrites the files byte for byte
unless the UI changed:

- the clock: the app, its cache and the follower all read one hand-moved clock
  (:class:`HandClock`), set to the demo story's own times (14:31, 14:34, ...);
- the time zone: ``TZ=UTC`` (the app shows local times);
- the size: 120x40 mostly (80x24 for the narrow one; the diff and the library,
  which need less room, shorter);
- the port: the server's port appears nowhere on screen (the library shows
  the host only, and the blog's title replaces its URL once read).

Rerun it whenever the UI changes, and look at the result.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

# The app shows local times: pin the zone before anything reads it.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()
# What the user's environment could change on screen: colours off, another theme or
# colour filters (Textual reads some of these on import).
for _name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_FILTERS", "TEXTUAL_COLOR_SYSTEM"):
    os.environ.pop(_name, None)

REPO = Path(__file__).resolve().parent.parent
# Run from a checkout without installing: the repository's liveread, not another one.
sys.path.insert(0, str(REPO))

from liveread.alerts import Watch  # noqa: E402
from liveread.cache import Cache  # noqa: E402
from liveread.demo import DEFAULT_START  # noqa: E402
from liveread.demo.server import DemoServer  # noqa: E402
from liveread.follow import Follower, FollowSettings  # noqa: E402
from liveread.tui.app import LivereadApp  # noqa: E402
from liveread.tui.blog import BlogTab  # noqa: E402
from liveread.tui.screens import LibraryScreen, WatchesScreen  # noqa: E402

OUT = REPO / "screenshots"
WIDE = (120, 40)
NARROW = (80, 24)
#: The app's polling settings: the header says "next poll in 30 s", as it would for
#: a real blog; with the clock held still, the app polls only when a scene presses r.
SETTINGS = FollowSettings(interval=30.0, refresh=120.0)
#: The theme of every screenshot (Textual's default, named so a default that moves does not).
THEME = "textual-dark"
#: Longest wait for the app to reach a state, in seconds.
TIMEOUT = 20.0
#: The watches of the scenes with several blogs.
WATCHES = (
    Watch(name="crossings", terms=("Tollbridge", "Heron Bridge")),
    Watch(name="boats", terms=("ferry", "boat*")),
)


def at(hours: int, minutes: int, seconds: int = 0) -> datetime:
    """A time on the demo story's day (UTC)."""
    return DEFAULT_START.replace(hour=hours, minute=minutes, second=seconds)


class HandClock:
    """A clock that moves only when a scene moves it (so the screen is the same on every run).

    Attributes:
        now: The present, as the app, its cache and the follower see it.

    """

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        """The present."""
        return self.now


@dataclass
class Scene:
    """Everything one screenshot is made with.

    Attributes:
        home: The scene's own LIVEREAD_HOME.
        server: The demo server (story clock stopped: it changes only when told).
        clock: The clock shared by the app, its cache and the followers.
        cache: The app's cache, on that clock.

    """

    home: Path
    server: DemoServer
    clock: HandClock
    cache: Cache

    def app(
        self, urls: list[str], *, watches: tuple[Watch, ...] = (), follow: bool = True
    ) -> LivereadApp:
        """The real app on this scene's cache and clock, on *urls* (none: the library)."""
        app = LivereadApp(
            urls=urls,
            cache=self.cache,
            clock=self.clock,
            settings=SETTINGS,
            watches=watches,
            follow=follow,
            handle_signals=False,
        )
        app.theme = THEME
        return app


async def wait_for(pilot: Any, condition: Callable[[], object], what: str) -> None:
    """Let the app run until *condition()* holds."""
    end = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > end:
            raise RuntimeError(f"timed out waiting for {what}")
        await pilot.pause(0.02)
    await pilot.pause()


async def settle(pilot: Any) -> None:
    """Let every pending refresh and layout happen (and drop the notices: they time out)."""
    pilot.app.clear_notifications()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def follow_once(url: str, cache: Cache, clock: HandClock) -> None:
    """Read a blog into the cache once, as ``liveread follow --once`` does (on *clock*)."""
    settings = FollowSettings.for_url(url, once=True)
    follower = Follower(url, cache, settings=settings, on_event=lambda _e: None, clock=clock)
    await asyncio.wait_for(follower.run(), timeout=TIMEOUT)


# -- the blog screen, as it stands a few minutes into the story -----------------------


def shown_blog(app: LivereadApp) -> BlogTab | None:
    """The blog whose tab is shown, when the reader screen is in front."""
    return app.tabs_screen.blog_tab if app.screen is app.tabs_screen else None


async def open_live_blog(pilot: Any, scene: Scene) -> BlogTab:
    """Open the demo blog at 14:31, then let two entries arrive (a key event among them).

    The reader is at the top of the feed, so both appear at once, marked NEW;
    the key event joins the pane.
    """
    app = pilot.app

    def live() -> bool:
        screen = shown_blog(app)
        if screen is None or not screen.feed.is_mounted or not screen.feed.shown_ids:
            return False
        status = screen.liveness.status
        return status is not None and status.state == "live"

    await wait_for(pilot, live, "the blog to be read")
    screen = shown_blog(app)
    assert screen is not None
    # The story's 14:32 and 14:34 entries. Counted, not looked up by id: each
    # format names its entries its own way.
    before = len(screen.feed.shown_ids)
    arrivals = scene.server.advance(2)
    scene.clock.now = at(14, 34, 20)
    await pilot.press("r")
    await wait_for(
        pilot, lambda: len(screen.feed.shown_ids) == before + len(arrivals), "the arrivals"
    )
    await settle(pilot)
    return screen


async def shot_main(pilot: Any, scene: Scene) -> None:
    """The main screen, wide: header, key events beside the feed, the pinned strip."""
    await open_live_blog(pilot, scene)


async def shot_narrow(pilot: Any, scene: Scene) -> None:
    """The same at 80x24: the key-events pane folded away (``e`` shows it)."""
    await open_live_blog(pilot, scene)


async def shot_jump(pilot: Any, scene: Scene) -> None:
    """Straight after ``4``: the fourth key event's entry at the top, marked; a photo caption."""
    await open_live_blog(pilot, scene)
    await pilot.press("4")
    await pilot.pause()  # the mark fades after 1.5 s: take the picture now


async def shot_search(pilot: Any, scene: Scene) -> None:
    """``/`` Tollbridge: only the matching entries, the matches highlighted."""
    await open_live_blog(pilot, scene)
    await pilot.press("slash", *"Tollbridge", "enter")
    await settle(pilot)


async def shot_diff(pilot: Any, scene: Scene) -> None:
    """``d`` on the rest-centres post after the story's 14:35 edit: a word diff."""
    screen = await open_live_blog(pilot, scene)
    (edit,) = scene.server.advance()  # the story's 14:35 edit of the rest-centres post
    assert edit.kind == "edit" and edit.entry_id is not None, edit
    edited = edit.entry_id
    scene.clock.now = at(14, 35, 40)
    await pilot.press("r")

    def revised() -> bool:
        entry = screen.feed.entry(edited)
        return entry is not None and len(entry.revisions) > 1

    await wait_for(pilot, revised, "the edit")
    # Unmarked: the jump's mark, dimmed behind the dialog, would only be noise.
    screen.feed.jump_to(edited, mark=False)
    await pilot.press("d")
    await settle(pilot)


async def shot_help(pilot: Any, scene: Scene) -> None:
    """``?``: every key of the blog screen, from the bindings themselves."""
    await open_live_blog(pilot, scene)
    await pilot.press("question_mark")
    await settle(pilot)


async def shot_reach(pilot: Any, scene: Scene) -> None:
    """The demo as a Reach-platform page: key events from the entries' markers, captions inline."""
    await open_live_blog(pilot, scene)


async def shot_amp(pilot: Any, scene: Scene) -> None:
    """The demo as an AMP live list: key events from its key-points box, captions inline."""
    await open_live_blog(pilot, scene)


async def shot_photo(pilot: Any, scene: Scene) -> None:
    """``i`` on an entry with a photo: the demo's own photo in half-blocks, caption and credit."""
    from liveread.tui.photo import PhotoScreen

    screen = await open_live_blog(pilot, scene)
    newest_first = sorted(screen.feed.entries, key=lambda e: e.published, reverse=True)
    photo = next(e.id for e in newest_first if any(b.image and b.image.url for b in e.body))
    screen.feed.jump_to(photo, mark=False)
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PhotoScreen), "the photo")
    await settle(pilot)


async def shot_header(pilot: Any, scene: Scene) -> None:
    """A blog whose newest entry is 853 days old: its date, with the year, apart from the check."""
    app = pilot.app

    def shown() -> bool:
        screen = shown_blog(app)
        return screen is not None and screen.feed.is_mounted and bool(screen.feed.shown_ids)

    await wait_for(pilot, shown, "the old blog")
    await settle(pilot)


async def shot_bbc(pilot: Any, scene: Scene) -> None:
    """The demo as a BBC News page over its live-text stream: breaking posts as key events."""
    await open_live_blog(pilot, scene)


async def shot_aljazeera(pilot: Any, scene: Scene) -> None:
    """The demo as an Al Jazeera blog over its GraphQL API: its summary bullets, captions split."""
    await open_live_blog(pilot, scene)


# -- several blogs: the demo and its JSON-LD copy, a tab each -------------------------------


async def open_two_blogs(pilot: Any, scene: Scene) -> LivereadApp:
    """Both blogs read at 14:31; at 14:34 two entries reach the JSON-LD copy, in the background."""
    app: LivereadApp = pilot.app

    def both() -> bool:
        views = app.blog_tabs()
        return len(views) == 2 and all(v.liveness.polling and v.blog_title for v in views)

    await wait_for(pilot, both, "both blogs to be read")
    second = app.blog_tabs()[1]
    arrivals = [h.entry_id for h in scene.server.advance(2) if h.kind == "publish"]
    scene.clock.now = at(14, 34, 20)
    second.action_poll_now()
    await wait_for(pilot, lambda: second.unread == len(arrivals), "the arrivals in tab 2")
    await settle(pilot)
    return app


async def shot_tabs(pilot: Any, scene: Scene) -> None:
    """Two blogs in tabs: each named apart, two entries unread in the second; watches underlined."""
    await open_two_blogs(pilot, scene)


async def shot_timeline(pilot: Any, scene: Scene) -> None:
    """``t``: both blogs' entries newest first, each named in its blog's colour."""
    await open_two_blogs(pilot, scene)
    await pilot.press("t")
    await settle(pilot)


async def shot_watches(pilot: Any, scene: Scene) -> None:
    """``W``: the watches in force (``w`` adds one, ``x`` removes the one highlighted)."""
    await open_two_blogs(pilot, scene)
    await pilot.press("W")
    assert isinstance(pilot.app.screen, WatchesScreen)
    await settle(pilot)


# -- the library ------------------------------------------------------------------------


async def fill_library(scene: Scene) -> None:
    """Cache three blogs: the demo, its JSON-LD copy and yesterday's edition.

    The demo was read at 14:33 and two entries came since; the JSON-LD copy
    was never opened; yesterday's edition has ended.
    """
    server, clock, cache = scene.server, scene.clock, scene.cache
    clock.now = at(14, 31)
    await follow_once(server.url, cache, clock)
    cache.mark_read(server.url, at=at(14, 33))
    server.advance(2)
    clock.now = at(14, 34, 20)
    await follow_once(server.url, cache, clock)
    clock.now = at(14, 35, 10)
    await follow_once(server.jsonld_url, cache, clock)
    yesterday = DEFAULT_START - timedelta(days=1)
    with DemoServer(start=yesterday, ends=True, poll_max_age=None) as ended:
        while ended.blog.live:
            ended.advance()
        clock.now = yesterday.replace(hour=16, minute=2)
        await follow_once(ended.microdata_url, cache, clock)
        cache.mark_read(ended.microdata_url, at=clock.now)
    clock.now = at(14, 36)


async def shot_library(pilot: Any, scene: Scene) -> None:
    """Bare ``liveread``: every cached blog, newest activity first."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    await settle(pilot)


# -- running the scenes -----------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    """One screenshot: its file, its size, what to do first and what to do on screen.

    *page* names the demo server's address the blog is opened at (``url``: the
    Guardian-style page; ``reach_url``, ``amp_url``: the other formats), or a
    demo format by name (``bbc``, ``aljazeera``).
    """

    name: str
    size: tuple[int, int]
    drive: Callable[[Any, Scene], Awaitable[None]]
    library: bool = False
    two_blogs: bool = False
    page: str = "url"
    old_blog: bool = False

    @property
    def description(self) -> str:
        """The first line of the scene's docstring."""
        return (self.drive.__doc__ or "").strip().splitlines()[0]


SHOTS = (
    Shot("main", WIDE, shot_main),
    Shot("narrow", NARROW, shot_narrow),
    Shot("jump", WIDE, shot_jump),
    Shot("search", WIDE, shot_search),
    Shot("diff", (120, 30), shot_diff),
    Shot("library", (120, 12), shot_library, library=True),
    Shot("help", WIDE, shot_help),
    Shot("reach", WIDE, shot_reach, page="reach_url"),
    Shot("amp", WIDE, shot_amp, page="amp_url"),
    Shot("bbc", WIDE, shot_bbc, page="bbc"),
    Shot("aljazeera", WIDE, shot_aljazeera, page="aljazeera"),
    Shot("tabs", WIDE, shot_tabs, two_blogs=True),
    Shot("timeline", WIDE, shot_timeline, two_blogs=True),
    Shot("watches", (120, 30), shot_watches, two_blogs=True),
    Shot("photo", WIDE, shot_photo),
    Shot("header", (120, 12), shot_header, old_blog=True),
)
#: How old the old blog of the header scene is.
OLD = timedelta(days=853)


async def take(shot: Shot, out: Path) -> Path:
    """Make one screenshot in a scene of its own; return the file written."""
    with tempfile.TemporaryDirectory(prefix="liveread-shots-") as tmp:
        home = Path(tmp)
        os.environ["LIVEREAD_HOME"] = str(home)  # this script's own process: never the user's
        clock = HandClock(at(14, 31))
        start = DEFAULT_START - OLD if shot.old_blog else DEFAULT_START
        with (
            DemoServer(start=start, poll_max_age=None) as server,
            Cache(home / "cache.sqlite3", now=clock) as cache,
        ):
            scene = Scene(home, server, clock, cache)
            if shot.library:
                await fill_library(scene)
            if shot.old_blog:
                clock.now = at(14, 31) - timedelta(days=1)  # checked yesterday
                await follow_once(server.url, cache, clock)
                clock.now = at(14, 31)
                app = scene.app([server.url], follow=False)
            elif shot.library:
                app = scene.app([])
            elif shot.two_blogs:
                app = scene.app([server.url, server.jsonld_url], watches=WATCHES)
            else:
                page = shot.page
                app = scene.app(
                    [getattr(server, page) if page.endswith("url") else server.url_for(page)]
                )
            async with app.run_test(size=shot.size) as pilot:
                await shot.drive(pilot, scene)
                svg = app.export_screenshot()
                await pilot.press("q")
    path = out / f"{shot.name}.svg"
    path.write_text(svg, encoding="utf-8", newline="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    """Make the screenshots asked for (all by default)."""
    names = [shot.name for shot in SHOTS]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"screenshots to make: {', '.join(names)} (all)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write to")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(names))
    if unknown:
        parser.error(f"no such screenshot: {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        if args.names and shot.name not in args.names:
            continue
        path = asyncio.run(take(shot, args.out))
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        print(f"{shown}  {shot.size[0]}x{shot.size[1]}  {shot.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
