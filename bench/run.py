"""The benchmark runner: ``python -m bench`` or ``python bench/run.py`` from the repository root.

Runs the sections of issue 5 in one process (so ratios hold on a noisy
machine), prints a table on stdout (progress goes to stderr) and writes the
rows, the machine description and each section's status as JSON.

Options: ``--quick`` (fewer repeats, smaller sizes; for CI: figures are not
judged), ``--only SECTION`` (repeatable or comma-separated), ``--json PATH``,
``--markdown`` (the table as Markdown, for the README).

Exit status: 0 when every benchmark ran (and, in a full run, every target
measured was met); 1 when a benchmark crashed; 2 when a full run missed a
target. ``--quick`` exits 0 whatever the figures.

Adding a section: write ``bench/<name>_bench.py`` with
``run(ctx: Context) -> list[Row]`` (see :mod:`bench.api`) and list it in
:data:`SECTIONS`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: import from the repository, not bench/
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.api import Context, Row
from bench.machine import describe, summary_lines
from bench.table import render

__all__ = ["REPO", "SECTIONS", "Section", "main"]

#: The repository root.
REPO = Path(__file__).resolve().parent.parent
_RESULTS = REPO / "bench" / "results"
_SCHEMA = 1


@dataclass(frozen=True)
class Section:
    """One section of the benchmark.

    Attributes:
        key: Its name for ``--only`` and in the JSON ("parse").
        title: Its heading ("1. Parse").
        module: The module whose ``run(ctx) -> list[Row]`` measures it.

    """

    key: str
    title: str
    module: str

    def load(self) -> Callable[[Context], list[Row]]:
        """Import the section's module (only when it runs) and return its ``run``."""
        run: Callable[[Context], list[Row]] = importlib.import_module(self.module).run
        return run


#: Every section, in the issue's order; sections run in this order.
SECTIONS: tuple[Section, ...] = (
    Section("parse", "1. Parse", "bench.parse_bench"),
    Section("polling", "2. Polling cost", "bench.polling_bench"),
    Section("cache", "3. Cache growth", "bench.cache_bench"),
    Section("tui", "4. TUI", "bench.tui_bench"),
    Section("startup", "5. Headless start-up", "bench.startup_bench"),
    Section("freshness", "6. Freshness", "bench.freshness_bench"),
    Section("scale", "7. Scale: many blogs in one process", "bench.scale_bench"),
    Section("feeds", "8. Feeds: serving the 5,000-entry blog", "bench.feeds_bench"),
    Section("politeness", "9. Politeness: requests per hour per source", "bench.politeness_bench"),
)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    keys = [s.key for s in SECTIONS]
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Measure liveread against baselines, in one run."
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats and smaller sizes; do not judge"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SECTION",
        help=f"run only these sections ({', '.join(keys)}); repeatable or comma-separated",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="PATH",
        help="where to write the JSON (default bench/results/latest.json; "
        "latest-quick.json with --quick)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    only = [k.strip() for item in args.only for k in item.split(",") if k.strip()]
    unknown = sorted(set(only) - set(keys))
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)} (known: {', '.join(keys)})")
    args.sections = [s for s in SECTIONS if not only or s.key in only]
    args.partial = bool(only)
    if args.json is None:
        args.json = _RESULTS / ("latest-quick.json" if args.quick else "latest.json")
    return args


def _run_section(section: Section, ctx: Context) -> tuple[list[Row], dict[str, Any]]:
    """Run one section; a crash is recorded (with its traceback), not raised."""
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    status: dict[str, Any]
    try:
        rows = section.load()(ctx)
    except Exception as exc:
        ctx.log(f"{section.key}: CRASHED: {type(exc).__name__}: {exc}")
        status = {"status": "crashed", "error": traceback.format_exc()}
        rows = []
    else:
        measured = any(row.value is not None for row in rows)
        status = {"status": "measured" if measured else "not yet measured", "error": None}
    status["seconds"] = round(time.perf_counter() - started, 3)
    status["title"] = section.title
    return rows, status


