"""Section 2, Polling cost: an hour of following the demo blog against naive page polling.

Measured with :mod:`bench.polling_sim`: simulated time, real loopback sockets,
bytes as the demo server counted them (status lines + headers + bodies, bodies
as sent: gzipped when the client accepts gzip). Each scenario gets its own
fresh demo server with the default demo blog (45 entries, 4 pages).

- **liveread**: a :class:`~liveread.follow.Follower` at the default settings
  (interval 30 s, page-1 refresh 120 s), counted from the moment its first
  contact and backfill are done, for one simulated hour. On the Guardian-format
  page that is the update poll every 30 s and a conditional re-read of page 1
  every 120 s; on the schema.org (JSON-LD) page, a conditional GET every 30 s.
- **naive**: a GET of the whole page 1 every 30 s (120 in the hour), never
  conditional, with httpx's default headers (``Accept-Encoding: gzip, deflate``:
  the page comes gzipped) as the baseline; and the same with
  ``Accept-Encoding: identity`` (a client that does not ask for gzip, as
  ``urllib.request.urlopen``) as an extra row.

Idle: the blog does not change. Busy: the demo story unfolds at its scripted
pace during the hour (19 happenings: publications, edits, a removal, a pin, a
key event), the same for liveread and the naive poller.

Target (issue 5): liveread's bytes ≤ 2% of naive polling's (gzip), idle, over
the response bytes the server sent. The other rows are for information.
``--quick`` simulates 10 minutes instead of an hour.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

from bench.api import Context, Row, Target, Unit
from bench.polling_sim import Format, Tally, follow, naive
from bench.stats import figure, ratio
from liveread.follow import FollowSettings

__all__ = ["BYTES_TARGET", "run"]

#: liveread's bytes ÷ naive whole-page polling's bytes must be at most this.
BYTES_TARGET = Target("ratio", "<=", 0.02, "≤ 2%")

_S = "polling"


def _scenarios(ctx: Context, seconds: float) -> dict[str, Callable[[], Tally]]:
    """Every simulated period to run, by name; each call is one independent run."""
    defaults = FollowSettings()  # "default settings": liveread's own defaults, 30 s / 120 s
    every = defaults.interval
    made = itertools.count()

    def ours(fmt: Format, busy: bool = False) -> Callable[[], Tally]:
        def run() -> Tally:
            db = ctx.workdir / f"cache-{next(made)}.sqlite3"  # a fresh cache: first contact
            return follow(fmt, seconds, db, busy=busy, interval=every, refresh=defaults.refresh)

        return run

    def theirs(fmt: Format, gzip: bool = True, busy: bool = False) -> Callable[[], Tally]:
        return lambda: naive(fmt, seconds, gzip=gzip, busy=busy, interval=every)

    return {
        "idle": ours("guardian"),
        "naive idle": theirs("guardian"),
        "naive idle identity": theirs("guardian", gzip=False),
        "busy": ours("guardian", busy=True),
        "naive busy": theirs("guardian", busy=True),
        "jsonld": ours("jsonld"),
        "naive jsonld": theirs("jsonld"),
    }


def _check(name: str, tally: Tally, expected_naive: int) -> None:
    """Refuse a run that did not do what its figure claims (a wrong setup, not a slow one)."""
    if name.startswith("naive"):
        if tally.requests != expected_naive or set(tally.kinds) != {"page"}:
            raise AssertionError(f"{name}: {tally.requests} requests, {tally.kinds}")
        if set(tally.kind("page").statuses) != {200}:
            raise AssertionError(f"{name}: not every GET was a full page: {tally.kinds}")
    elif name != "busy" and any(
        status != 304 for kind in ("page", "walk") for status in tally.kind(kind).statuses
    ):
        # Idle: nothing changed, so no page may come back whole.
        raise AssertionError(f"{name}: a page was sent whole while idle: {tally.kinds}")


def _measure(ctx: Context, seconds: float, repeats: int) -> dict[str, list[Tally]]:
    """Run every scenario *repeats* times; return the tallies by scenario."""
    scenarios = _scenarios(ctx, seconds)
    expected = math.ceil(seconds / FollowSettings().interval)  # GETs at 0, 30 s, ... < end
    runs: dict[str, list[Tally]] = {name: [] for name in scenarios}
    for _ in range(repeats):
        for name, scenario in scenarios.items():
            tally = scenario()
            _check(name, tally, expected)
            runs[name].append(tally)
    return runs


def _row(
    measurement: str,
    ours: list[float],
    theirs: list[float],
    unit: Unit,
    target: Target | None = None,
    note: str = "",
    **details: Any,
) -> Row:
    """A row of liveread's figure against the baseline's, ratio = liveread ÷ baseline."""
    value, baseline = figure(ours, unit), figure(theirs, unit)
    return Row(
        _S, measurement, value, baseline, ratio(value, baseline), target, note=note, details=details
    )


def _kinds(tally: Tally) -> dict[str, Any]:
    """The per-kind breakdown of one run, for the JSON."""
    return {
        kind: {"requests": k.requests, "bytes": k.bytes, "statuses": k.statuses}
        for kind, k in tally.kinds.items()
    }


def run(ctx: Context) -> list[Row]:
    """Measure section 2 and return its rows."""
    seconds = 600.0 if ctx.quick else 3600.0
    period = "10 min" if ctx.quick else "1 h"
    repeats = ctx.repeats(3, 1)
    ctx.log(f"polling: {period} simulated, 7 scenarios, {repeats} run(s) each")
    runs = _measure(ctx, seconds, repeats)

    def of(name: str, pick: Callable[[Tally], float]) -> list[float]:
        return [pick(t) for t in runs[name]]

    def got(tally: Tally) -> float:
        return float(tally.response_bytes)  # what the server sent: the target's bytes

    idle, base = runs["idle"][0], runs["naive idle"][0]
    one_get = of("naive idle", lambda t: t.kind("page").mean(200))
    polls, pages = idle.kind("poll"), idle.kind("page")
    naive_note = (
        f"naive = GET page 1 every {FollowSettings().interval:g} s ({base.requests} GETs), "
        "never conditional, httpx defaults (Accept-Encoding: gzip, deflate); "
        "bytes = status lines + headers + bodies as the demo server sent them"
    )
    rows = [
        _row(
            f"idle {period}, Guardian demo, bytes received: liveread ÷ naive (gzip)",
            of("idle", got),
            of("naive idle", got),
            "B",
            BYTES_TARGET,
            f"liveread: {polls.requests} polls + {pages.requests} page-1 refreshes; " + naive_note,
            liveread=_kinds(idle),
            naive=_kinds(base),
            seconds=seconds,
        ),
        _row(
            f"idle {period}, bytes received: liveread ÷ naive without gzip",
            of("idle", got),
            of("naive idle identity", got),
            "B",
            note="naive sends Accept-Encoding: identity (as urllib's urlopen does): "
            "the page comes uncompressed",
        ),
        _row(
            f"idle {period}, bytes both ways (request heads too): liveread ÷ naive (gzip)",
            of("idle", lambda t: float(t.both_ways)),
            of("naive idle", lambda t: float(t.both_ways)),
            "B",
            note=f"request heads: liveread {idle.request_bytes / idle.requests:.0f} B each "
            "(poll URL, User-Agent, Accept, validators), "
            f"naive {base.request_bytes / base.requests:.0f} B",
            request_bytes={"liveread": idle.request_bytes, "naive": base.request_bytes},
        ),
        _row(
            f"idle {period}, requests: liveread ÷ naive",
            of("idle", lambda t: float(t.requests)),
            of("naive idle", lambda t: float(t.requests)),
            "count",
        ),
        _row(
            "bytes per idle poll (304): liveread ÷ one naive GET (gzip)",
            of("idle", lambda t: t.kind("poll").mean(304)),
            one_get,
            "B",
            note=f"the session's first poll is a 200 of {polls.status_bytes.get(200, 0)} B "
            "(no validator yet for its URL)",
        ),
        _row(
            "bytes per page-1 refresh (304): liveread ÷ one naive GET (gzip)",
            of("idle", lambda t: t.kind("page").mean(304)),
            one_get,
            "B",
        ),
    ]
    busy = runs["busy"][0]
    rows.append(
        _row(
            f"busy {period} ({busy.happenings} story happenings), bytes: liveread ÷ naive (gzip)",
            of("busy", got),
            of("naive busy", got),
            "B",
            note="the demo story at its scripted pace, driven by the simulated clock; "
            f"liveread: {busy.requests} requests, page 1 came whole "
            f"{busy.kind('page').statuses.get(200, 0)} times",
            liveread=_kinds(busy),
            naive=_kinds(runs["naive busy"][0]),
        )
    )
    jsonld = runs["jsonld"][0]
    rows.append(
        _row(
            f"idle {period}, JSON-LD demo, bytes: liveread ÷ naive (gzip)",
            of("jsonld", got),
            of("naive jsonld", got),
            "B",
            note=f"schema.org page: a conditional GET every {FollowSettings().interval:g} s "
            f"({jsonld.requests} × 304), no update endpoint",
            liveread=_kinds(jsonld),
            naive=_kinds(runs["naive jsonld"][0]),
        )
    )
    return rows
