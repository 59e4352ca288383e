"""The benchmark runner keeps working: it runs, writes its JSON, and exits as documented.

No timing is asserted here: figures are the benchmark's business, and noisy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import run as bench_run
from bench.api import Figure, Row, Target
from bench.stats import Subject, figure, ratio, time_interleaved
from bench.table import format_figure, format_ratio, render

REPO = Path(__file__).resolve().parent.parent
ROW_KEYS = {"section", "measurement", "value", "baseline", "ratio", "target", "met", "note"}


def _bench(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_quick_run_writes_json_with_every_section(tmp_path: Path, isolated_home: Path) -> None:
    out = tmp_path / "bench.json"
    done = _bench("-m", "bench", "--quick", "--json", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(out.read_text())
    top = {"schema", "created", "command", "quick", "machine", "sections", "rows", "summary"}
    assert data.keys() >= top
    assert data["quick"] is True
    assert {"cpu", "cores", "ram_bytes", "python", "os", "versions"} <= data["machine"].keys()
    versions = data["machine"]["versions"]
    assert {"selectolax", "beautifulsoup4", "textual", "sqlite"} <= versions.keys()
    statuses = {key: s["status"] for key, s in data["sections"].items()}
    assert set(statuses) == {
        "parse",
        "polling",
        "cache",
        "tui",
        "startup",
        "freshness",
        "scale",
        "feeds",
        "politeness",
    }
    assert set(statuses.values()) == {"measured"}
    for row in data["rows"]:
        assert row.keys() >= ROW_KEYS
        assert row["met"] is None  # --quick judges nothing
    measured = [r for r in data["rows"] if isinstance(r["value"], dict)]
    assert measured and all(
        {"median", "min", "max", "runs", "unit"} <= r["value"].keys() for r in measured
    )
    assert any(r["section"] == "startup" and r["value"] == "no" for r in data["rows"])
    # the polling smoke: liveread's simulated follow and the naive poller both moved bytes
    polling = [r for r in data["rows"] if r["section"] == "polling"]
    assert polling and all(r["value"]["median"] > 0 < r["baseline"]["median"] for r in polling)
    assert any(r["target"] is not None and r["ratio"] is not None for r in polling)
    # the TUI smoke: liveread and the bare Textual app both reached their first screen
    tui = [r for r in data["rows"] if r["section"] == "tui"]
    assert tui and all(r["value"]["median"] > 0 for r in tui)
    first_screen = tui[0]
    assert first_screen["baseline"]["median"] > 0 and first_screen["ratio"] is not None
    assert data["summary"]["crashed"] == []
    # the runner kept liveread's state in its own temp dir, not in ours
    assert not (isolated_home / "cache.sqlite3").exists()


def test_runs_as_a_script_and_filters_sections(tmp_path: Path) -> None:
    out = tmp_path / "only.json"
    done = _bench(
        "bench/run.py", "--quick", "--only", "startup", "--only", "polling", "--json", str(out)
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert set(json.loads(out.read_text())["sections"]) == {"polling", "startup"}


def test_unknown_section_is_a_usage_error() -> None:
    done = _bench("-m", "bench", "--only", "nonsense")
    assert done.returncode == 2
    assert "unknown section" in done.stderr


@pytest.fixture
def fake_sections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two section modules: one misses its target, one crashes."""
    (tmp_path / "fake_missing.py").write_text(
        "from bench.api import Figure, Row, Target\n"
        "def run(ctx):\n"
        "    value = Figure(2.0, 1.0, 3.0, 3)\n"
        "    return [Row('slow', 'x', value, value, 1.0, Target('ratio', '>=', 10.0, '>= 10x'))]\n"
    )
    (tmp_path / "fake_crashing.py").write_text("def run(ctx):\n    raise RuntimeError('boom')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def _use(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    sections = tuple(bench_run.Section(n, n, f"fake_{n}") for n in names)
    monkeypatch.setattr(bench_run, "SECTIONS", sections)


@pytest.mark.system  # a full run describes the machine: platform runs uname
def test_missed_target_fails_a_full_run_but_not_a_quick_one(
    fake_sections: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, "missing")
    out = fake_sections / "out.json"
    assert bench_run.main(["--quick", "--json", str(out)]) == 0
    assert bench_run.main(["--json", str(out)]) == 2
    data = json.loads(out.read_text())
    assert data["rows"][0]["met"] is False
    assert data["summary"]["missed"] == ["slow: x"]
    assert "2.00 s" in capsys.readouterr().out


@pytest.mark.system  # a run describes the machine: platform runs uname
def test_a_crashing_section_is_reported_and_fails_even_a_quick_run(
    fake_sections: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use(monkeypatch, "crashing", "missing")
    out = fake_sections / "out.json"
    assert bench_run.main(["--quick", "--json", str(out)]) == 1
    data = json.loads(out.read_text())
    assert data["sections"]["crashing"]["status"] == "crashed"
    assert "RuntimeError: boom" in data["sections"]["crashing"]["error"]
    assert data["sections"]["missing"]["status"] == "measured"  # the others still ran


def test_statistics_and_formatting() -> None:
    fig = figure([3.0, 1.0, 2.0])
    assert (fig.median, fig.min, fig.max, fig.runs) == (2.0, 1.0, 3.0, 3)
    assert ratio(fig, Figure(0.5, 0.5, 0.5, 1)) == 4.0
    assert ratio(fig, 0.0) is None
    assert format_figure(Figure(0.0123, 0.012, 0.0131, 5)) == "12.3 ms (12–13.1 ms)"
    assert format_figure(None) == "not yet measured"
    assert format_ratio(11.53) == "11.5×" and format_ratio(0.015) == "1.5%"
    row = Row("s", "m", fig, fig, 1.2, Target("ratio", "<=", 1.5, "≤ 1.5×"))
    assert row.target is not None and row.target.met(row) is True
    assert Target("value", "==", "no", "no").met(Row("s", "m", "no")) is True
    assert "| s | m |" in render([row], markdown=True)


def test_interleaving_alternates_the_order() -> None:
    calls: list[str] = []
    subjects = [Subject("a", lambda: calls.append("a")), Subject("b", lambda: calls.append("b"))]
    runs = time_interleaved(subjects, repeats=2, warmup=1)
    assert calls == ["a", "b", "b", "a", "a", "b"]
    assert {k: len(v) for k, v in runs.items()} == {"a": 2, "b": 2}


def test_the_readme_table_is_the_newest_full_run() -> None:
    """The README's performance table is what scripts/bench_table.py makes of the newest run."""
    done = _bench("scripts/bench_table.py", "--check", timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_readme_names_the_newest_first_screen_run_it_shows() -> None:
    """Section 4's own table comes from the run the README's first-screen paragraph names."""
    newest = sorted((REPO / "bench" / "results").glob("tui-*.json"))[-1]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`bench/results/{newest.name}`" in readme
    first = json.loads(newest.read_text(encoding="utf-8"))["rows"][0]
    assert first["measurement"].startswith("first screen") and first["target"] is not None


def test_the_readme_names_the_newest_politeness_run_it_shows() -> None:
    """Section 9's own table (checked above with the others) comes from the run the README names."""
    newest = sorted((REPO / "bench" / "results").glob("politeness-*.json"))[-1]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`bench/results/{newest.name}`" in readme
    rows = json.loads(newest.read_text(encoding="utf-8"))["rows"]
    assert rows and all(isinstance(r["value"], dict) for r in rows)
    # Each source that polls an API of its own is measured against what its page asks.
    polled = {r["measurement"].split(":")[0] for r in rows if r["baseline"]}
    assert polled == {"bbc", "aljazeera", "brightspot"}
