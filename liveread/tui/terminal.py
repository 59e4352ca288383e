"""Alerts in the TUI: a watch's match, or a new key event, told through the terminal.

:class:`TerminalAlerts` is a plain object the app owns. The reader screen
hands it what each blog's view applied; it asks the core which alerts that
calls for (:func:`~liveread.alerts.alerts_for`: a new entry a watch matches,
an edit that brings a match the entry did not have, a new key event when
``[notify] key_events`` is on; never the backfill of a blog) and gives them
through the core's :class:`~liveread.alerts.Alerter`, which rate-limits them
and delivers the bell, the desktop notification (OSC 9 and OSC 777, built by
:func:`~liveread.alerts.osc_notification` with page text made inert) and the
notify command. A command that fails is said once, as a notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liveread.alerts import Alert, Alerter, NotifySettings, Watches, alerts_for
from liveread.cache import Changes

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["TerminalAlerts"]


class TerminalAlerts:
    """What the reader is told of watch matches and key events, and how.

    Args:
        app: The app whose terminal the bell and notifications go to.
        settings: ``[notify]``: key events too, the command, bell, desktop.

    Attributes:
        settings: How alerts are given.
        given: Every alert given, in order (after the rate limit; tests read it).

    """

    def __init__(self, app: App[Any], settings: NotifySettings) -> None:
        self._app = app
        self.settings = settings
        self.given: list[Alert] = []
        self._alerter: Alerter | None = None  # made at the first alert: it needs the loop

    def changed(
        self,
        changes: Changes,
        *,
        history: bool,
        blog_url: str,
        blog_title: str,
        watches: Watches,
    ) -> list[Alert]:
        """Alert for what one blog's view applied (*history*: its backfill, which never alerts).

        Returns:
            The alerts it called for (given once the rate limit lets them through).

        """
        alerts = alerts_for(
            changes,
            "backfill" if history else "poll",
            blog_url=blog_url,
            blog_title=blog_title,
            watches=watches,
            key_events=self.settings.key_events,
        )
        if alerts:
            if self._alerter is None:
                self._alerter = Alerter(
                    self.settings,
                    terminal=self._write,
                    report=self._report,
                    on_alert=self.given.append,
                )
            self._alerter.send(alerts)
        return alerts

    async def aclose(self) -> None:
        """Give what is still gathered, and wait for the notify commands (at quit)."""
        if self._alerter is not None:
            await self._alerter.aclose()

    def _write(self, text: str) -> None:
        """Write the bell or a notification's sequences to the terminal, between frames.

        Textual has no public call for this; its own ``bell()`` and
        ``copy_to_clipboard()`` write through the driver just so. What is
        written is only ever the core's: ``BELL``, or what
        :func:`~liveread.alerts.osc_notification` built. OSC sequences move
        no cursor, so the frame on screen stays whole.
        """
        app = self._app
        driver = app._driver
        if driver is not None and not app.is_headless:
            driver.write(text)

    def _report(self, message: str) -> None:
        """A notify command that failed: said once (the alerter says each kind once)."""
        self._app.notify(message, severity="warning", markup=False)
