"""The liveread application: the library, the tabs, help and the command palette.

:class:`LivereadApp` starts on the library (bare ``liveread``) or on the blogs
given (``liveread URL1 URL2 ...``, a tab each). Two installed screens, one
in front at a time (``show_library``, ``show_tabs``): ``library``
(:class:`~liveread.tui.screens.LibraryScreen`) and ``tabs``
(:class:`~liveread.tui.screens.TabsScreen`, a tab per blog), so that going
to the library and back leaves every tab open and followed. It owns the cache
(one connection, used from the app's event loop only), the clock every time on
screen is computed from, where times are shown (local time or UTC, ``u``), and
the follow settings: it is the :class:`~liveread.tui.host.Host` the screens
and widgets ask. Everything that can be injected for tests and snapshots is a
constructor argument: a fixed clock (no ticking timers then; the follower
then only asks on first contact and on ``r``), the cache's path, the config
file's, following on or off, the settings, a keymap, the watches and how
alerts are given, the environment, whether to install signal handlers.

The watches in force are the app's (:attr:`LivereadApp.watches`, one
reactive the tabs screen passes on to every feed); ``w`` and the watches
screen change them through :meth:`LivereadApp.add_watch` and
:meth:`LivereadApp.remove_watch`, which keep ``config.toml`` in step. Alerts
and the clipboard go through :attr:`LivereadApp.terminal`
(:mod:`liveread.tui.terminal`).

Keys typed ahead: a key that opens a text input (``/``, ``w``, the library's
``a``) is a priority binding, run as the key arrives; its action holds the
keys that come after it (:meth:`LivereadApp.hold_keys`) until the input has
the focus (:meth:`LivereadApp.release_keys`), so that a query pasted or typed
fast after ``/`` (or arriving in one burst over SSH or tmux) goes to the input,
never to the feed's own keys.

``q`` (and Ctrl-C, and SIGTERM/SIGINT) quit cleanly: each open blog's follower
finishes its write, the blog is marked read, and Textual restores the terminal.
Closing a blog's tab (Ctrl+W) does the same for that blog; with the last tab
closed the app shows the library (or quits, when it started on blogs and the
library was never shown).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget

from liveread.alerts import Alert, NotifySettings, Watch, Watches
from liveread.cache import Cache
from liveread.times import LOCAL, UTC, Zone, utc_now
from liveread.tui._css import APP_CSS, SCREENS_CSS
from liveread.tui._startup import resume_collection
from liveread.tui.blog import BlogTab
from liveread.tui.screens import TabsScreen
from liveread.tui.terminal import Terminal, copied_to

if TYPE_CHECKING:
    from liveread.follow import FollowSettings

__all__ = ["HOLD_SECONDS", "LivereadApp"]

#: The signals that quit the app as ``q`` does.
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)
#: The names the two main screens are installed under.
_LIBRARY, _TABS = "library", "tabs"
#: The longest keys typed ahead are held for an input that does not take the focus.
HOLD_SECONDS = 1.0


class LivereadApp(App[None]):
    """Follow live blogs in the terminal.

    Args:
        url: A blog to open at once (None: start on the library, unless *urls*).
        urls: More blogs to open at once, a tab each (after *url*).
        cache: A cache to use (the caller closes it); default: open one at *cache_path*.
        cache_path: Where the cache is (default: under ``$LIVEREAD_HOME``).
        config_path: The ``config.toml`` that ``w`` and the library's ``a`` write
            to (default: under ``$LIVEREAD_HOME``).
        clock: "Now" for everything shown (ages, "checked 12 s ago", the library's
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
        utc: Show times in UTC rather than local time (``u`` switches).
        env: The environment (``$TMUX``, a display for the browser); default the process's.
        handle_signals: Quit cleanly on SIGTERM/SIGINT (tests may turn it off).

    Attributes:
        start_urls: The blogs opened at start, in tab order (none: the library).
        tabs_screen: The screen of the blogs' tabs.
        cache: The cache.
        config_path: Where ``config.toml`` is written (None: the default place).
        clock: The clock everything on screen uses.
        ticking: True when the clock runs (ages are redrawn as it does).
        following: False in ``--offline`` mode.
        bell_on_key_events: ``--bell``.
        keymap: The keymap in force (binding id → keys).
        start_failure: Why the blog given at start could not be followed (exit status 1).
        notices: Every notice shown, in order (plain text; tests read it).
        watches: The watches in force (the one owner; every feed is given them).
        zone: Where times are shown (local time, or UTC); every widget that shows
            a time redraws when it changes.
        terminal: The terminal apart from frames: alerts, the clipboard.
        env: The environment the app looks at.

    """

    watches: var[Watches] = var(Watches())
    zone: var[Zone] = var(LOCAL)

    CSS_PATH = APP_CSS
    TITLE = "liveread"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit",
                tooltip="Quit liveread (followers stop cleanly, the terminal is restored)"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.interrupt",
                tooltip="Quit liveread"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help",
                tooltip="Every key and what it does"),
        Binding("u", "toggle_zone", "UTC", show=False, id="app.utc",
                tooltip="Show times in UTC, or in local time again"),
    ]  # fmt: skip

    def __init__(
        self,
        url: str | None = None,
        *,
        urls: Sequence[str] = (),
        cache: Cache | None = None,
        cache_path: Path | None = None,
        config_path: Path | None = None,
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
        utc: bool = False,
        env: Mapping[str, str] | None = None,
        handle_signals: bool = True,
    ) -> None:
        self.env: Mapping[str, str] = dict(os.environ if env is None else env)
        self.terminal = Terminal(self, notify or NotifySettings(), self.env)
        start_urls = [*([url] if url else []), *urls]
        # Starting on the library: its CSS is read with the app's, not a frame after.
        super().__init__(css_path=None if start_urls else [APP_CSS, SCREENS_CSS])
        self.set_reactive(LivereadApp.watches, Watches(watches))
        self.set_reactive(LivereadApp.zone, UTC if utc else LOCAL)
        self.start_urls = start_urls
        self.tabs_screen = TabsScreen()
        self._library_shown = False
        self._own_cache = cache is None
        self.cache = cache if cache is not None else Cache(cache_path)
        self.config_path = config_path
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
        self._held: list[events.Key | events.Paste] | None = None  # keys typed ahead
        self._hold_until = 0.0
        self.keymap: dict[str, str] = {}
        if keymap:
            self.set_keymap(dict(keymap))

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform, handing the terminal its ``write``."""
        return self.terminal.driver_class(super().get_driver_class())

    # -- settings shared by the screens ---------------------------------------------------

    @property
    def follow_clock(self) -> Callable[[], datetime] | None:
        """The follower's clock: the app's when fixed, else the follower's own."""
        return None if self.ticking else self.clock

    def settings_for(self, url: str) -> FollowSettings:
        """The follow settings for a blog."""
        if self._settings is not None:
            return self._settings
        from liveread.follow import FollowSettings  # when a blog is followed, not before

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

    def get_default_screen(self) -> Screen[None]:
        """The app's first screen: the tabs of the blogs given, or Textual's blank one.

        The tabs, with a tab per blog given (the first shown), are composed with
        the app's start as a bare app's one screen is. Pushed over Textual's blank
        screen instead, they waited for that screen to be composed, styled and
        shown for nothing. Started on the library, the blank one lies under it.
        """
        if not self.start_urls:
            return super().get_default_screen()
        for index, url in enumerate(self.start_urls):
            self.tabs_screen.add_blog(
                url, from_library=False, follow=self.following, show=index == 0
            )
        return self.tabs_screen

    def on_mount(self) -> None:
        """Install the signal handlers; open the library once Textual has started, if no blog.

        The library not from here: the app's Mount runs inside Textual's start-up
        batch, and a screen pushed in it is laid out and drawn once unseen (frames
        are held back during a batch), then drawn whole again after it. On a
        5,000-entry blog that was the first screen drawn twice, 60-80 ms each
        (measured in a pty).
        """
        if self._handle_signals:
            self._install_signals()
        self.install_screen(self.tabs_screen, _TABS)
        if not self.start_urls:
            self.call_later(self.show_library)

    def _show(self, name: str) -> None:
        """Bring the library or the tabs (:data:`_LIBRARY`, :data:`_TABS`) to the front.

        Both are installed screens, so the one left stays mounted (the tabs
        stay open, and followed). Not Textual's modes: a mode's first screen
        re-parses the whole stylesheet, twice, which on a 5,000-entry blog
        held back the first screen by about 150 ms.
        """
        if name == _LIBRARY and not self.is_screen_installed(_LIBRARY):
            from liveread.tui.screens import LibraryScreen  # not imported for a blog's first screen

            self.install_screen(LibraryScreen(), _LIBRARY)
        target = self.get_screen(name)
        if self.screen is target:
            return
        if target in self.screen_stack:
            # The tabs, the app's first screen, under the library: back down to them.
            while self.screen is not target:
                self.pop_screen()
        elif len(self.screen_stack) <= 1:
            self.push_screen(target)  # over the first screen
        else:
            self.switch_screen(target)

    def on_ready(self) -> None:
        """The first frame is composed: run what waited for it after the next refresh."""
        self._first_frame_shown = True
        resume_collection()  # paused by the command that started the app (_startup)
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.call_after_refresh(callback)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run *callback* once the app's first frame is on the terminal (soon, if it is).

        After Textual's Ready (its first layout), and then after the refresh in
        progress: work scheduled any earlier (a 5,000-entry blog's rest, the
        follow engine) would hold back the first screen.
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

    def has_tabs(self) -> bool:
        """True while a blog is open in a tab."""
        return bool(self.tabs_screen.blog_tabs)

    async def close_blog(self, tab: Widget) -> None:
        """Close a blog's tab; with none left, the library (or quit, if never shown)."""
        if not isinstance(tab, BlogTab) or await self.tabs_screen.close_blog(tab):
            return
        if self._library_shown:
            self.show_library()
        else:
            await self.action_quit()

    def blog_tabs(self) -> list[BlogTab]:
        """The blogs open, in tab order."""
        return self.tabs_screen.blog_tabs

    def failed_at_start(self, reason: str) -> None:
        """A blog given at start cannot be followed: the app will end with status 1."""
        self.start_failure = reason

    # -- watches ------------------------------------------------------------------------

    def add_watch(self, watch: Watch) -> bool:
        """Watch for *watch* from now on, and keep it in ``config.toml``; False if refused."""
        from liveread.config import ConfigError, add_watch

        if any(w.name == watch.name for w in self.watches):
            self.notify(f"There is a watch named {watch.name} already.", markup=False)
            return False
        try:
            add_watch(watch, self.config_path)
        except ConfigError as exc:
            self.notify(f"The watch is kept for this session only: {exc}", markup=False)
        self.watches = Watches([*self.watches, watch])
        self.notify(f"Watching for {watch.name}.", markup=False)
        return True

    def remove_watch(self, name: str) -> None:
        """Stop watching for the watch named *name* (and take it out of ``config.toml``)."""
        from liveread.config import ConfigError, remove_watch

        try:
            remove_watch(name, self.config_path)
        except ConfigError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.watches = Watches([w for w in self.watches if w.name != name])
        self.notify(f"No longer watching for {name}.", markup=False)

    # -- the terminal -----------------------------------------------------------------

    @property
    def key_event_alerts(self) -> bool:
        """Every new key event alerts too (``[notify] key_events``)."""
        return self.terminal.settings.key_events

    def give_alerts(self, alerts: list[Alert]) -> None:
        """Give *alerts* (bell, desktop notification, notify command; rate-limited)."""
        self.terminal.alert(alerts)

    def copy_out(self, text: str, what: str) -> None:
        """Send *text* to the clipboard (and tmux's buffer); say where *what* was sent."""

        async def copy() -> None:
            tmux = await self.terminal.copy(text)
            self.notify(copied_to(what, tmux=tmux), markup=False)

        self.run_worker(copy(), group="copy")

    # -- keys typed ahead --------------------------------------------------------------

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until :meth:`release_keys` (or a second)."""
        if self._held is None:
            self._held = []
        self._hold_until = time.monotonic() + HOLD_SECONDS
        self.set_timer(HOLD_SECONDS, self._hold_expired)

    def release_keys(self) -> None:
        """Hand the keys kept to the widget with the focus now, in the order they came.

        Called once the input has the focus: they are posted again, behind
        the focus change, and reach it as if typed now.
        """
        self.call_later(self._replay)

    def _replay(self) -> None:
        held, self._held = self._held, None
        for event in held or ():
            if isinstance(event, events.Key):
                self.post_message(events.Key(event.key, event.character))
            else:
                self.post_message(events.Paste(event.text))

    def _hold_expired(self) -> None:
        if self._held is not None and time.monotonic() >= self._hold_until:
            self._replay()  # the input never took the focus: the keys go where it is

    async def on_event(self, event: events.Event) -> None:
        """Keys typed ahead of an input are kept for it (see :meth:`hold_keys`)."""
        if (
            self._held is not None
            and isinstance(event, (events.Key, events.Paste))
            and not event.is_forwarded
        ):
            self._held.append(event)
            return
        await super().on_event(event)

    # -- keys -------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Stop every follower after its write, mark the blogs read, and exit."""
        for tab in self.blog_tabs():
            await tab.leave()
        await self.terminal.aclose()
        self.exit(return_code=1 if self.start_failure else 0)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from liveread.tui.screens import HelpScreen, collect_keys

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(collect_keys(self.screen)))

    def action_toggle_zone(self) -> None:
        """Show times in UTC, or in local time again."""
        self.zone = LOCAL if self.zone.utc else UTC
        self.notify("Times in UTC." if self.zone.utc else "Times in local time.", timeout=2)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, then every liveread key of *screen* that can act now, by name."""
        from liveread.tui.screens import collect_keys

        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for item in collect_keys(screen):
            if item.action in ("quit", "app.quit", "command_palette") or item.description in seen:
                continue
            _, name, parameters = parse_action(item.action)
            # Only what would do something here (no "Back" with nowhere to go, no blog 5
            # of two): a node may say so apart from its keys (``offers``).
            offers = getattr(item.node, "offers", item.node.check_action)
            if not offers(name, parameters):
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
