"""The follower's defaults and limits, as plain numbers (importing them costs nothing).

The command line's help and the settings both read them from here, so a
default is written once.
"""

from __future__ import annotations

__all__ = [
    "BACKOFF_CAP",
    "DEFAULT_INTERVAL",
    "DEFAULT_MAX_INTERVAL",
    "DEFAULT_MAX_REFRESH",
    "DEFAULT_REFRESH",
    "FOLLOW_UPS",
    "LOOPBACK_FLOOR",
    "ONCE_ATTEMPTS",
    "ONCE_GIVE_UP",
    "QUIET_RATIO",
    "REMOTE_FLOORS",
    "WALK_MAX_PAGES",
    "WALK_REPEATS",
]

#: The shortest wait between polls by default: a busy blog is read as often as the
#: most eager of the sites' own live pages reads itself (every 10 s), which is
#: also the floor for remote hosts.
DEFAULT_INTERVAL = 10.0
#: The longest wait between polls by default, reached after a long quiet spell.
DEFAULT_MAX_INTERVAL = 120.0
#: The shortest wait between re-reads of page 1 of a blog polled elsewhere, by default...
DEFAULT_REFRESH = 120.0
#: ... and the longest: the re-read follows the poll's rhythm within these bounds.
DEFAULT_MAX_REFRESH = 600.0
#: How the wait grows in a quiet spell: a sixtieth of the time since the last
#: answer that brought a new entry (no shorter than the interval, no longer than
#: the longest). Measured against real blogs' rhythms in bench/ (the freshness
#: section): 10 quiet minutes keep the shortest wait; after 30 it is 30 s.
QUIET_RATIO = 60.0
#: The least a user may ask for remote hosts (interval, refresh): a site is not hammered.
REMOTE_FLOORS = (10.0, 60.0)
#: The least for loopback hosts (tests, the demo), both.
LOOPBACK_FLOOR = 0.5
#: Longest wait after failures (the cap of the exponential back-off).
BACKOFF_CAP = 15 * 60.0
#: ``--once`` gives up after this many failed tries in a row...
ONCE_ATTEMPTS = 3
#: ... or after this many seconds of trying, whichever comes first.
ONCE_GIVE_UP = 55.0
#: Entries named without their content (``Snapshot.elsewhere``) read after one
#: request, at most: the rest on the next reads (a blog's history of 300 such
#: entries takes 15 of them, each paced like a page of the history).
FOLLOW_UPS = 20
#: A history walk reads at most this many pages (at 20 entries a page, 20,000
#: entries, more than any live blog seen holds)...
WALK_MAX_PAGES = 1000
#: ... and stops after this many pages in a row that bring nothing new (an
#: "older" chain that goes round, or serves the same entries under new URLs).
WALK_REPEATS = 3
