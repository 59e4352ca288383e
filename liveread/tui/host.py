"""What the screens and widgets need from the app, as a small typed protocol.

A widget reaches the app it runs in through :func:`host_of`, typed as
:class:`Host`, never through the app's own module: a widget knows what it may
ask for (the cache, the clock, the follow settings, opening and closing
blogs, the watches, where times are shown, holding the keys typed ahead),
and nothing else of the app. :class:`~liveread.tui.app.LivereadApp` is the
one host; ``tests/test_boundaries.py`` keeps every other module of
``liveread.tui`` from importing :mod:`liveread.tui.app`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.dom import DOMNode
    from textual.widget import Widget

    from liveread.alerts import Alert, Watch, Watches
    from liveread.cache import Cache
    from liveread.follow import FollowSettings
    from liveread.times import Zone

__all__ = ["Host", "host_of"]


@runtime_checkable
class Host(Protocol):
    """The app, as the screens and widgets see it.

    Attributes:
        cache: The cache (one connection, used from the app's event loop only).
        clock: "Now", for every time shown and the follower's schedule.
        ticking: True when the clock runs (ages are redrawn as it does).
        following: False in ``--offline`` mode.
        bell_on_key_events: Ring the bell when a key event arrives (``--bell``).
        watches: The watches in force.
        zone: Where times are shown: local time, or UTC.
        env: The environment the app looks at (``$TMUX``, a display for a browser).
        config_path: The ``config.toml`` written to (None: the default place).

    """

    cache: Cache
    clock: Callable[[], datetime]
    ticking: bool
    following: bool
    bell_on_key_events: bool
    watches: Watches
    zone: Zone
    env: Mapping[str, str]
    config_path: Path | None

    @property
    def follow_clock(self) -> Callable[[], datetime] | None:
        """The follower's clock: the app's when fixed, else the follower's own."""
        ...

    def settings_for(self, url: str) -> FollowSettings:
        """The follow settings for a blog."""
        ...

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run *callback* once the first frame is on the terminal."""
        ...

    def open_blog(self, url: str, *, from_library: bool, follow: bool = True) -> None:
        """Show a blog's tab: the one open, or a new one."""
        ...

    def show_library(self) -> None:
        """Show the library (the tabs stay open)."""
        ...

    def show_tabs(self) -> None:
        """Show the tabs."""
        ...

    def has_tabs(self) -> bool:
        """True while a blog is open in a tab."""
        ...

    async def close_blog(self, tab: Widget) -> None:
        """Close a blog's tab (the library, or quit, after the last one)."""
        ...

    def failed_at_start(self, reason: str) -> None:
        """A blog given at start cannot be followed: the app ends with status 1."""
        ...

    def add_watch(self, watch: Watch) -> bool:
        """Watch for *watch* from now on (kept in ``config.toml``); False if refused."""
        ...

    def remove_watch(self, name: str) -> None:
        """Stop watching for the watch named *name*."""
        ...

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until :meth:`release_keys`."""
        ...

    def release_keys(self) -> None:
        """Hand the keys kept to the widget with the focus now, in the order typed."""
        ...

    @property
    def key_event_alerts(self) -> bool:
        """Every new key event alerts too (``[notify] key_events``)."""
        ...

    def give_alerts(self, alerts: list[Alert]) -> None:
        """Give *alerts* (bell, desktop notification, notify command; rate-limited)."""
        ...

    def copy_out(self, text: str, what: str) -> None:
        """Put *text* on the clipboard (and tmux's buffer) and say where *what* went."""
        ...


def host_of(node: DOMNode) -> Host:
    """The app *node* runs in, as a :class:`Host`.

    Raises:
        TypeError: The app is not a host (a widget mounted in some other app).

    """
    app = node.app
    if not isinstance(app, Host):
        raise TypeError(f"{type(app).__name__} is not a liveread host")
    return app
