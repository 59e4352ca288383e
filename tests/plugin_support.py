"""Install a source from outside as pip would: a module and a distribution on ``sys.path``.

The code is written out as a module beside a ``<name>-1.0.dist-info`` holding
the ``entry_points.txt`` that names it in the ``liveread.sources`` group, and
the directory goes first on ``sys.path`` and on ``PYTHONPATH`` (so the CLI in a
subprocess finds it too). The registry's cache of sources is cleared before
and after, so each test sees exactly the sources it installed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import liveread.sources

DOCS = Path(__file__).resolve().parent.parent / "docs" / "sources.md"


def docs_example(class_name: str) -> str:
    """The Python block of docs/sources.md that defines *class_name*."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if f"class {class_name}" in b)


@contextmanager
def installed(
    site: Path, monkeypatch: pytest.MonkeyPatch, sources: dict[str, tuple[str, str]]
) -> Iterator[Path]:
    """Install each ``{module: (code, class)}`` as a plug-in distribution under *site*.

    Use it in a fixture (its ``monkeypatch`` restores the paths when the test ends).
    """
    site.mkdir(parents=True, exist_ok=True)
    for module, (code, cls) in sources.items():
        (site / f"{module}.py").write_text(code, encoding="utf-8")
        info = site / f"{module}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n",
            encoding="utf-8",
        )
        (info / "entry_points.txt").write_text(
            f"[liveread.sources]\n{module} = {module}:{cls}\n", encoding="utf-8"
        )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    liveread.sources.registered.cache_clear()
    try:
        yield site
    finally:
        # sys.path and PYTHONPATH go back with the test's monkeypatch, after this.
        liveread.sources.registered.cache_clear()
        for module in sources:
            sys.modules.pop(module, None)
