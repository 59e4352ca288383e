"""Section 2, Polling cost: a placeholder until the follow engine lands.

To be measured (issue 5): bytes and requests for one hour of idle following
of a Guardian-format demo blog at default settings (simulated time, or the
demo server's counters), against naive polling of the whole page at the same
interval. Target: at most 2% of the naive bytes.

Replace :func:`run` with the measurement; keep the signature. Until then it
returns rows that print "not yet measured", with the targets they will be
judged against, and never a made-up figure.
"""

from __future__ import annotations

from bench.api import Context, Row, Target

__all__ = ["BYTES_TARGET", "run"]

#: liveread's bytes ÷ naive whole-page polling's bytes must be at most this.
BYTES_TARGET = Target("ratio", "<=", 0.02, "≤ 2%")


def run(ctx: Context) -> list[Row]:
    """Return section 2's rows: not measured yet."""
    return [
        Row.pending(
            "polling",
            "bytes for 1 h of idle following: liveread ÷ naive page polling",
            BYTES_TARGET,
        ),
        Row.pending("polling", "requests for 1 h of idle following: liveread ÷ naive"),
    ]
