"""What the app writes to its terminal besides frames (alerts, the clipboard), and asks tmux.

:class:`Terminal` is a plain object the app owns. The terminal it writes to
is the app's driver's: :meth:`Terminal.driver_class` makes the driver class
Textual would use hand its ``write`` over as it is built (Textual's public
``get_driver_class`` and ``Driver.write``, no private attribute), so a
notification goes out between frames, in order with them.

- Alerts: :meth:`Terminal.alert` gives what the core's
  :class:`~liveread.alerts.AlertRule` called for through the core's
  :class:`~liveread.alerts.Alerter` (rate limit, bell, OSC 9 / OSC 777 with
  page text made inert, the notify command); inside tmux the notifications
  are wrapped for tmux's passthrough.
- The clipboard: :meth:`Terminal.copy` sends text as OSC 52 (Textual's
  ``copy_to_clipboard``) and, inside tmux, also puts it in tmux's own paste
  buffer (``tmux load-buffer -w -``, as editors do), because tmux's default
  ``set-clipboard external`` drops OSC 52 from programs. Whether a terminal
  took an OSC 52 cannot be known: what is said is where the text was sent.
- The browser: :func:`browser_available` says whether ``o`` can start one
  (never a console browser in the reader's own terminal).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

    from liveread.alerts import Alert, Alerter, NotifySettings

__all__ = ["TMUX_WAIT", "Terminal", "browser_available", "copied_to"]

#: Seconds ``tmux load-buffer`` may take before the copy is said without it.
TMUX_WAIT = 3.0


def browser_available(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when ``o`` can start a web browser apart from this terminal.

    On macOS and Windows there always is one. Elsewhere a browser needs a
    display (``$DISPLAY`` or ``$WAYLAND_DISPLAY``): without one (over SSH, on
    a console) Python would start a console browser in the reader's own
    terminal, over the reader.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform == "darwin" or platform.startswith(("win", "cygwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("BROWSER"))


def copied_to(what: str, *, tmux: bool) -> str:
    """What the reader is told after a copy: where the text was sent (delivery cannot be known)."""
    if tmux:
        return (
            f"The {what} is in tmux's paste buffer (prefix ] pastes it); "
            "also sent to the terminal's clipboard (OSC 52)."
        )
    return f"Sent the {what} to the terminal's clipboard (OSC 52; some terminals ignore it)."


class Terminal:
    """The app's terminal, apart from the frames Textual draws on it.

    Args:
        app: The app (its notices, its clipboard, its loop).
        settings: ``[notify]``: key events too, the command, bell, desktop.
        env: The environment (``$TMUX``), default the process's.

    Attributes:
        settings: How alerts are given.
        given: Every alert given, in order (after the rate limit; tests read it).
        tmux: The terminal is a tmux pane (``$TMUX`` is set).

    """

    def __init__(
        self, app: App[Any], settings: NotifySettings, env: Mapping[str, str] | None = None
    ) -> None:
        self._app = app
        self.settings = settings
        self.given: list[Alert] = []
        self.tmux = bool((os.environ if env is None else env).get("TMUX"))
        self._write: Callable[[str], None] | None = None  # the driver's, once it is built
        self._alerter: Alerter | None = None  # made at the first alert: it needs the loop

    # -- the terminal ------------------------------------------------------------------

    def driver_class(self, base: type[Driver]) -> type[Driver]:
        """*base* (the driver Textual chose) made to hand this object its ``write``."""
        terminal = self

        def __init__(driver: Driver, app: App[Any], **kwargs: Any) -> None:
            base.__init__(driver, app, **kwargs)
            terminal._write = driver.write

        made: type[Driver] = type(f"Liveread{base.__name__}", (base,), {"__init__": __init__})
        return made

    def write(self, text: str) -> None:
        """Write *text* (the bell, a notification: only ever the core's) between frames.

        OSC sequences move no cursor, so the frame on screen stays whole. Headless
        (tests), nothing is written.
        """
        if self._write is not None and not self._app.is_headless:
            self._write(text)

    # -- alerts ------------------------------------------------------------------------

    def alert(self, alerts: list[Alert]) -> None:
        """Give *alerts* (once the rate limit lets them through)."""
        if not alerts:
            return
        if self._alerter is None:
            from liveread.alerts import Alerter  # at the first alert, not on the first screen

            self._alerter = Alerter(
                self.settings,
                terminal=self.write,
                report=self._report,
                on_alert=self.given.append,
                tmux=self.tmux,
            )
        self._alerter.send(alerts)

    async def aclose(self) -> None:
        """Give what is still gathered, and wait for the notify commands (at quit)."""
        if self._alerter is not None:
            await self._alerter.aclose()

    def _report(self, message: str) -> None:
        """A notify command that failed: said once (the alerter says each kind once)."""
        self._app.notify(message, severity="warning", markup=False)

    # -- the clipboard -------------------------------------------------------------------

    async def copy(self, text: str) -> bool:
        """Send *text* to the clipboard (OSC 52) and, inside tmux, to tmux's buffer.

        Returns:
            True when tmux took it into its paste buffer.

        """
        self._app.copy_to_clipboard(text)
        if not self.tmux:
            return False
        for argv in (("tmux", "load-buffer", "-w", "-"), ("tmux", "load-buffer", "-")):
            if await _run(argv, text.encode("utf-8")):
                return True  # -w (tmux 3.2+) also sets the outer terminal's clipboard
        return False


async def _run(argv: tuple[str, ...], data: bytes) -> bool:
    """Run *argv* with *data* on its standard input; True when it exits 0 in time."""
    try:
        process = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError:
        return False
    try:
        await asyncio.wait_for(process.communicate(data), TMUX_WAIT)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        return False
    return process.returncode == 0
