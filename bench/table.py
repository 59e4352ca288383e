"""The rows as a table for the terminal, or as Markdown for the README."""

from __future__ import annotations

from collections.abc import Sequence

from bench.api import Figure, Row

__all__ = ["HEADERS", "format_figure", "format_ratio", "render", "row_cells"]

HEADERS = ("section", "measurement", "liveread", "baseline", "ratio", "target", "met?")


def _amount(value: float, unit: str) -> str:
    """One amount, readable: seconds as µs/ms/s, bytes as KiB/MiB, counts as numbers."""
    if unit == "s":
        if value >= 1:
            return f"{value:.2f} s"
        if value >= 1e-3:
            ms = value * 1e3
            return f"{ms:.3g} ms" if ms < 100 else f"{ms:.0f} ms"
        return f"{value * 1e6:.0f} µs"
    if unit == "B":
        if value >= 2**20:
            return f"{value / 2**20:.1f} MiB"
        if value >= 2**10:
            return f"{value / 2**10:.0f} KiB"
        return f"{value:.0f} B"
    return f"{value:,.0f}"


def format_figure(figure: Figure | str | None) -> str:
    """Return "median (min–max)", a verdict as is, or "not yet measured"."""
    if figure is None:
        return "not yet measured"
    if isinstance(figure, str):
        return figure
    if figure.runs == 1:
        return _amount(figure.median, figure.unit)
    low, high = _amount(figure.min, figure.unit), _amount(figure.max, figure.unit)
    # "0.48 ms (0.45–0.61 ms)": the unit once when both ends share it
    low_number, _, low_unit = low.partition(" ")
    if high.endswith(" " + low_unit):
        low = low_number
    return f"{_amount(figure.median, figure.unit)} ({low}–{high})"


def format_ratio(value: float | None) -> str:
    """Return a ratio as "9.6×" (or a percentage when it is a small fraction)."""
    if value is None:
        return "—"
    if value < 0.1:
        return f"{value * 100:.2g}%"
    return f"{value:.1f}×" if value >= 10 else f"{value:.2f}×"


def row_cells(row: Row) -> tuple[str, ...]:
    """Return the cells of one row, in :data:`HEADERS` order."""
    met = "—" if row.met is None else ("yes" if row.met else "no")
    return (
        row.section,
        row.measurement,
        format_figure(row.value),
        format_figure(row.baseline) if row.baseline else "—",
        format_ratio(row.ratio),
        row.target.text if row.target else "—",
        met,
    )


def render(rows: Sequence[Row], markdown: bool = False) -> str:
    """Return the rows as an aligned text table, or a Markdown table."""
    cells = [row_cells(row) for row in rows]
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in cells]
        return "\n".join(lines)
    widths = [max(len(line[i]) for line in [HEADERS, *cells]) for i in range(len(HEADERS))]
    out = ["  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells
    ]
    return "\n".join(out)