def _judge(rows: list[Row], quick: bool) -> None:
    """Set each row's ``met``; a quick run judges nothing (its figures are too noisy)."""
    for row in rows:
        row.met = None if quick or row.target is None else row.target.met(row)


def _summary(rows: list[Row], statuses: dict[str, dict[str, Any]], quick: bool) -> dict[str, Any]:
    judged = [row for row in rows if row.met is not None]
    return {
        "judged": not quick,
        "targets_judged": len(judged),
        "met": sum(1 for row in judged if row.met),
        "missed": [f"{r.section}: {r.measurement}" for r in judged if not r.met],
        "not_yet_measured": [f"{r.section}: {r.measurement}" for r in rows if r.value is None],
        "crashed": [key for key, s in statuses.items() if s["status"] == "crashed"],
    }


def _print_report(
    rows: list[Row], statuses: dict[str, dict[str, Any]], machine: dict[str, Any], args: Any
) -> None:
    mode = "--quick (figures not judged)" if args.quick else "full run"
    print("\n".join(summary_lines(machine)))
    print(f"Mode: {mode}; each figure is the median of its runs (min–max); ratios of medians.\n")
    print(render(rows, markdown=args.markdown))
    notes = [r for r in rows if r.note and r.value is not None]
    if notes:
        print()
        for row in notes:
            print(f"* {row.section}, {row.measurement}: {row.note}")
    shown: list[Any] = []
    for row in rows:
        profile = row.details.get("profile")
        if profile and profile not in shown:  # both rows of a page may carry the same one
            shown.append(profile)
            print(f"\ncProfile of liveread.parse, {row.measurement} (top by cumulative time):")
            print("\n".join("    " + line for line in profile))
    print()
    for status in statuses.values():
        print(f"{status['title']}: {status['status']} in {status['seconds']:.1f} s")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections; print the table, write the JSON; return the exit status."""
    args = _parse_args(argv)
    machine = describe()
    started = time.perf_counter()
    rows: list[Row] = []
    statuses: dict[str, dict[str, Any]] = {}
    saved_home = os.environ.get("LIVEREAD_HOME")
    with tempfile.TemporaryDirectory(prefix="liveread-bench-") as tmp:
        # Nothing a benchmark does may touch the user's own liveread files.
        os.environ["LIVEREAD_HOME"] = str(Path(tmp) / "home")
        try:
            for section in args.sections:
                ctx = Context(quick=args.quick, workdir=Path(tmp) / section.key, repo=REPO)
                ctx.log(f"{section.title}")
                section_rows, statuses[section.key] = _run_section(section, ctx)
                rows += section_rows
        except KeyboardInterrupt:
            return 130
        finally:
            if saved_home is None:
                os.environ.pop("LIVEREAD_HOME", None)
            else:
                os.environ["LIVEREAD_HOME"] = saved_home
    _judge(rows, args.quick)
    summary = _summary(rows, statuses, args.quick)
    document = {
        "schema": _SCHEMA,
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": ["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])],
        "quick": args.quick,
        "seconds": round(time.perf_counter() - started, 3),
        "machine": machine,
        "sections": statuses,
        "rows": [row.to_dict() for row in rows],
        "summary": summary,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    args.json.write_text(text, "utf-8")
    if not args.quick and not args.partial:
        # Every full run is kept beside the JSON (by default bench/results/run-<UTC
        # time>.json, committed with the README table scripts/bench_table.py makes from
        # it, so figures cannot drift); a run written elsewhere (a test's) stays there.
        stamp = document["created"].replace("-", "").replace(":", "")
        (args.json.parent / f"run-{stamp}.json").write_text(text, "utf-8")
    _print_report(rows, statuses, machine, args)
    print(f"Total {document['seconds']:.1f} s; JSON written to {args.json}")
    if summary["crashed"]:
        return 1
    return 2 if summary["missed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
