"""Write the README's performance tables from the newest benchmark runs.

``python -m bench`` keeps every full run as ``bench/results/run-<UTC time>.json``
(the figures, their targets, the machine). This script renders the newest of
them as the Markdown table between the README's ``bench-table`` markers, so
the table and the figures cannot drift apart; ``--check`` only says whether
the README is up to date (a test runs it).

A section run on its own (``python -m bench --only KEY --json
bench/results/KEY-<UTC time>.json``) has a table of its own in the README,
between ``<!-- KEY-table:start … -->`` and ``<!-- KEY-table:end -->``: the
rows of the newest such file, written (and checked) the same way.

Usage: ``python scripts/bench_table.py [--check]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.api import Row  # noqa: E402 - after the path is set
from bench.machine import summary_lines  # noqa: E402
from bench.table import render  # noqa: E402

README = REPO / "README.md"
RESULTS = REPO / "bench" / "results"
START = "<!-- bench-table:start (scripts/bench_table.py writes this from bench/results) -->"
END = "<!-- bench-table:end -->"


def newest_run(results: Path = RESULTS) -> Path:
    """The newest full run's file."""
    runs = sorted(results.glob("run-*.json"))
    if not runs:
        raise SystemExit("bench_table: no full run in bench/results: run `python -m bench` first")
    return runs[-1]


def table(path: Path) -> str:
    """The README's block for one results file: where it comes from, the machine, the rows."""
    document = json.loads(path.read_text(encoding="utf-8"))
    rows = [Row.from_dict(r) for r in document["rows"]]
    machine = " ".join(line.strip() for line in summary_lines(document["machine"]))
    lines = [
        START,
        f"From `bench/results/{path.name}` ({document['created']}, "
        f"{document['seconds'] / 60:.0f} min). {machine}.",
        "",
        render(rows, markdown=True),
        "",
    ]
    notes = [f"- *{r.section}, {r.measurement}*: {r.note}" for r in rows if r.note and r.value]
    if notes:
        lines += ["Notes from the run:", "", *notes, ""]
    missed = document.get("summary", {}).get("missed") or []
    which = f" ({'; '.join(missed)})" if missed else ""
    lines.append(f"Targets missed: {len(missed)}{which}.")
    lines.append(END)
    return "\n".join(lines)


def rewrite(readme: str, block: str) -> str:
    """*readme* with its table block replaced by *block*."""
    start, end = readme.index(START), readme.index(END) + len(END)
    return readme[:start] + block + readme[end:]


_SECTION = re.compile(r"<!-- (?P<key>[a-z]+)-table:start[^\n]*-->\n")


def section_tables(readme: str, results: Path = RESULTS) -> str:
    """*readme* with each section's own table rewritten from its newest ``<key>-*.json``."""
    for key in [m["key"] for m in _SECTION.finditer(readme) if m["key"] != "bench"]:
        runs = sorted(results.glob(f"{key}-*.json"))
        if not runs:
            raise SystemExit(f"bench_table: no run of the {key} section in bench/results")
        rows = [Row.from_dict(r) for r in json.loads(runs[-1].read_text(encoding="utf-8"))["rows"]]
        found = _SECTION.search(readme, readme.index(f"<!-- {key}-table:start"))
        assert found is not None
        end = readme.index(f"<!-- {key}-table:end -->")
        readme = readme[: found.end()] + render(rows, markdown=True) + "\n" + readme[end:]
    return readme


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or, with --check, check) the README's table; the exit status says how it went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the README is current")
    args = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    wanted = section_tables(rewrite(readme, table(newest_run())))
    if args.check:
        if wanted != readme:
            print("bench_table: README's table is not the newest run's: run scripts/bench_table.py")
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
