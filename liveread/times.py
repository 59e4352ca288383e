"""Time and duration helpers that every part of liveread shares.

One clock default (:func:`utc_now`), one way to write and read an instant as
ISO 8601 UTC (:func:`format_time`, :func:`parse_time`), one way to show an
instant in the user's time zone (:func:`local_time`) and a delay in words
(:func:`human_seconds`). The core, the CLI and the TUI all use these.

A page may date an entry at the very edge of the calendar (``9999-12-31T23:59:59Z``,
``0001-01-01T00:00:00Z``): such an instant has no local time in a zone on the
other side of UTC, and Python raises ``OverflowError`` converting it. Every
helper here answers instead: the instant is shown as it is, in UTC, and said so.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["format_time", "human_seconds", "local_time", "parse_since", "parse_time", "utc_now"]

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m(?:in)?)?(?:(\d+)s)?$")


def utc_now() -> datetime:
    """The current time, aware, in UTC: the default clock wherever one is injectable."""
    return datetime.now(timezone.utc)


def format_time(moment: datetime | None) -> str | None:
    """Format an aware datetime as ISO 8601 UTC to the second, e.g. ``2024-01-08T14:35:40Z``.

    Years before 1000 keep four digits (``0001-01-01T00:00:00Z``, which
    :func:`parse_time` reads back). A moment that has no UTC form (year 1 at an
    offset east of UTC) keeps its own offset.
    """
    if moment is None:
        return None
    try:
        utc = moment.astimezone(timezone.utc)
    except OverflowError:
        return moment.isoformat(timespec="seconds")
    return utc.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def parse_time(value: str | None) -> datetime | None:
    """Parse an ISO 8601 string (``Z`` or an offset; naive means UTC) into an aware UTC datetime."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # "0001-01-01T00:00:00+05:00": before the calendar starts, in UTC
        raise ValueError(f"a time outside the calendar in UTC: {value!r}") from None


def local_time(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Format an aware datetime in the local time zone ("" for None).

    A moment the local zone cannot hold (the calendar's first or last hours, in
    a zone the other side of UTC) is written in UTC, followed by `` UTC``.
    """
    if moment is None:
        return ""
    try:
        return moment.astimezone().strftime(fmt)
    except OverflowError:
        try:
            return moment.astimezone(timezone.utc).strftime(fmt) + " UTC"
        except OverflowError:
            return moment.strftime(fmt) + " " + moment.strftime("%z")


def human_seconds(seconds: float) -> str:
    """Say a delay as people do: ``40 s``, ``12 min``, ``3 h``."""
    if seconds < 120:
        return f"{max(seconds, 0):.0f} s" if seconds >= 1 or seconds == 0 else f"{seconds:.1g} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """A moment the user named: ``14:02`` (local time, the last such moment) or ``2h``, ``90m``.

    ``HH:MM`` is today's in the local time zone, or yesterday's when today's
    is still to come; a duration (``2h``, ``90m``, ``1h30m``, ``45s``) counts
    back from *now*. Returns an aware UTC datetime.

    Raises:
        ValueError: Neither form; the message is one line.

    """
    now = now or utc_now()
    spoken = text.strip().lower()
    clock = _CLOCK.match(spoken)
    if clock:
        local = now.astimezone()
        moment = local.replace(
            hour=int(clock.group(1)), minute=int(clock.group(2)), second=0, microsecond=0
        )
        if moment > local:
            moment -= timedelta(days=1)
        return moment.astimezone(timezone.utc)
    span = _DURATION.match(spoken)
    if spoken and span and any(span.groups()):
        hours, minutes, seconds = (int(g or 0) for g in span.groups())
        try:
            return now - timedelta(hours=hours, minutes=minutes, seconds=seconds)
        except OverflowError:
            raise ValueError(f"a duration further back than the calendar goes: {text!r}") from None
    raise ValueError(f"not a time (HH:MM) or a duration (2h, 90m): {text!r}")
