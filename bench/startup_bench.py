"""Section 5, Headless start-up: ``liveread parse --json`` against ``python -c pass``.

Both run as real subprocesses of the same interpreter, interleaved, with a
small demo page written to a temp file and ``LIVEREAD_HOME`` pointing into the
run's temp dir. The target (issue 12) is on the difference: ``liveread parse``
at most 50 ms over a bare interpreter, paired run by run; the ratio is shown
beside it. Both interpreters get the same bytecode cache (``PYTHONPYCACHEPREFIX``
in the temp dir, filled by the untimed round), as an installed package's
modules are compiled at install time: a ``PYTHONDONTWRITEBYTECODE``
environment would otherwise compile every liveread module on every start.

The headless commands must not import Textual: each of ``parse``, ``list``,
``search`` and ``export`` is run once under a wrapper that runs the CLI and
then writes down which ``textual`` modules ``sys.modules`` holds (a cache with
one blog is prepared first, so ``search`` and ``export`` have work to do).
``python -X importtime`` of ``parse`` adds the slowest imports to the details.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from bench.api import Context, Row, Target
from bench.stats import Subject, figure, ratio, time_interleaved

__all__ = ["NO_TEXTUAL", "OVERHEAD_TARGET", "run"]

#: The headless commands import no Textual module.
NO_TEXTUAL = Target("value", "==", "no", "no")
#: Seconds ``liveread parse --json`` may take over ``python -c pass``.
OVERHEAD_TARGET = Target("value", "<=", 0.050, "≤ 50 ms")

# Runs the CLI as `python -m liveread` would, then records what got imported.
_WRAPPER = """\
import json, runpy, sys
out, sys.argv = sys.argv[1], ["liveread", *sys.argv[2:]]
code = 0
try:
    runpy.run_module("liveread", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
with open(out, "w") as handle:
    json.dump({"code": code, "textual": loaded}, handle)
"""


def _environment(home: Path, pycache: Path) -> dict[str, str]:
    """The subprocesses' environment: the caller's, with state and bytecode in the temp dir."""
    env = dict(os.environ)
    env["LIVEREAD_HOME"] = str(home)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("LIVEREAD_DEBUG", None)
    return env


def _run(ctx: Context, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run *argv* in the repository; raise with its stderr when it fails."""
    done = subprocess.run(
        argv,
        cwd=ctx.repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{argv[1:]} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done


def _prepare(ctx: Context) -> tuple[Path, str, Path, str]:
    """Write a small demo page, and a cache holding it; return (page, url, home, a word in it)."""
    import liveread
    from liveread.cache import Cache
    from liveread.demo import DemoBlog, render_page

    blog = DemoBlog.synthetic(10)
    page = ctx.workdir / "page.html"
    page.write_text(render_page(blog, 1, ajax_url="http://127.0.0.1:8123"), encoding="utf-8")
    home = ctx.workdir / "home"
    home.mkdir(mode=0o700, exist_ok=True)
    # The CLI's cache file is cache.sqlite3 under LIVEREAD_HOME (liveread.paths).
    parsed = liveread.parse(page.read_bytes(), blog.url)
    with Cache(home / "cache.sqlite3") as cache:
        cache.apply(parsed)
    word = next(w for e in parsed.entries for w in (e.title or "").split() if w.isalpha())
    return page, blog.url, home, word


def _textual_check(
    ctx: Context, page: Path, url: str, word: str, env: dict[str, str]
) -> dict[str, Any]:
    """Run each headless command under the wrapper; return the Textual modules each loaded."""
    commands = {
        "parse": ["parse", "--json", str(page)],
        "list": ["list", "--json"],
        "search": ["search", word],
        "export": ["export", url],
    }
    found: dict[str, Any] = {}
    for name, args in commands.items():
        out = ctx.workdir / f"imports-{name}.json"
        _run(ctx, [ctx.python, "-c", _WRAPPER, str(out), *args], env)
        result = json.loads(out.read_text())
        if result["code"] not in (0, None):
            raise RuntimeError(f"`liveread {' '.join(args)}` exited {result['code']}")
        found[name] = result["textual"]
    return found


def _slowest_imports(ctx: Context, page: Path, env: dict[str, str], top: int = 8) -> list[str]:
    """``-X importtime`` of ``parse``: the top-level imports costing most, cumulative."""
    done = _run(ctx, [ctx.python, "-X", "importtime", "-m", "liveread", "parse", str(page)], env)
    costs: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit() and not name[1:].startswith(" "):  # top level only
            costs.append((int(cumulative), name.strip()))
    costs.sort(reverse=True)
    return [f"{name}: {us / 1000:.1f} ms" for us, name in costs[:top]]


def run(ctx: Context) -> list[Row]:
    """Measure section 5 and return its rows."""
    page, url, home, word = _prepare(ctx)
    env = _environment(home, ctx.workdir / "pycache")
    repeats = ctx.repeats(15, 3)
    ctx.log(f"startup: liveread parse --json vs python -c pass, {repeats} runs each")
    parse_argv = [ctx.python, "-m", "liveread", "parse", "--json", str(page)]
    runs = time_interleaved(
        [
            Subject("liveread", lambda: _run(ctx, parse_argv, env)),
            Subject("python", lambda: _run(ctx, [ctx.python, "-c", "pass"], env)),
        ],
        repeats,
    )
    ours, bare = figure(runs["liveread"]), figure(runs["python"])
    over = figure([a - b for a, b in zip(runs["liveread"], runs["python"], strict=True)])
    ctx.log("startup: which modules the headless commands import")
    imported = _textual_check(ctx, page, url, word, env)
    guilty = [name for name, modules in imported.items() if modules]
    verdict = "no" if not guilty else "yes: " + ", ".join(guilty)
    return [
        Row(
            "startup",
            f"parse --json, {page.stat().st_size // 1024} KiB page: liveread ÷ python -c pass",
            ours,
            bare,
            ratio(ours, bare),
            details={"slowest_imports": _slowest_imports(ctx, page, env)},
        ),
        Row(
            "startup",
            "  parse --json: time over python -c pass (paired runs)",
            over,
            target=OVERHEAD_TARGET,
        ),
        Row(
            "startup",
            "Textual imported by parse, list, search, export",
            verdict,
            target=NO_TEXTUAL,
            details={"textual_modules": imported},
        ),
    ]
