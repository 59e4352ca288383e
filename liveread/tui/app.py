"""The liveread application: the library, the reader's tabs, help and the command palette.

:class:`LivereadApp` starts on the library (bare ``liveread``) or on the blogs
given (``liveread URL1 URL2 ...``, a tab each). Two installed screens, one
in front at a time (``show_library``, ``show_tabs``): ``library``
(:class:`~liveread.tui.library.LibraryScreen`) and ``reader``
(:class:`~liveread.tui.reader.TabsScreen`, a tab per blog), so that going
to the library and back leaves every tab open and followed. It
owns the cache (one connection, used from the app's event loop only), the
clock every time on screen is computed from, and the follow settings.
Everything that can be injected for tests and snapshots is a constructor
argument: a fixed clock (no ticking timers then; the follower
then only asks on first contact and on ``r``), the cache's path, following
on or off, the settings, a keymap, the watches and how alerts are given,
whether to install signal handlers.

The watches in force are the app's (:attr:`LivereadApp.watches`, one
reactive the reader screen passes on to every feed); ``w`` and the watches
screen change them through :meth:`LivereadApp.add_watch` and
:meth:`LivereadApp.remove_watch`, which keep ``config.toml`` in step. Alerts
go through :attr:`LivereadApp.alerts` (:mod:`liveread.tui.alerting`).

``q`` (and Ctrl-C, and SIGTERM/SIGINT) quit cleanly: each open blog's follower
finishes its write, the blog is marked read, and Textual restores the terminal.
Closing a blog's tab (Ctrl+W) does the same for that blog; with the last tab
closed the app shows the library (or quits, when it started on blogs and the
library was never shown).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from liveread.alerts import NotifySettings, Watch, Watches
from liveread.cache import Cache
from liveread.follow import FollowSettings  # the follow engine loads when it starts
from liveread.times import utc_now
from liveread.tui.blog import BlogTab
from liveread.tui.screens import HelpScreen, LibraryScreen, TabsScreen, collect_keys
from liveread.tui.terminal import TerminalAlerts

__all__ = ["LivereadApp"]

#: The signals that quit the app as ``q`` does.
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)
#: The names the two main screens are installed under.
_LIBRARY, _TABS = "library", "tabs"


class LivereadApp(App[None]):
    """Follow live blogs in the terminal.

    Args:
        url: A blog to open at once (None: start on the library, unless *urls*).
        urls: More blogs to open at once, a tab each (after *url*).
        cache: A cache to use (the caller closes it); default: open one at *cache_path*.
        cache_path: Where the cache is (default: under ``$LIVEREAD_HOME``).
        clock: "Now" for everything shown (ages, "updated 12 s ago", the library's
            times) and for the follower's schedule. A fixed clock makes the
            screen deterministic (snapshots): nothing ticks, and after first
            contact the follower asks only when told (``r``).
        follow: Follow blogs (False: ``--offline``, the cache only, no network).
        settings: Follow settings for every blog (default: from *interval* and
            *refresh* per URL, with the floors of :meth:`FollowSettings.for_url`).
        interval: Seconds between polls (None: the default).
        refresh: Seconds between re-reads of page 1 (None: the default).
        max_interval: The longest wait between polls in a quiet spell (None: the default).
        bell: Ring the terminal bell when a new key event arrives.
        keymap: Binding id → keys, to remap keys (e.g. ``{"blog.poll": "f5"}``).
        watches: The watches in force at start (``config.toml``'s ``[[watch]]``).
        notify: How alerts are given (``[notify]``; default: the bell and a
            desktop notification for watch matches, no command).
        handle_signals: Quit cleanly on SIGTERM/SIGINT (tests may turn it off).

    Attributes:
        start_urls: The blogs opened at start, in tab order (none: the library).
        reader: The reader screen (the blogs' tabs).
        cache: The cache.
        clock: The clock everything on screen uses.
        ticking: True when the clock runs (ages are redrawn as it does).
        following: False in ``--offline`` mode.
        bell_on_key_events: ``--bell``.
        keymap: The keymap in force (binding id → keys).
        start_failure: Why the blog given at start could not be followed (exit status 1).
        notices: Every notice shown, in order (plain text; tests read it).
        watches: The watches in force (the one owner; every feed is given them).
        alerts: Gives the alerts that watch matches and key events call for.

    """

    watches: var[Watches] = var(Watches())

    CSS_PATH = Path(__file__).with_name("liveread.tcss")
    TITLE = "liveread"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit",
                tooltip="Quit liveread (followers stop cleanly, the terminal is restored)"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.interrupt",
                tooltip="Quit liveread"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help",
                tooltip="Every key and what it does"),
    ]  # fmt: skip

    def __init__(
        self,
        url: str | None = None,
        *,
        urls: Sequence[str] = (),
        cache: Cache | None = None,
        cache_path: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        follow: bool = True,
        settings: FollowSettings | None = None,
        interval: float | None = None,
        refresh: float | None = None,
        max_interval: float | None = None,
        bell: bool = False,
        keymap: Mapping[str, str] | None = None,
        watches: Iterable[Watch] = (),
        notify: NotifySettings | None = None,
        handle_signals: bool = True,
    ) -> None:
        super().__init__()
        self.set_reactive(LivereadApp.watches, Watches(watches))
        self.alerts = TerminalAlerts(self, notify or NotifySettings())
        self.start_urls = [*([url] if url else []), *urls]
        self.tabs_screen = TabsScreen()
        self._library_shown = False
        self._own_cache = cache is None
        self.cache = cache if cache is not None else Cache(cache_path)
        self.clock: Callable[[], datetime] = clock or utc_now
        self.ticking = clock is None
        self.following = follow
        self.bell_on_key_events = bell
        self._settings = settings
        self._interval = interval
        self._refresh = refresh
        self._max_interval = max_interval
        self._handle_signals = handle_signals
        self._signals: list[signal.Signals] = []
        self.start_failure: str | None = None
        self.notices: list[str] = []
        self._first_frame_shown = False
        self._after_first_frame: list[Callable[[], object]] = []
        self.keymap: dict[str, str] = {}
        if keymap:
            self.set_keymap(dict(keymap))

    # -- settings shared by the screens ---------------------------------------------------

    @property
    def follow_clock(self) -> Callable[[], datetime] | None:
        """The follower's clock: the app's when fixed, else the follower's own."""
        return None if self.ticking else self.clock

    def settings_for(self, url: str) -> FollowSettings:
        """The follow settings for a blog."""
        if self._settings is not None:
            return self._settings
        settings = FollowSettings.for_url(
            url, self._interval, self._refresh, max_interval=self._max_interval
        )
        if settings.warning:
            self.notify(settings.warning, severity="warning", markup=False)
        return settings

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        """Remap keys by Binding id (remembered, so help and the palette show them)."""
        self.keymap = dict(keymap)
        super().set_keymap(self.keymap)

    def update_keymap(self, keymap: Mapping[str, str]) -> None:
        """Add to the keymap by Binding id."""
        self.keymap = {**self.keymap, **keymap}
        super().set_keymap(self.keymap)

    # -- start and screens ------------------------------------------------------------------

    def on_mount(self) -> None:
        """Install the signal handlers, then open the library or the blogs."""
        if self._handle_signals:
            self._install_signals()
        self.install_screen(self.tabs_screen, _TABS)
        if not self.start_urls:
            self.show_library()
            return
        for index, url in enumerate(self.start_urls):
            self.tabs_screen.add_blog(
                url, from_library=False, follow=self.following, show=index == 0
            )
        self.show_tabs()

    def _show(self, name: str) -> None:
        """Bring the library or the reader (:data:`_LIBRARY`, :data:`_TABS`) to the front.

        Both are installed screens, so the one left stays mounted (the tabs
        stay open, and followed). Not Textual's modes: a mode's first screen
        re-parses the whole stylesheet, twice, which on a 5,000-entry blog
        held back the first screen by about 150 ms.
        """
        if name == _LIBRARY and not self.is_screen_installed(_LIBRARY):
            self.install_screen(LibraryScreen(clock=self.clock), _LIBRARY)
        target = self.get_screen(name)
        if self.screen is target:
            return
        if len(self.screen_stack) <= 1:
            self.push_screen(target)  # over Textual's blank default screen, at start
        else:
            self.switch_screen(target)

    def on_ready(self) -> None:
        """The first frame is composed: run what waited for it after the next refresh."""
        self._first_frame_shown = True
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.call_after_refresh(callback)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run *callback* once the app's first frame is on the terminal (soon, if it is).

        ``call_after_refresh`` alone is too early at start-up: the first frame is
        composed inside Textual's start-up batch and reaches the terminal only
        after the refresh that follows the Ready event, so work scheduled any
        earlier delays the first screen (measured in a pty: a 5,000-entry blog's
        first screen at 370 ms that way, 290 ms this way).
        """
        if self._first_frame_shown:
            self.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def open_blog(self, url: str, *, from_library: bool, follow: bool = True) -> None:
        """Show a blog's tab: the one open, or a new one (followed if *follow*, not offline)."""
        self.tabs_screen.add_blog(url, from_library=from_library, follow=follow and self.following)
        self.show_tabs()

    def show_tabs(self) -> None:
        """Show the tabs (the blogs open stay as they were)."""
        self._show(_TABS)

    def show_library(self) -> None:
        """Show the library; the tabs stay open, and followed."""
        self._library_shown = True
        self._show(_LIBRARY)

    async def close_blog(self, view: BlogTab) -> None:
        """Close a blog's tab; with none left, the library (or quit, if never shown)."""
        if await self.tabs_screen.close_blog(view):
            return
        if self._library_shown:
            self.show_library()
        else:
            await self.action_quit()

    def blog_tabs(self) -> list[BlogTab]:
        """The blogs open, in tab order."""
        return self.tabs_screen.views

    # -- watches ------------------------------------------------------------------------

    def add_watch(self, watch: Watch) -> bool:
        """Watch for *watch* from now on, and keep it in ``config.toml``; False if refused."""
        from liveread.config import ConfigError, add_watch

        if any(w.name == watch.name for w in self.watches):
            self.notify(f"There is a watch named {watch.name} already.", markup=False)
            return False
        try:
            add_watch(watch)
        except ConfigError as exc:
            self.notify(f"The watch is kept for this session only: {exc}", markup=False)
        self.watches = Watches([*self.watches, watch])
        self.notify(f"Watching for {watch.name}.", markup=False)
        return True

    def remove_watch(self, name: str) -> None:
        """Stop watching for the watch named *name* (and take it out of ``config.toml``)."""
        from liveread.config import ConfigError, remove_watch

        try:
            remove_watch(name)
        except ConfigError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.watches = Watches([w for w in self.watches if w.name != name])
        self.notify(f"No longer watching for {name}.", markup=False)

    # -- keys -------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Stop every follower after its write, mark the blogs read, and exit."""
        for view in self.blog_tabs():
            await view.leave()
        await self.alerts.aclose()
        self.exit(return_code=1 if self.start_failure else 0)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(collect_keys(self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, then every liveread key of *screen* by name."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for item in collect_keys(screen):
            if item.action in ("quit", "app.quit", "command_palette") or item.description in seen:
                continue
            seen.add(item.description)
            help_text = f"{item.tooltip or item.description} ({' '.join(item.keys)})"
            yield SystemCommand(
                item.description, help_text, partial(self.run_action, item.action, item.node)
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notice (and keep its text in :attr:`notices`)."""
        self.notices.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- signals and the end -------------------------------------------------------------------

    def _install_signals(self) -> None:
        """SIGTERM and SIGINT quit as ``q`` does, from the app's own loop."""
        loop = asyncio.get_running_loop()
        for sig in QUIT_SIGNALS:
            try:
                loop.add_signal_handler(sig, self._on_signal)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover
                continue  # not the main thread, or no signals here (Windows)
            self._signals.append(sig)

    def _on_signal(self) -> None:
        """Called by the loop (not in a signal frame): quit through the usual path."""
        self.call_later(self.action_quit)

    def _remove_signals(self) -> None:
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for sig in self._signals:
                loop.remove_signal_handler(sig)
        self._signals.clear()

    def on_unmount(self) -> None:
        """Put the signal handlers back and close the cache (when it is ours)."""
        self._remove_signals()
        if self._own_cache:
            self.cache.close()
