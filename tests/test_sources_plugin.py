"""A source from outside: registered through the ``liveread.sources`` entry point, followed.

The source is the complete example of ``docs/sources.md`` (its code block is
written out as a module, so the documentation cannot drift from what works),
installed as a distribution on ``sys.path`` with an ``entry_points.txt``, as
pip would install a plug-in. The demo server answers its made-up format
("plainlive") from the demo blog through its ``intercept`` hook. The follower
reads the blog's history, new entries through the source's update endpoint
and an edit on a re-read of page 1, with nothing in ``liveread/follow/``
knowing the format.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import liveread.sources
from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.follow import Follower, FollowSettings
from liveread.model import Entry
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, run_until

DOCS = Path(__file__).resolve().parent.parent / "docs" / "sources.md"
PAGE = "/plain/blog"
UPDATES = "/plain/updates"
PER_PAGE = 10


def example_code() -> str:
    """The complete example source of docs/sources.md (its first Python block that defines one)."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if "class PlainLiveSource" in b)


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example installed as a plug-in distribution on sys.path (and PYTHONPATH)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "plainlive_source.py").write_text(example_code(), encoding="utf-8")
    info = site / "plainlive_source-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: plainlive-source\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[liveread.sources]\nplainlive = plainlive_source:PlainLiveSource\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    liveread.sources.registered.cache_clear()
    yield site
    monkeypatch.undo()
    liveread.sources.registered.cache_clear()
    sys.modules.pop("plainlive_source", None)


def render(entries: list[Entry], head: dict[str, str], magic: str = "#plainlive") -> str:
    lines = [magic, *(f"{k}: {v}" for k, v in head.items())]
    for e in entries:
        fields = [f"id: {e.id}", f"published: {e.published.isoformat()}"]
        if e.updated:
            fields.append(f"updated: {e.updated.isoformat()}")
        if e.title:
            fields.append(f"title: {e.title}")
        if e.key_event:
            fields.append("key: yes")
        lines += ["---", *fields, "", e.text.replace("\n\n\n", "\n\n")]
    return "\n".join(lines) + "\n"


def plainlive(server: DemoServer) -> Callable[[Request], Reply | None]:
    """Answer the plainlive page, its older page and its update endpoint from the demo blog."""

    def answer(request: Request) -> Reply | None:
        parts = urlsplit(request.target)
        query = parse_qs(parts.query)
        blog = server.blog
        entries = list(blog.entries_newest_first())
        if parts.path == PAGE:
            pages = max(1, -(-len(entries) // PER_PAGE))
            number = int(query.get("page", ["1"])[0])
            chunk = entries[(number - 1) * PER_PAGE : number * PER_PAGE]
            head = {"title": blog.title, "live": "yes", "page": str(number), "pages": str(pages)}
            if number == 1:
                head["updates"] = UPDATES
            if number < pages:
                head["older"] = f"{PAGE}?page={number + 1}"
            body = render(chunk, head)
        elif parts.path == UPDATES:
            after = query.get("after", [""])[0]
            known = next((e for e in entries if e.id == after), None)
            newer = [e for e in entries if known is not None and e.published > known.published]
            body = render(newer, {}, magic="#plainlive-updates")
        else:
            return None
        return Reply(200, body.encode("utf-8"), "text/plain; charset=utf-8")

    return answer


def test_the_plugin_is_registered_and_reads_its_format(plugin: Path) -> None:
    names = [source.name for source in liveread.sources.registered()]
    assert "plainlive" in names and names.index("plainlive") < names.index("schemaorg")
    page = "#plainlive\ntitle: A test\nlive: yes\n---\nid: a1\npublished: 2026-11-28\n\nHi.\n"
    snapshot = liveread.sources.parse(page, "http://127.0.0.1:1/plain/blog")
    assert snapshot.source == "plainlive" and [e.id for e in snapshot.entries] == ["a1"]


def test_the_cli_finds_the_plugin_in_another_process(plugin: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "#plainlive\ntitle: A test\nlive: no\n---\nid: b2\npublished: 2026-11-28T09:00:00Z\n\nYo.\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "liveread",
            "parse",
            str(page),
            "--url",
            "http://x.test/plain/blog",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"source": "plainlive"' in done.stdout and '"b2"' in done.stdout


def test_a_plugin_source_is_followed_history_updates_and_edits(
    plugin: Path, make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    server = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(25, base_url=url))
    server.intercept = plainlive(server)
    url = server.origin + PAGE
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    events = Events()
    fetcher = RecordingFetcher(time)
    happened: dict[str, str] = {}

    def story() -> None:
        """Once live: publish two entries, then edit one that page 1 shows."""
        if not (events.of_live()):
            return
        if "new" not in happened:

            def two(blog: DemoBlog) -> str:
                first = blog.publish(blog.new_entry("Plain one", "First.", at=blog.now))
                blog.publish(
                    blog.new_entry("Plain two", "Second.", at=blog.now + timedelta(1 / 1440))
                )
                return first.id

            happened["new"] = server.change(two)
        elif "edit" not in happened and len(events.changed("new", "poll")) >= 2:
            older = server.blog.entries_newest_first()[3].id
            server.change(lambda blog: blog.edit(older, "Corrected text."))
            happened["edit"] = older

    events.of_live = lambda: any(s.state == "live" for s in events.statuses())  # type: ignore[attr-defined]
    time.hooks.append(story)

    async def follow() -> None:
        with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
            follower = Follower(
                url,
                cache,
                settings=FollowSettings.for_url(url, 1.0, 3.0),
                on_event=events,
                fetcher=fetcher,
                clock=time.clock,
                sleep=time.sleep,
                rng=random.Random(5),
            )
            await run_until(
                follower,
                lambda: "edit" in happened and bool(events.changed("edited")),
            )
            blog = cache.load(url)
            assert {e.id for e in blog.entries} == {
                e.id for e in server.blog.entries_newest_first()
            }
            assert blog.source == "plainlive" and blog.title == server.blog.title
            assert cache.follow_state(url).source == "plainlive"

    asyncio.run(follow())
    backfill = events.changed("new", "backfill")
    assert len(backfill) == 25  # the history: page 1 and the older page
    assert [e.title for e in events.changed("new", "poll")] == ["Plain one", "Plain two"]
    assert [e.id for e in events.changed("edited", "page")] == [happened["edit"]]
    targets = [u for _, u in fetcher.calls]
    assert any("?page=2" in u for u in targets) and any(UPDATES + "?after=" in u for u in targets)
