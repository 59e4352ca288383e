"""What a benchmark section receives and returns: :class:`Context` in, :class:`Row` out.

A section is a module with one function::

    def run(ctx: Context) -> list[Row]: ...

registered in :data:`bench.run.SECTIONS`. It measures, and fills each row's
``value`` (liveread's figure), ``baseline`` (the same thing done the plain way,
measured in the same run), ``ratio`` and ``target``; the runner judges the
rows (``met``), prints them and writes them as JSON. A row whose value is None
prints "not yet measured" (used by placeholders, never a made-up figure).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["Context", "Figure", "Row", "Target", "Unit"]

Unit = Literal["s", "B", "count"]


@dataclass(frozen=True)
class Context:
    """What a section may use.

    Attributes:
        quick: A ``--quick`` run: fewer repeats and smaller sizes; figures are not judged.
        workdir: A private temporary directory for this section (removed after the run).
        repo: The repository root (the working directory of subprocesses).
        python: The interpreter to run subprocesses with (the one running the bench).

    """

    quick: bool
    workdir: Path
    repo: Path
    python: str = sys.executable

    def repeats(self, full: int, quick: int = 3) -> int:
        """How many timed runs to make: *full* normally, *quick* with ``--quick``."""
        return quick if self.quick else full

    def log(self, message: str) -> None:
        """Print a progress line on stderr (stdout carries the table)."""
        print(f"bench: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Figure:
    """A measured quantity: the median of several runs, with their min and max.

    Attributes:
        median: The median of the runs (what ratios are computed from).
        min: The smallest run.
        max: The largest run.
        runs: How many runs.
        unit: "s" (seconds), "B" (bytes) or "count".

    """

    median: float
    min: float
    max: float
    runs: int
    unit: Unit = "s"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "median": self.median,
            "min": self.min,
            "max": self.max,
            "runs": self.runs,
            "unit": self.unit,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        """Read the JSON form back."""
        return cls(data["median"], data["min"], data["max"], data["runs"], data.get("unit", "s"))


@dataclass(frozen=True)
class Target:
    """What a row must reach: a bound on its ratio or on its value.

    Attributes:
        on: "ratio" (the row's ratio) or "value" (the median of its value,
            in the value's unit; or, for a verdict row, the verdict text).
        op: "<=", ">=" or "==" (equality is for verdicts such as "no").
        limit: The bound (a number, or the expected verdict).
        text: How the table shows it ("≥ 10×", "≤ 250 MB", "no").

    """

    on: Literal["ratio", "value"]
    op: Literal["<=", ">=", "=="]
    limit: float | str
    text: str

    def met(self, row: Row) -> bool | None:
        """Return whether *row* reaches this target; None when it has nothing to judge."""
        if self.on == "ratio":
            subject: float | str | None = row.ratio
        elif isinstance(row.value, Figure):
            subject = row.value.median
        else:
            subject = row.value
        if subject is None:
            return None
        if self.op == "==":
            return subject == self.limit
        if isinstance(subject, str) or isinstance(self.limit, str):
            return None
        return subject <= self.limit if self.op == "<=" else subject >= self.limit

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"on": self.on, "op": self.op, "limit": self.limit, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        """Read the JSON form back."""
        return cls(data["on"], data["op"], data["limit"], data["text"])


@dataclass
class Row:
    """One line of the table.

    Attributes:
        section: The section's key ("parse", "cache", ...).
        measurement: What was measured, including what the ratio divides
            ("10 entries: BeautifulSoup ÷ liveread").
        value: liveread's figure; a verdict string ("no"); None = not yet measured.
        baseline: The baseline's figure, measured in the same run, or None.
        ratio: The ratio the measurement names (of medians), or None.
        target: What the row must reach, or None (informational row).
        met: Set by the runner: True/False, or None when not judged.
        note: A short remark shown under the table.
        details: Anything else worth keeping in the JSON (sizes, profiles, counts).

    """

    section: str
    measurement: str
    value: Figure | str | None
    baseline: Figure | None = None
    ratio: float | None = None
    target: Target | None = None
    met: bool | None = None
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def pending(cls, section: str, measurement: str, target: Target | None = None) -> Row:
        """Return a row for something not measured yet (prints "not yet measured")."""
        return cls(section, measurement, None, target=target, note="not yet measured")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        value = self.value.to_dict() if isinstance(self.value, Figure) else self.value
        return {
            "section": self.section,
            "measurement": self.measurement,
            "value": value,
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "ratio": self.ratio,
            "target": self.target.to_dict() if self.target else None,
            "met": self.met,
            "note": self.note,
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        """Read the JSON form back (as a results file keeps it)."""
        value = data.get("value")
        return cls(
            section=data["section"],
            measurement=data["measurement"],
            value=Figure.from_dict(value) if isinstance(value, dict) else value,
            baseline=Figure.from_dict(data["baseline"]) if data.get("baseline") else None,
            ratio=data.get("ratio"),
            target=Target.from_dict(data["target"]) if data.get("target") else None,
            met=data.get("met"),
            note=data.get("note") or "",
            details=data.get("details") or {},
        )
