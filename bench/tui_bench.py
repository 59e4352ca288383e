"""Section 4, TUI: a placeholder until the TUI lands.

To be measured (issue 5): time to the first screen of a 5,000-entry cached
blog against a bare Textual app on the same machine (target at most 2×),
resident memory (under 250 MB), and time for End to show the oldest entry
(under 1 s).

Replace :func:`run` with the measurement; keep the signature. Until then it
returns rows that print "not yet measured", with the targets they will be
judged against, and never a made-up figure.
"""

from __future__ import annotations

from bench.api import Context, Row, Target

__all__ = ["END_TARGET", "FIRST_SCREEN_TARGET", "MEMORY_TARGET", "run"]

#: Time to the first screen ÷ a bare Textual app's must be at most this.
FIRST_SCREEN_TARGET = Target("ratio", "<=", 2.0, "≤ 2×")
#: Resident memory with the 5,000-entry blog open, in bytes.
MEMORY_TARGET = Target("value", "<=", 250e6, "< 250 MB")
#: Seconds for End to show the oldest entry.
END_TARGET = Target("value", "<=", 1.0, "< 1 s")


def run(ctx: Context) -> list[Row]:
    """Return section 4's rows: not measured yet."""
    return [
        Row.pending(
            "tui",
            "first screen of a 5,000-entry cached blog ÷ a bare Textual app",
            FIRST_SCREEN_TARGET,
        ),
        Row.pending("tui", "resident memory with that blog open", MEMORY_TARGET),
        Row.pending("tui", "End shows the oldest entry", END_TARGET),
    ]
