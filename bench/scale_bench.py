"""Section 6, Scale: fifty blogs followed in one process, against one blog followed alone.

Measured with :mod:`bench.scale_sim`: the followers in a fresh child process
(one :class:`~liveread.follow.Follower` per blog, one shared HTTP client,
one cache, as ``liveread follow URL1 … URL50`` runs them), on one simulated
clock, against one real demo server per blog on loopback, for a simulated
hour after every backfill is done, at liveread's default settings (poll
every 30 s, page-1 refresh every 120 s).

- **peak resident memory** of the follower process (``VmHWM``, backfill
  included): 50 blogs ÷ 1 blog, idle;
- **CPU time per idle poll**: the process's user + system CPU time during the
  idle hour ÷ the requests it made, 50 blogs ÷ 1 blog;
- **requests per blog**: each blog keeps its own schedule, idle and busy
  (each demo story unfolding at its scripted pace), 50 blogs ÷ 1 blog.

``--quick`` follows 5 blogs for 5 simulated minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from bench.api import Context, Row, Target, Unit
from bench.scale_sim import ScaleRun, run_scale
from bench.stats import figure, ratio

__all__ = ["CPU_TARGET", "MEMORY_TARGET", "REQUESTS_TARGET", "run"]

#: Fifty blogs ÷ one: at most twice the memory, 1.5× the CPU per poll, no extra requests.
MEMORY_TARGET = Target("ratio", "<=", 2.0, "≤ 2×")
CPU_TARGET = Target("ratio", "<=", 1.5, "≤ 1.5×")
REQUESTS_TARGET = Target("ratio", "<=", 1.05, "≤ 1.05×")

_S = "scale"


def _row(
    measurement: str,
    ours: list[ScaleRun],
    alone: list[ScaleRun],
    pick: Callable[[ScaleRun], float],
    unit: Unit,
    target: Target | None,
    note: str = "",
) -> Row:
    value = figure([pick(r) for r in ours], unit)
    baseline = figure([pick(r) for r in alone], unit)
    details = {
        "runs": [
            {
                "blogs": r.blogs,
                "busy": r.busy,
                "peak_rss": r.peak_rss,
                "cpu": r.cpu,
                "requests": r.requests,
                "per_blog": list(r.per_blog),
                "wall": r.wall,
            }
            for r in (*ours, *alone)
        ]
    }
    return Row(
        _S, measurement, value, baseline, ratio(value, baseline), target, note=note, details=details
    )


def run(ctx: Context) -> list[Row]:
    """Measure section 6 and return its rows."""
    many = 5 if ctx.quick else 50
    seconds = 300.0 if ctx.quick else 3600.0
    period = "5 min" if ctx.quick else "1 h"
    repeats = ctx.repeats(1, 1)  # each run is a fresh process of its own
    ctx.log(f"scale: {many} blogs and 1 blog, {period} simulated, idle and busy")
    runs: dict[tuple[int, bool], list[ScaleRun]] = {}
    for _ in range(repeats):
        for blogs in (1, many):
            for busy in (False, True):
                found = run_scale(blogs, seconds, ctx.workdir, busy=busy)
                runs.setdefault((blogs, busy), []).append(found)
    idle, alone = runs[(many, False)], runs[(1, False)]
    busy, busy_alone = runs[(many, True)], runs[(1, True)]
    spread = f"per blog {idle[0].per_blog[0]}–{idle[0].per_blog[1]} requests"
    return [
        _row(
            f"peak resident memory, {many} blogs in one process ÷ 1 blog alone",
            idle,
            alone,
            lambda r: float(r.peak_rss),
            "B",
            MEMORY_TARGET,
            "the follower process's peak RSS (VmHWM), backfill included; the demo servers run "
            "in another process",
        ),
        _row(
            f"CPU time per idle poll, {many} blogs ÷ 1 blog",
            idle,
            alone,
            lambda r: r.cpu_per_request,
            "s",
            CPU_TARGET,
            f"user + system CPU of the follower process over the idle {period} ÷ its requests "
            f"({idle[0].requests} for {many} blogs, {alone[0].requests} for 1)",
        ),
        _row(
            f"requests per blog, idle {period}: {many} blogs ÷ 1 blog",
            idle,
            alone,
            lambda r: r.requests_per_blog,
            "count",
            REQUESTS_TARGET,
            spread,
        ),
        _row(
            f"requests per blog, busy {period}: {many} blogs ÷ 1 blog",
            busy,
            busy_alone,
            lambda r: r.requests_per_blog,
            "count",
            REQUESTS_TARGET,
            "every demo story unfolding at its scripted pace",
        ),
        _row(
            f"CPU time per poll, busy {period}: {many} blogs ÷ 1 blog",
            busy,
            busy_alone,
            lambda r: r.cpu_per_request,
            "s",
            None,
        ),
    ]
