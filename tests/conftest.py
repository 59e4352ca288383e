"""Shared fixtures: every test runs with its own LIVEREAD_HOME, never the user's.

The real-world corpus lives beside the repository at ``../shared/corpus`` (or
where ``$LIVEREAD_CORPUS`` says); tests that need it skip with a reason when it
is absent, and ``.ci/run`` refuses to run without it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    """Where the shared corpus is expected."""
    return Path(os.environ.get("LIVEREAD_CORPUS") or REPO.parent / "shared" / "corpus")


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point LIVEREAD_HOME (and the XDG dirs, belt and braces) at a fresh temp dir."""
    home = tmp_path_factory.mktemp("liveread-home")
    monkeypatch.setenv("LIVEREAD_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    yield home


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus directory; skips the test when it is absent."""
    path = corpus_dir()
    if not (path / "expected.json").is_file():
        pytest.skip(f"the shared corpus is not at {path} (set LIVEREAD_CORPUS to its folder)")
    return path


@pytest.fixture(scope="session")
def expected(corpus: Path) -> dict[str, Any]:
    """The corpus's expected.json."""
    return json.loads((corpus / "expected.json").read_text(encoding="utf-8"))


pytest_plugins = ["tests.demo_fixtures", "tests.support.kinds"]
