"""The alerter: alerts in, the bell, a desktop notification and the user's command out, politely.

:class:`Alerter` knows nothing of Textual: the TUI and ``liveread follow``
give it a function that writes to the terminal and one that reports a
problem in one line. Every alert goes through a :class:`RateLimit` first:

- alerts are gathered for :data:`SETTLE` seconds after the last one arrived
  (at most :data:`WINDOW` seconds after the first), so a burst (a poll that
  brings 30 matching entries, or several polls in a row) is seen whole;
- at most :data:`BURST` notifications are given in any :data:`WINDOW`
  seconds: a group that fits is given one by one, a larger one as a single
  summarising alert ("30 entries match ferry", or "N more entries match ..."
  when some were given in the last window), and a group that arrives while
  the window is full waits until it has room.

The notify command runs one at a time, each killed after the settings'
timeout; a command that cannot start, fails or times out is reported once
per run (per kind of problem), not at every alert. An alert that cannot be
turned into a command at all (whatever went wrong) is reported the same
way, and the alerts after it still go. Closing waits for the commands at
most one timeout: a ``follow`` told to stop (SIGTERM) ends within it, what
still runs is killed and what still waits is dropped, and said so.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from liveread.alerts._alert import Alert, NotifySettings, alert_values, summarise
from liveread.alerts._command import CommandProblem, command_argv, command_env, run_command
from liveread.alerts._terminal import BELL, osc_notification

__all__ = ["BURST", "SETTLE", "WINDOW", "Alerter", "RateLimit"]

#: At most this many notifications in any WINDOW seconds; a larger group is one summary.
BURST = 3
WINDOW = 10.0
#: Alerts are gathered until this many seconds pass without a new one.
SETTLE = 1.0


@dataclass
class RateLimit:
    """When gathered alerts are due, and whether they go out one by one or as one summary.

    A plain state machine on a clock the caller reads (seconds, e.g.
    :func:`time.monotonic`): :meth:`offer` alerts, ask :meth:`due` when to
    come back, and :meth:`take` what is to be given then.

    Attributes:
        burst: Most notifications in any ``window`` seconds.
        window: The window, in seconds.
        settle: Seconds without a new alert after which a group is complete.

    """

    burst: int = BURST
    window: float = WINDOW
    settle: float = SETTLE
    _pending: list[Alert] = field(default_factory=list, repr=False)
    _first: float = field(default=0.0, repr=False)
    _last: float = field(default=0.0, repr=False)
    _sent: list[float] = field(default_factory=list, repr=False)

    def offer(self, alert: Alert, now: float) -> None:
        """Gather *alert*, arrived at *now*."""
        if not self._pending:
            self._first = now
        self._pending.append(alert)
        self._last = now

    @property
    def pending(self) -> int:
        """How many alerts wait to be given."""
        return len(self._pending)

    def due(self) -> float | None:
        """When the gathered alerts are to be given (None: nothing waits)."""
        if not self._pending:
            return None
        when = min(self._last + self.settle, self._first + self.window)
        if len(self._sent) >= self.burst:  # the window is full: wait for room
            when = max(when, self._sent[-self.burst] + self.window)
        return when

    def take(self, now: float, *, force: bool = False) -> list[Alert]:
        """What to give at *now*: the group one by one, or one summary; [] when not due yet.

        With *force* (closing), what waits is given now, room or not.
        """
        due = self.due()
        if due is None or (now < due and not force):
            return []
        group, self._pending = self._pending, []
        self._sent = [t for t in self._sent if t > now - self.window]
        room = self.burst - len(self._sent)
        if len(group) <= room:
            self._sent += [now] * len(group)
            return group
        self._sent.append(now)
        if len(group) == 1:
            return group
        return [summarise(group, more=bool(self._sent[:-1]))]


class Alerter:
    """Give alerts to the reader: bell, desktop notification, notify command; rate-limited.

    Use it from the event loop's thread: :meth:`send` never blocks; call
    :meth:`aclose` when done (it gives what is still gathered and waits for
    the commands).

    Args:
        settings: What to deliver and the command's timeout.
        terminal: Writes a string to the terminal (bell, OSC sequences); None: no terminal.
        report: Says one line about a problem (a failing command); None: silent.
        on_alert: Called with each alert as it is given (after the rate limit).
        clock: Seconds, for the rate limit (tests inject one).
        sleep: ``await sleep(seconds)`` (tests inject one that does not really wait).
        limit: The rate limit (default :class:`RateLimit`'s).

    Attributes:
        given: How many alerts (summaries counting one) were given.

    """

    def __init__(
        self,
        settings: NotifySettings,
        *,
        terminal: Callable[[str], object] | None = None,
        report: Callable[[str], object] | None = None,
        on_alert: Callable[[Alert], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        limit: RateLimit | None = None,
    ) -> None:
        self.settings = settings
        self._terminal = terminal
        self._report = report
        self._on_alert = on_alert
        self._clock = clock
        self._sleep = sleep
        self._limit = limit or RateLimit()
        self._wake = asyncio.Event()
        self._driver: asyncio.Task[None] | None = None
        self._commands: asyncio.Queue[Alert] = asyncio.Queue()
        self._runner: asyncio.Task[None] | None = None
        self._reported: set[str] = set()
        self._closed = False
        self.given = 0

    def send(self, alerts: Iterable[Alert]) -> None:
        """Gather *alerts*; they are given once the rate limit says so."""
        now = self._clock()
        added = False
        for alert in alerts:
            self._limit.offer(alert, now)
            added = True
        if not added or self._closed:
            return
        if self._driver is None:
            self._driver = asyncio.ensure_future(self._drive())
        self._wake.set()

    async def aclose(self) -> None:
        """Give what is gathered now, and wait for the notify commands to finish."""
        self._closed = True
        if self._driver is not None:
            self._driver.cancel()
            await asyncio.gather(self._driver, return_exceptions=True)
            self._driver = None
        self._give(self._limit.take(self._clock(), force=True))
        if self._runner is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                # The most one command may take: a stop is never held longer.
                await asyncio.wait_for(self._commands.join(), self.settings.timeout)
            self._runner.cancel()  # kills a command still running, with its group
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
            dropped = self._commands.qsize()
            if dropped:
                self._say_once(
                    "dropped",
                    f"notify command not run for {dropped} alert{'s' * (dropped != 1)}: stopping",
                )

    # -- inside ----------------------------------------------------------------------

    async def _drive(self) -> None:
        """Wait until the gathered alerts are due, give them, and again."""
        while True:
            self._wake.clear()
            due = self._limit.due()
            if due is None:
                await self._wake.wait()
                continue
            wait = due - self._clock()
            if wait > 0:
                sleeper = asyncio.ensure_future(self._sleep(wait))
                waker = asyncio.ensure_future(self._wake.wait())
                try:
                    await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for task in (sleeper, waker):
                        task.cancel()
                    await asyncio.gather(sleeper, waker, return_exceptions=True)
                continue  # a new alert moves the due time: ask again
            self._give(self._limit.take(self._clock()))

    def _give(self, alerts: list[Alert]) -> None:
        for alert in alerts:
            self.given += 1
            if self._terminal is not None:
                if self.settings.bell:
                    self._terminal(BELL)
                if self.settings.desktop:
                    self._terminal(osc_notification(*alert.notification()))
            if self._on_alert is not None:
                self._on_alert(alert)
            if self.settings.command:
                if self._runner is None:
                    self._runner = asyncio.ensure_future(self._run_commands())
                self._commands.put_nowait(alert)

    async def _run_commands(self) -> None:
        """Run the notify command for each alert, one at a time."""
        command = self.settings.command
        assert command
        while True:
            alert = await self._commands.get()
            try:
                values = alert_values(alert)
                await run_command(
                    command_argv(command, values), command_env(values), self.settings.timeout
                )
            except CommandProblem as problem:
                self._say_once(problem.kind, str(problem))
            except Exception as exc:  # an alert that cannot be given must not stop the next
                self._say_once(
                    "unbuildable",
                    "an alert could not be given to the notify command "
                    f"({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); "
                    "the others still are",
                )
            finally:
                self._commands.task_done()

    def _say_once(self, kind: str, message: str) -> None:
        if kind in self._reported:
            return
        self._reported.add(kind)
        if self._report is not None:
            with contextlib.suppress(Exception):  # a reporter's trouble must not stop alerts
                self._report(message)
