"""A page that is a shell over an API: the second example of ``docs/sources.md``, followed.

The source is the "stacklive" example of the docs (its code block written out
as a module and installed as a plug-in distribution, as pip would), so the
documentation cannot drift from what works. The demo server answers the
made-up format from its demo blog through its ``intercept`` hook: the shell
page names the API's first page and its update endpoint; the API pages hold
ten posts each.

What it shows, with the real ``liveread follow --once`` in a subprocess: the
whole history read over the API's pages; a later run on the cached blog that
picks up new posts through the API, more than one API page of them; a post
taken down, reported as removed; the end, printed as ``ended``. And with a
follower on a fake clock: new posts and deletions through the update
endpoint, an edit through the re-read of page 1 (its feed), the end said by
the update endpoint, with nothing in ``liveread/follow/`` knowing the format.
"""

from __future__ import annotations

import asyncio
import html
import json
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.follow import Ended, Follower, FollowSettings
from liveread.model import Entry
from liveread.times import format_time
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, run_until
from tests.plugin_support import docs_example, installed

PAGE = "/stack/blog"
API = "/stack/api/posts"
SINCE = "/stack/api/since"
PER_PAGE = 10


@pytest.fixture
def stacklive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    code = docs_example("StackLiveSource")
    with installed(tmp_path / "site", monkeypatch, {"stacklive_source": (code, "StackLiveSource")}):
        yield tmp_path / "site"


def post(entry: Entry, *, deleted: bool = False) -> dict[str, Any]:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in entry.text.split("\n\n") if p)
    return {
        "id": entry.id,
        "published": format_time(entry.published),
        "updated": format_time(entry.updated),
        "title": entry.title,
        "html": paragraphs,
        "important": entry.key_event,
        "deleted": deleted,
    }


