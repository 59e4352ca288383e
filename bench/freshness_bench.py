"""Section 6, Freshness: how soon after publication an entry is applied, on real blogs' rhythms.

The publication times of real live blogs in the shared corpus (the Mirror
page's updates over three days, CorkBeo's, the Guardian pages' blocks) are
replayed through the demo server on a simulated clock: each entry is
published on the demo blog at its real offset from the blog's first entry,
while a real :class:`~liveread.follow.Follower` follows the blog over real
loopback sockets, sleeping on the simulated clock. For every entry the delay
is the simulated time from its publication to the moment the follower applied
it; requests are what the server received, per simulated hour.

Three strategies on the same rhythms, side by side:

- **liveread** (the defaults): adaptive waits, 10 s while busy, up to 120 s
  in silence; the page-1 re-read from 120 s to 600 s;
- **fixed 10 s**: the Guardian page's own rhythm (the update poll every
  10 s; liveread also re-reads page 1 every 120 s);
- **fixed 30 s**: liveread's former default (and page 1 every 120 s).

Every rhythm is served in the Guardian's shape (update poll plus page 1),
whatever site it came from: the rhythm is what is measured.

Targets (the issue): liveread's median delay at most the fixed 10 s poll's
plus 1 s, its 90th percentile under 30 s, with at most half the fixed 10 s
poll's requests; judged on all the rhythms' entries together. ``--quick``
replays each rhythm's first half hour only. Without the corpus, the rows
say so and nothing is measured.
"""

from __future__ import annotations

import asyncio
import os
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench.api import Context, Row, Target
from bench.polling_sim import SimClock
from bench.stats import figure, ratio
from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from liveread.demo.story import DEFAULT_START
from liveread.fetch import Fetcher
from liveread.follow import Applied, Follower, FollowEvent, FollowSettings, StatusChanged

__all__ = ["RHYTHMS", "run"]

_S = "freshness"
#: The corpus pages whose entries give the rhythms, by name: (file, URL to parse it as).
RHYTHMS: dict[str, tuple[str, str]] = {
    "Mirror (Reach), 3 days": (
        "reach/mirror-uk-riots-2024-08-05.html",
        "https://www.mirror.co.uk/news/uk-news/uk-riots-live-hotel-rotherham-33386398",
    ),
    "CorkBeo (Reach), 13 h": (
        "jsonld/corkbeo-reach-liveblog-jsonld.html",
        "https://www.corkbeo.ie/news/local-news/level-3-live-cork-ireland-19056312",
    ),
    "Guardian, Ukraine page": (
        "guardian/guardian-page-russia-ukraine-2023-05-15.html",
        "https://www.theguardian.com/world/live/2023/may/15/russia-ukraine-war-latest",
    ),
    "Guardian, PMQs model": (
        "guardian/dcr-liveblog-politics-pmqs-2023-12-13-page1-pinned.json",
        "https://www.theguardian.com/politics/live/2023/dec/13/pmqs",
    ),
    "Guardian, Mars model": (
        "guardian/dcr-liveblog-mars-perseverance-2021-page1.json",
        "https://www.theguardian.com/science/live/2021/feb/19/mars-landing",
    ),
}
_QUICK_SPAN = 1800.0
MEDIAN_SLACK = 1.0
P90_TARGET = Target("value", "<=", 30.0, "< 30 s")
REQUESTS_TARGET = Target("ratio", "<=", 0.5, "≤ 50%")


def _corpus() -> Path:
    here = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("LIVEREAD_CORPUS") or here.parent / "shared" / "corpus")


def offsets(path: Path, url: str) -> list[float]:
    """The entries' publication times as seconds after the first, in order."""
    from liveread import parse

    times = sorted(e.published for e in parse(path.read_bytes(), url).entries)
    return [(t - times[0]).total_seconds() for t in times]


@dataclass(frozen=True)
class Replay:
    """What one strategy did on one rhythm.

    Attributes:
        delays: Seconds from publication to the entry applied, one per entry replayed.
        requests: Requests the server received during the replay.
        hours: The replay's length in simulated hours.

    """

    delays: tuple[float, ...]
    requests: int
    hours: float

    @property
    def per_hour(self) -> float:
        """Requests per simulated hour."""
        return self.requests / self.hours if self.hours else 0.0


async def _replay(times: list[float], settings: FollowSettings, db: Path) -> Replay:
    sim = SimClock()
    # Room after the last publication for it to arrive; the replay stops once it has.
    span = times[-1] + 3600.0
    published: dict[str, datetime] = {}
    applied: dict[str, datetime] = {}
    pending = list(times[1:])  # the first entry is there before following starts
    ended: list[datetime] = []

    def blog(url: str) -> DemoBlog:
        return DemoBlog.synthetic(1, base_url=url)  # the first entry, before following starts

    with DemoServer(blog_factory=blog, start=DEFAULT_START, poll_max_age=None) as server:

        def publish_due() -> None:
            if sim.start is None:
                return
            while pending and sim.start + timedelta(seconds=pending[0]) <= sim.now:
                at = sim.start + timedelta(seconds=pending.pop(0))

                def act(demo: DemoBlog, at: datetime = at) -> str:
                    entry = demo.new_entry(f"Entry at {at:%H:%M:%S}", "Replayed.", at=at)
                    return demo.publish(entry).id

                published[server.change(act)] = at

        async def sleep(seconds: float) -> None:
            await sim.sleep(seconds)
            publish_due()  # what was published while the follower slept

        def on_event(event: FollowEvent) -> None:
            if isinstance(event, StatusChanged) and event.status.state == "live":
                if sim.start is None:
                    sim.begin(span)
                    server.stats.reset()
            elif isinstance(event, Applied):
                for entry in event.changes.new:
                    applied.setdefault(entry.id, sim.now)
                if not pending and published.keys() <= applied.keys():
                    ended.append(sim.now)
                    follower.stop()

        with Cache(db, now=sim.clock) as cache:
            async with Fetcher() as fetcher:
                follower = Follower(
                    server.url,
                    cache,
                    settings=settings,
                    on_event=on_event,
                    fetcher=fetcher,
                    clock=sim.clock,
                    sleep=sleep,
                )
                sim.on_end = follower.stop
                await follower.run()
        requests = server.stats.requests
    delays = tuple((applied[i] - at).total_seconds() for i, at in published.items() if i in applied)
    if len(delays) != len(times) - 1 or not ended or sim.start is None:
        raise AssertionError(f"{len(times) - 1 - len(delays)} replayed entries never arrived")
    return Replay(delays, requests, (ended[0] - sim.start).total_seconds() / 3600)


