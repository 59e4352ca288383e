"""One search: the TUI's ``/`` and ``liveread search`` find the same entries for the same words.

A cache is filled with entries made to tell the rules apart (accents, words
inside words, prefixes, hyphens, case, photo captions and credits, authors).
Each query runs through the real CLI (a subprocess, ``--json``) and through
the real app under Pilot (``/``, the words, Enter), and the two answers must
be the same set of entries, and the one the rules say.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from liveread.cache import Cache
from liveread.model import Block, Entry, Image, Pages, Snapshot

from .app_support import WIDE, blog_screen, make_app, wait_for

URL = "https://news.example.org/live/harbour-storm"
T0 = datetime(2031, 3, 4, 9, 0, tzinfo=timezone.utc)


def entry(key: str, minutes: int, title: str | None, text: str, **more: object) -> Entry:
    body: list[Block] = [Block("paragraph", text)]
    image = more.pop("image", None)
    if isinstance(image, Image):
        body.append(Block("image", image=image))
    return Entry(
        id=key,
        published=T0 + timedelta(minutes=minutes),
        updated=None,
        title=title,
        body=tuple(body),
        url=f"{URL}#{key}",
        **more,  # type: ignore[arg-type]
    )


ENTRIES = [
    entry("cafe", 1, "Café on the quay reopens", "Coffee again by the water."),
    entry("passport", 2, None, "Bring your passport to the ferry desk."),
    entry("port", 3, "Port closed", "The port stays shut until noon."),
    entry("nodeal", 4, "No-deal fears", "Traders warn of a no deal outcome."),
    entry("deal", 5, None, "A deal was struck; no further talks."),
    entry(
        "caption",
        6,
        "Pictures from the pier",
        "Our photographer sent these.",
        image=Image("Waves over the lighthouse", "Photograph: Ines Varga/Coastline Agency", None),
    ),
    entry("author", 7, None, "An update from the harbour.", authors=("Tomás Ferreira",)),
    entry("upper", 8, "TOLLBRIDGE OPEN", "Cars are crossing again."),
    entry("naive", 9, None, "A naïve plan, critics say, for the façade."),
]

# query -> the entries the rules say it finds
EXPECTED = {
    "cafe": {"cafe"},
    "CAFÉ": {"cafe"},
    "port": {"port"},
    "pass*": {"passport"},
    "port*": {"port"},
    "no-deal": {"nodeal"},
    "deal": {"nodeal", "deal"},
    "no deal": {"nodeal", "deal"},
    "lighthouse": {"caption"},
    "varga": {"caption"},
    "tomas": {"author"},
    "ferreira harbour": {"author"},
    "tollbridge": {"upper"},
    "naive facade": {"naive"},
    "ferry passport": {"passport"},
    "zzz": set(),
}


def fill(path: Path) -> None:
    snapshot = Snapshot(
        URL,
        "test",
        tuple(sorted(ENTRIES, key=lambda e: e.published, reverse=True)),
        title="Harbour storm",
        live=False,
        pages=Pages(1, 1),
        feed_ids=tuple(e.id for e in ENTRIES),
    )
    with Cache(path) as cache:
        cache.apply(snapshot)


def cli_search(query: str, home: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "liveread", "search", query, "--url", URL, "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ, LIVEREAD_HOME=str(home)),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {json.loads(line)["entry"]["id"] for line in done.stdout.splitlines() if line}


async def test_the_tui_and_the_cli_find_the_same_entries(isolated_home: Path) -> None:
    fill(isolated_home / "cache.sqlite3")
    by_cli = {query: cli_search(query, isolated_home) for query in EXPECTED}
    by_tui: dict[str, set[str]] = {}
    app = make_app(URL, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: bool(blog_screen(app).feed.shown_ids), what="the blog")
        screen = blog_screen(app)
        for query in EXPECTED:
            await pilot.press("slash", *query, "enter")
            await pilot.pause()
            by_tui[query] = set(screen.feed.shown_ids)
            await pilot.press("escape")
    for query, wanted in EXPECTED.items():
        assert by_cli[query] == by_tui[query], query
        assert by_cli[query] == wanted, query
