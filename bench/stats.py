"""Repeated runs and what is made of them: medians with min-max, ratios, peak memory.

Timing interleaves the things compared (A B A B ..., the order reversed every
other round) so that a burst of load on a shared machine hits all of them
alike, and collects garbage before each run so one run's litter is not
charged to the next. ``time.perf_counter`` is the clock.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.api import Figure, Unit

__all__ = ["Subject", "figure", "peak_memory", "ratio", "time_interleaved"]


@dataclass(frozen=True)
class Subject:
    """One thing to time.

    Attributes:
        name: Its key in the result of :func:`time_interleaved`.
        run: The timed call.
        prepare: An untimed call made before each run (e.g. publish the entry to apply).

    """

    name: str
    run: Callable[[], object]
    prepare: Callable[[], object] | None = None


def figure(values: Sequence[float], unit: Unit = "s") -> Figure:
    """Return the median, min and max of *values* as a :class:`Figure`."""
    if not values:
        raise ValueError("no runs to summarize")
    return Figure(statistics.median(values), min(values), max(values), runs=len(values), unit=unit)


def ratio(numerator: Figure | float, denominator: Figure | float) -> float | None:
    """Return numerator ÷ denominator (of medians), or None when the denominator is 0."""
    top = numerator.median if isinstance(numerator, Figure) else numerator
    bottom = denominator.median if isinstance(denominator, Figure) else denominator
    return top / bottom if bottom else None


def time_interleaved(
    subjects: Sequence[Subject], repeats: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Time each subject *repeats* times, interleaved; return the seconds of each run by name.

    Args:
        subjects: What to time, in the order of the first round.
        repeats: Timed rounds.
        warmup: Untimed rounds first (imports, caches, first-apply effects).

    """
    runs: dict[str, list[float]] = {s.name: [] for s in subjects}
    for round_index in range(warmup + repeats):
        # ABAB, then BABA: neither side always runs right after the other.
        order = subjects if round_index % 2 == 0 else list(reversed(subjects))
        for subject in order:
            if subject.prepare is not None:
                subject.prepare()
            gc.collect()
            start = time.perf_counter()
            subject.run()
            elapsed = time.perf_counter() - start
            if round_index >= warmup:
                runs[subject.name].append(elapsed)
    return runs


def peak_memory(
    run: Callable[[], object], repeats: int, prepare: Callable[[], object] | None = None
) -> list[float]:
    """Return the peak of Python allocations (bytes, tracemalloc) during each of *repeats* runs.

    Measured apart from the timings (tracemalloc slows allocation down). It
    counts what Python allocates, not SQLite's own page cache or the HTML
    parser's C heap.
    """
    peaks: list[float] = []
    for _ in range(repeats):
        if prepare is not None:
            prepare()
        gc.collect()
        tracemalloc.start()
        try:
            run()
            peaks.append(float(tracemalloc.get_traced_memory()[1]))
        finally:
            tracemalloc.stop()
    return peaks
