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

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.alerts._alert import (
        KEY_EVENT,
        PLACEHOLDERS,
        TEXT_MAX,
        Alert,
        AlertRule,
        NotifySettings,
        alert_values,
        alerts_for,
        env_name,
        summarise,
    )
    from liveread.alerts._alerter import BURST, SETTLE, WINDOW, Alerter, RateLimit
    from liveread.alerts._command import (
        CommandProblem,
        check_command,
        command_argv,
        command_env,
        run_command,
    )
    from liveread.alerts._terminal import BELL, osc_notification, osc_text, tmux_passthrough
    from liveread.alerts._watch import Watch, Watches, previous_version

__all__ = [
    "BELL",
    "BURST",
    "KEY_EVENT",
    "PLACEHOLDERS",
    "SETTLE",
    "TEXT_MAX",
    "WINDOW",
    "Alert",
    "AlertRule",
    "Alerter",
    "CommandProblem",
    "NotifySettings",
    "RateLimit",
    "Watch",
    "Watches",
    "alert_values",
    "alerts_for",
    "check_command",
    "command_argv",
    "command_env",
    "env_name",
    "osc_notification",
    "osc_text",
    "previous_version",
    "run_command",
    "summarise",
    "tmux_passthrough",
]

__getattr__ = attach(
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
