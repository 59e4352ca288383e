"""``liveread demo``: serve the built-in demo blog on 127.0.0.1 and follow it.

- ``--serve``: only serve; print the blog's URL on stdout (the other URLs on
  stderr) and run until SIGINT/SIGTERM (exit 0).
- ``--no-tui``: follow it headless, as ``liveread follow`` would, with fast
  loopback intervals (2 s, page 1 every 10 s, unless given).
- neither: follow it in the TUI
  (``liveread.cli.tui_launch.run_demo_tui``, called with ``$LIVEREAD_HOME``
  already pointing at the throwaway state).

The demo blog is invented and starts afresh on every run (a new story clock,
new ids, a new port unless ``--port``), so following it writes to a
throwaway state directory, deleted on exit: the user's library never fills
with dead demo blogs. The story runs at :data:`DEMO_SPEED` times real time,
so something happens every few seconds (its clock runs ahead of the wall
clock, like a time-lapse).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import threading
from pathlib import Path

from liveread import paths
from liveread.cache import Cache
from liveread.cli.follow_cmd import LinePrinter, follow_headless
from liveread.demo import FORMATS, DemoServer, Happening
from liveread.errors import LivereadError
from liveread.follow import FollowSettings

__all__ = ["DEMO_SPEED", "cmd_demo"]

#: How much faster than scripted the demo story unfolds: scripted gaps of 1-8
#: minutes become 1-8 seconds. The story clock itself runs at wall-clock speed,
#: so new entries are stamped with the time they appear, not hours ahead.
DEMO_SPEED = 60.0
#: Polling of the demo when not given: quick, as loopback allows.
DEMO_INTERVAL = 2.0
DEMO_REFRESH = 10.0
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def cmd_demo(args: argparse.Namespace) -> int:
    """``liveread demo [--port P] [--no-tui] [--serve] [--format FORMAT]``."""
    try:
        server = DemoServer(
            port=args.port,
            speed=1.0,
            pace=DEMO_SPEED,
            on_happening=_log_happening if args.serve else None,
        )
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise LivereadError(f"cannot serve the demo on 127.0.0.1:{args.port}: {why}") from None
    url = server.url_for(args.format)
    if args.serve:
        return _serve(server, url)
    server.start()
    try:
        return _follow(args, url)
    finally:
        server.stop()


def _log_happening(happening: Happening) -> None:
    print(f"liveread demo: {happening.description}", file=sys.stderr, flush=True)


def _serve(server: DemoServer, url: str) -> int:
    """Serve until SIGINT/SIGTERM."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in _SIGNALS}
    try:
        server.start()
        print(url, flush=True)
        width = max(len(f.name) for f in FORMATS)
        formats = "".join(f"\n  {f.name:<{width}}  {server.url_for(f.name)}" for f in FORMATS)
        print(
            f"liveread demo: serving on {server.origin} (index: {server.origin}/); "
            f"Ctrl-C stops. The blog in each format:{formats}",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.2):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _follow(args: argparse.Namespace, url: str) -> int:
    """Follow the demo blog in a throwaway state directory, in the TUI or headless."""
    interval = args.interval if args.interval is not None else DEMO_INTERVAL
    refresh = args.refresh if args.refresh is not None else DEMO_REFRESH
    settings = FollowSettings.for_url(url, interval, refresh, max_interval=args.max_interval)
    with tempfile.TemporaryDirectory(prefix="liveread-demo-") as home:
        # For this process only: whatever opens the default cache (the TUI
        # included) gets the throwaway one.
        os.environ[paths.HOME_ENV] = home
        if not args.no_tui:
            from liveread.cli.tui_launch import run_demo_tui

            return run_demo_tui(url, settings=settings)
        return _headless(url, settings, Path(home) / "cache.sqlite3")


def _headless(url: str, settings: FollowSettings, cache_path: Path) -> int:
    print(f"liveread: following the demo blog at {url}", file=sys.stderr, flush=True)
    with Cache(cache_path) as cache:
        return asyncio.run(follow_headless(url, cache, settings, LinePrinter(jsonl=False)))
