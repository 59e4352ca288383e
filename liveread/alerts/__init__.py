"""Watches and alerts: words to watch for in every followed blog, and news that reaches the reader.

No Textual and no I/O of its own but the notify command: the TUI and
``liveread follow`` are its consumers.

- :class:`Watch` / :class:`Watches`: terms matched by :mod:`liveread.matching`'s
  rules (the search's), which entries they match, where, and what an edit
  newly brings (:meth:`Watches.new_matches`).
- :func:`alerts_for`: the :class:`Alert` objects one group of cache changes
  calls for; :class:`AlertRule`: when a blog's changes are news (never its
  history; a catch-up walk once it is followed live), for ``liveread follow``
  and the TUI alike.
- :class:`Alerter`: gives alerts (bell, OSC 9 / OSC 777 desktop notification,
  the user's notify command) behind a :class:`RateLimit`.
- :func:`osc_notification`: the escape sequences of a desktop notification,
  with page text made inert.

Inside: ``_watch`` (matching), ``_alert`` (alerts and their values),
``_command`` (the notify command), ``_terminal`` (bell, OSC), ``_alerter``
(the rate limit and the delivery).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.alerts._alert import KEY_EVENT as KEY_EVENT
    from liveread.alerts._alert import PLACEHOLDERS as PLACEHOLDERS
    from liveread.alerts._alert import TEXT_MAX as TEXT_MAX
    from liveread.alerts._alert import Alert as Alert
    from liveread.alerts._alert import AlertRule as AlertRule
    from liveread.alerts._alert import NotifySettings as NotifySettings
    from liveread.alerts._alert import alert_values as alert_values
    from liveread.alerts._alert import alerts_for as alerts_for
    from liveread.alerts._alert import env_name as env_name
    from liveread.alerts._alert import summarise as summarise
    from liveread.alerts._alerter import BURST as BURST
    from liveread.alerts._alerter import SETTLE as SETTLE
    from liveread.alerts._alerter import WINDOW as WINDOW
    from liveread.alerts._alerter import Alerter as Alerter
    from liveread.alerts._alerter import RateLimit as RateLimit
    from liveread.alerts._command import CommandProblem as CommandProblem
    from liveread.alerts._command import check_command as check_command
    from liveread.alerts._command import command_argv as command_argv
    from liveread.alerts._command import command_env as command_env
    from liveread.alerts._command import run_command as run_command
    from liveread.alerts._terminal import BELL as BELL
    from liveread.alerts._terminal import osc_notification as osc_notification
    from liveread.alerts._terminal import osc_text as osc_text
    from liveread.alerts._terminal import tmux_passthrough as tmux_passthrough
    from liveread.alerts._watch import Watch as Watch
    from liveread.alerts._watch import Watches as Watches
    from liveread.alerts._watch import previous_version as previous_version

__getattr__, __all__ = facade(
    __name__,
    {
        "._alert": (
            "KEY_EVENT",
            "PLACEHOLDERS",
            "TEXT_MAX",
            "Alert",
            "AlertRule",
            "NotifySettings",
            "alert_values",
            "alerts_for",
            "env_name",
            "summarise",
        ),
        "._alerter": ("BURST", "SETTLE", "WINDOW", "Alerter", "RateLimit"),
        "._command": (
            "CommandProblem",
            "check_command",
            "command_argv",
            "command_env",
            "run_command",
        ),
        "._terminal": ("BELL", "osc_notification", "osc_text", "tmux_passthrough"),
        "._watch": ("Watch", "Watches", "previous_version"),
    },
)
