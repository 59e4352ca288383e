"""liveread's benchmarks: ``python -m bench`` measures and prints a table, and writes JSON.

Each section of issue 5 is one module with one ``run(ctx) -> list[Row]``
function (see :mod:`bench.api`), registered in :data:`bench.run.SECTIONS`.
Every figure is compared with a baseline measured in the same process run,
interleaved with it, so ratios hold on a noisy machine.
"""

from __future__ import annotations