def shell(server: DemoServer) -> Callable[[Request], Reply | None]:
    """Answer the shell page, the API's pages and its update endpoint from the demo blog."""

    def answer(request: Request) -> Reply | None:
        parts = urlsplit(request.target)
        query = parse_qs(parts.query)
        blog = server.blog
        entries = list(blog.entries_newest_first())
        if parts.path == PAGE:
            status = "live" if blog.live else "ended"
            body = (
                f'<!doctype html><html><head><meta name="stacklive:feed" content="{API}?page=1">'
                f'<meta name="stacklive:updates" content="{SINCE}">'
                f'<meta name="stacklive:status" content="{status}"></head>'
                f"<body><h1>{html.escape(blog.title)}</h1><div id=app></div></body></html>"
            )
            return Reply(200, body.encode(), "text/html; charset=utf-8")
        if parts.path == API:
            pages = max(1, -(-len(entries) // PER_PAGE))
            number = int(query.get("page", ["1"])[0])
            data: dict[str, Any] = {
                "page": number,
                "pages": pages,
                "posts": [post(e) for e in entries[(number - 1) * PER_PAGE : number * PER_PAGE]],
            }
            if number < pages:
                data["next"] = f"{API}?page={number + 1}"
        elif parts.path == SINCE:
            after = query.get("after", [""])[0]
            known = next((e for e in entries if e.id == after), None)
            newer = [e for e in entries if known is not None and e.published > known.published]
            gone = [post(p.entry, deleted=True) for p, _ in blog.removed_posts()]
            data = {
                "newest": entries[0].id if entries else None,
                "ended": not blog.live,
                "posts": [post(e) for e in newer] + gone,
            }
        else:
            return None
        return Reply(200, json.dumps(data).encode(), "application/json")

    return answer


@pytest.fixture
def server(make_demo_server: Callable[..., DemoServer]) -> DemoServer:
    made = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(25, base_url=url))
    made.intercept = shell(made)
    return made


def follow_once(url: str) -> tuple[list[dict[str, Any]], str]:
    """``liveread follow URL --once --jsonl`` as a user runs it: its JSON lines and stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "liveread", "follow", url, "--once", "--jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()], done.stderr


def of(lines: list[dict[str, Any]], event: str) -> list[str]:
    return [line["entry"]["id"] for line in lines if line["event"] == event]


def publish(server: DemoServer, count: int, prefix: str) -> list[str]:
    def add(blog: DemoBlog) -> list[str]:
        return [
            blog.publish(
                blog.new_entry(f"{prefix} {n}", f"{prefix} text {n}.", at=blog.now + timedelta(
                    seconds=30 * (n + 1)))
            ).id
            for n in range(count)
        ]  # fmt: skip

    added: list[str] = server.change(add)
    return added


def test_the_docs_example_is_a_plugin_that_reads_its_shell(stacklive: Path) -> None:
    from liveread.sources import parse, registered

    assert "stacklive" in [s.name for s in registered()]
    page = (
        '<html><head><meta name="stacklive:feed" content="/api?page=1"></head>'
        "<body><h1>Locks</h1></body></html>"
    )
    snapshot = parse(page, "http://x.test/blog")
    assert snapshot.source == "stacklive" and snapshot.title == "Locks" and snapshot.live
    assert snapshot.feed is not None and snapshot.feed.url == "http://x.test/api?page=1"


def test_history_once_on_a_cached_blog_removals_and_the_end_through_the_api(
    stacklive: Path, server: DemoServer
) -> None:
    url = server.origin + PAGE
    lines, _ = follow_once(url)
    history = of(lines, "new")
    assert sorted(history) == sorted(e.id for e in server.blog.entries_newest_first())
    assert len(history) == 25  # page 1 is a shell: every post came over the API's three pages
    assert {line["title"] for line in lines} == {server.blog.title}

    # More new posts than one API page holds, published while nobody followed.
    added = publish(server, 12, "Away")
    lines, _ = follow_once(url)
    assert sorted(of(lines, "new")) == sorted(added)

    # A post of the API's first page taken down.
    gone = server.blog.entries_newest_first()[2].id
    server.change(lambda blog: blog.remove(gone))
    lines, _ = follow_once(url)
    assert of(lines, "removed") == [gone] and of(lines, "new") == []

    # The end: page 1 says so; the run says "ended" and the blog is not polled again.
    server.change(lambda blog: blog.end())
    lines, err = follow_once(url)
    assert [line["event"] for line in lines if line["event"] == "ended"] == ["ended"]
    assert "the blog has ended" in err
    ended = next(line for line in lines if line["event"] == "ended")
    assert ended["title"] == server.blog.title  # the new title came with the changes
    with Cache() as cache:
        blog = cache.load(url)
        assert blog.live is False and blog.source == "stacklive"
        assert {e.id for e in blog.entries if e.removed} == {gone}


def test_new_posts_and_deletions_arrive_by_the_update_endpoint_and_edits_by_the_feed(
    stacklive: Path, server: DemoServer, tmp_path: Path
) -> None:
    url = server.origin + PAGE
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    events = Events()
    fetcher = RecordingFetcher(time)
    happened: dict[str, Any] = {}

    def story() -> None:
        if not any(s.state == "live" for s in events.statuses()):
            return
        if "new" not in happened:
            happened["new"] = publish(server, 2, "Fresh")
        elif "gone" not in happened and len(events.changed("new", "poll")) >= 2:
            gone = server.blog.entries_newest_first()[5].id
            server.change(lambda blog: blog.remove(gone))
            happened["gone"] = gone
        elif "edit" not in happened and events.changed("removed"):
            older = server.blog.entries_newest_first()[3].id
            server.change(lambda blog: blog.edit(older, "Corrected text."))
            happened["edit"] = older
        elif "end" not in happened and events.changed("edited"):
            server.change(lambda blog: blog.end())
            happened["end"] = True

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
                rng=random.Random(7),
            )
            task = await run_until(follower, lambda: bool(events.of(Ended)))
            assert task.done()  # the follower ended on its own: the blog ended
            blog = cache.load(url)
            live = {e.id for e in server.blog.entries_newest_first()}
            assert {e.id for e in blog.entries if not e.removed} == live

    asyncio.run(follow())
    assert len(events.changed("new", "backfill")) == 25
    assert sorted(e.id for e in events.changed("new", "poll")) == sorted(happened["new"])
    assert [e.id for e in events.changed("removed", "poll")] == [happened["gone"]]
    assert [e.id for e in events.changed("edited", "page")] == [happened["edit"]]
    # The update endpoint said it first: the end came with a poll's changes.
    assert [a.changes.live for a in events.applied("poll") if a.changes.live is not None] == [False]
    assert len(events.of(Ended)) == 1
    targets = [u for _, u in fetcher.calls]
    assert any(f"{API}?page=3" in u for u in targets) and any(
        f"{SINCE}?after=" in u for u in targets
    )
