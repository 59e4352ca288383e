"""Section 1, Parse: ``liveread.parse`` against BeautifulSoup and against the selectolax floor.

Demo Guardian pages of 10 and 300 entries (one page holds them all) are
rendered once; then liveread, the BeautifulSoup extraction and the floor of
:mod:`bench.baselines` are timed interleaved on the same text. Before timing,
the BeautifulSoup extraction is checked to find the same entries, key events,
pinned post and photos as liveread, so the comparison is like for like.

Targets (issue 5): BeautifulSoup ÷ liveread ≥ 10×; liveread ÷ floor ≤ 3×.
The corpus's schema.org pages, when the corpus is present, add rows with the
same ratios and no target (real pages, for information).

When a full run misses a target, liveread's parse of that page is profiled
(cProfile) and the top functions are kept in the row's details.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import baselines
from bench.api import Context, Row, Target
from bench.stats import Subject, figure, ratio, time_interleaved

__all__ = ["BS4_TARGET", "FLOOR_LARGE_TARGET", "FLOOR_TARGET", "profile_parse", "run"]

#: BeautifulSoup's time ÷ liveread's must be at least this.
BS4_TARGET = Target("ratio", ">=", 10.0, "≥ 10×")
#: liveread's time ÷ the floor's must be at most this (the small page: start-up costs weigh).
FLOOR_TARGET = Target("ratio", "<=", 3.0, "≤ 3×")
#: ... and on the 300-entry page, where only the per-node work counts (issue 12).
FLOOR_LARGE_TARGET = Target("ratio", "<=", 2.0, "≤ 2×")

_AJAX_URL = "http://127.0.0.1:8123"
_CORPUS_PAGES = (
    "jsonld/corkbeo-reach-liveblog-jsonld.html",
    "jsonld/ndtv-sports-liveblog-microdata.html",
)


def _demo_page(entries: int) -> tuple[str, str]:
    """Render a demo Guardian page holding *entries* entries; return (html, url)."""
    from liveread.demo import DemoBlog, render_page

    blog = DemoBlog.synthetic(entries, page_size=entries)
    return render_page(blog, 1, ajax_url=_AJAX_URL), blog.url


def _check_guardian(page: str, url: str) -> dict[str, Any]:
    """Check that the BeautifulSoup baseline reads what liveread reads; return the counts."""
    import liveread

    blog = liveread.parse(page, url)
    soup = baselines.guardian_bs4(page)
    feed = {e.id: e for e in blog.entries}
    found = {
        "feed ids": ([e["id"] for e in soup["entries"]], list(blog.feed_ids)),
        "key events": (
            sorted(k["id"] for k in soup["key_events"]),
            sorted(e.id for e in blog.key_events),
        ),
        "pinned": (
            soup["pinned"]["id"] if soup["pinned"] else None,
            blog.pinned and blog.pinned.id,
        ),
        "photos": (
            sum(len(e["images"]) for e in soup["entries"]),
            sum(len(feed[i].images) for i in blog.feed_ids),
        ),
    }
    for what, (theirs, ours) in found.items():
        if theirs != ours:
            raise AssertionError(f"the BeautifulSoup baseline disagrees with liveread on {what}")
    return {
        "entries": len(blog.entries),
        "feed": len(blog.feed_ids),
        "key_events": len(blog.key_events),
        "photos": found["photos"][1],
    }


def profile_parse(page: str, url: str, runs: int = 20, top: int = 15) -> list[str]:
    """Profile *runs* parses of *page*; return the top functions by cumulative time, as lines."""
    import liveread

    liveread.parse(page, url)  # imports and first-use caches out of the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        liveread.parse(page, url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return [line.rstrip() for line in lines[start:] if line.strip()]


def _measure(
    ctx: Context,
    label: str,
    page: str,
    url: str,
    baseline: Callable[[str], object],
    floor: Callable[[str], object],
    repeats: int,
    targets: tuple[Target, Target] | None,
) -> list[Row]:
    """Time liveread, the BeautifulSoup baseline and the floor on *page*; return two rows."""
    import liveread

    ctx.log(f"parse: {label}, {repeats} runs each")
    runs = time_interleaved(
        [
            Subject("liveread", lambda: liveread.parse(page, url)),
            Subject("bs4", lambda: baseline(page)),
            Subject("floor", lambda: floor(page)),
        ],
        repeats,
    )
    ours, theirs, least = figure(runs["liveread"]), figure(runs["bs4"]), figure(runs["floor"])
    size = len(page.encode())
    return [
        Row(
            "parse",
            f"{label}: bs4 ÷ liveread",
            ours,
            theirs,
            ratio(theirs, ours),
            targets[0] if targets else None,
            details={"page_bytes": size},
        ),
        Row(
            "parse",
            f"{label}: liveread ÷ floor",
            ours,
            least,
            ratio(ours, least),
            targets[1] if targets else None,
            details={"page_bytes": size},
        ),
    ]


def _corpus_dir(repo: Path) -> Path:
    return Path(os.environ.get("LIVEREAD_CORPUS") or repo.parent / "shared" / "corpus")


def _corpus_rows(ctx: Context, repeats: int) -> list[Row]:
    """Rows for the corpus's schema.org pages; none when the corpus is absent."""
    import liveread
    from liveread.errors import LivereadError
    from liveread.sources import decode

    rows: list[Row] = []
    for name in _CORPUS_PAGES:
        path = _corpus_dir(ctx.repo) / name
        if not path.is_file():
            continue
        page = decode(path.read_bytes())
        url = "https://example.org/" + path.stem
        try:
            source = liveread.parse(page, url).source
        except LivereadError:
            continue
        if source == "jsonld":
            pair = (baselines.jsonld_bs4, baselines.jsonld_floor)
        else:
            pair = (baselines.microdata_bs4, baselines.microdata_floor)
        label = f"corpus {path.stem.split('-')[0]} ({source}, {len(page.encode()) // 1024} KiB)"
        measured = _measure(ctx, label, page, url, *pair, repeats, targets=None)
        measured[0].note = f"a real page ({path.name}), for information: no target"
        rows += measured
    return rows


def run(ctx: Context) -> list[Row]:
    """Measure section 1 and return its rows."""
    import liveread.sources  # noqa: F401 - imported before any timing

    rows: list[Row] = []
    for entries, repeats in ((10, ctx.repeats(40, 5)), (300, ctx.repeats(15, 3))):
        page, url = _demo_page(entries)
        counts = _check_guardian(page, url)
        label = f"demo, {entries} entries ({len(page.encode()) // 1024} KiB)"
        floor_target = FLOOR_TARGET if entries < 100 else FLOOR_LARGE_TARGET
        measured = _measure(
            ctx,
            label,
            page,
            url,
            baselines.guardian_bs4,
            baselines.guardian_floor,
            repeats,
            (BS4_TARGET, floor_target),
        )
        missed = {id(r) for r in measured if r.target is not None and r.target.met(r) is False}
        profile = profile_parse(page, url) if missed and not ctx.quick else None
        for row in measured:
            row.details.update(counts)
            if profile is not None and id(row) in missed:
                ctx.log(f"parse: {label} misses a target; cProfile of liveread.parse kept")
                row.details["profile"] = profile
        rows.extend(measured)
    rows[0].note = (
        "bs4 = BeautifulSoup(html.parser) extraction of the same fields (bench/baselines.py); "
        "floor = selectolax parse + each entry's text()"
    )
    rows.extend(_corpus_rows(ctx, ctx.repeats(15, 2)))
    return rows