def replay(times: list[float], settings: FollowSettings, db: Path) -> Replay:
    """Replay *times* (seconds after the first entry) against a follower with *settings*."""
    return asyncio.run(_replay(times, settings, db))


STRATEGIES: dict[str, FollowSettings] = {
    "liveread": FollowSettings(),
    "fixed 10 s": FollowSettings.fixed(10.0, 120.0),
    "fixed 30 s": FollowSettings.fixed(30.0, 120.0),
}


def _quantile(values: Iterable[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(q * 100) - 1]


def run(ctx: Context) -> list[Row]:
    """Measure section 6 and return its rows."""
    corpus = _corpus()
    if not (corpus / "expected.json").is_file():
        ctx.log(f"freshness: no corpus at {corpus}: not measured")
        return [Row.pending(_S, "replayed real rhythms: the corpus is absent")]
    rhythms = {name: offsets(corpus / f, url) for name, (f, url) in RHYTHMS.items()}
    if ctx.quick:
        rhythms = {n: [t for t in ts if t <= _QUICK_SPAN] for n, ts in rhythms.items()}
        rhythms = {n: ts for n, ts in rhythms.items() if len(ts) > 1}
    ctx.log(f"freshness: {len(rhythms)} rhythms x {len(STRATEGIES)} strategies")
    results: dict[str, dict[str, Replay]] = {}
    for number, (strategy, settings) in enumerate(STRATEGIES.items()):
        results[strategy] = {}
        for index, (name, times) in enumerate(rhythms.items()):
            db = ctx.workdir / f"cache-{number}-{index}.sqlite3"
            results[strategy][name] = replay(times, settings, db)
    rows: list[Row] = []
    pooled = {s: [d for r in results[s].values() for d in r.delays] for s in STRATEGIES}
    hours = {s: sum(r.hours for r in results[s].values()) for s in STRATEGIES}
    requests = {s: sum(r.requests for r in results[s].values()) for s in STRATEGIES}
    median = {s: statistics.median(pooled[s]) for s in STRATEGIES}
    p90 = {s: _quantile(pooled[s], 0.9) for s in STRATEGIES}
    per_hour = {s: requests[s] / hours[s] for s in STRATEGIES}
    entries = len(pooled["liveread"])
    details = {
        s: {
            name: {
                "entries": len(r.delays),
                "median_delay_s": round(statistics.median(r.delays), 2),
                "p90_delay_s": round(_quantile(r.delays, 0.9), 2),
                "requests_per_hour": round(r.per_hour, 1),
                "hours": round(r.hours, 2),
            }
            for name, r in results[s].items()
        }
        for s in STRATEGIES
    }
    base = "fixed 10 s"
    slack = Target(
        "value", "<=", round(median[base] + MEDIAN_SLACK, 2), f"≤ {median[base] + 1:.1f} s"
    )
    rows.append(
        Row(
            _S,
            f"median delay, {entries} entries of {len(rhythms)} blogs: liveread (fixed 10 s)",
            figure([median["liveread"]]),
            figure([median[base]]),
            ratio(median["liveread"], median[base]),
            slack,
            note="delay = simulated time from publication to the entry applied",
            details={"by_rhythm": details},
        )
    )
    rows.append(
        Row(
            _S,
            "90th-percentile delay: liveread (fixed 10 s beside)",
            figure([p90["liveread"]]),
            figure([p90[base]]),
            ratio(p90["liveread"], p90[base]),
            P90_TARGET,
        )
    )
    rows.append(
        Row(
            _S,
            "requests per hour: liveread ÷ fixed 10 s",
            figure([per_hour["liveread"]], "count"),
            figure([per_hour[base]], "count"),
            ratio(per_hour["liveread"], per_hour[base]),
            REQUESTS_TARGET,
            note=f"over {hours['liveread']:.1f} simulated hours; polls and page-1 re-reads",
        )
    )
    for strategy in ("fixed 10 s", "fixed 30 s"):
        rows.append(
            Row(
                _S,
                f"{strategy}: median / 90th percentile delay, requests per hour",
                f"{median[strategy]:.1f} s / {p90[strategy]:.1f} s, {per_hour[strategy]:.0f}/h",
            )
        )
    for name in rhythms:
        mine = results["liveread"][name]
        rows.append(
            Row(
                _S,
                f"liveread on {name}: median / 90th percentile delay, requests per hour",
                f"{statistics.median(mine.delays):.1f} s / {_quantile(mine.delays, 0.9):.1f} s, "
                f"{mine.per_hour:.0f}/h (fixed 10 s: "
                f"{statistics.median(results[base][name].delays):.1f} s, "
                f"{results[base][name].per_hour:.0f}/h)",
            )
        )
    return rows
