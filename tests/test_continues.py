"""The blog that continues: an ended blog names its successor, and ``follow --continue`` follows it.

Blogs end and name the next ("our coverage continues here": Al Jazeera and
Le Monde every day, the Guardian often). The demo server, told
``continues=True``, closes its blog with an entry linking the blog that
continues it, served in every format. What must hold: the ended line names
it (``"continues"``, null when none), the cache keeps it, ``--continue``
follows it headless, and a chain never leaves the site it started on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from liveread.cache import Cache
from liveread.cli import main
from liveread.demo.server import DemoServer
from liveread.errors import RuleBroken
from liveread.model import Pages, Snapshot
from liveread.paths import cache_path
from liveread.sources._seam import check
from liveread.urls import continues_on_site

MakeServer = Callable[..., DemoServer]


def records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("name", ["guardian", "lemonde", "aljazeera"])
def test_the_ended_line_names_the_blog_that_continues_and_the_cache_keeps_it(
    make_demo_server: MakeServer, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    server = make_demo_server(continues=True)
    server.change(lambda b: b.end())
    url = server.url_for(name)
    assert server.next_blog is not None
    successor = server.url_for(name, server.next_blog)
    assert main(["follow", url, "--jsonl"]) == 0  # ended: read once, no --continue
    out, err = capsys.readouterr()
    ended = [r for r in records(out) if r["event"] == "ended"]
    assert [(r["blog"], r["continues"]) for r in ended] == [(url, successor)]
    assert {r["blog"] for r in records(out)} == {url}  # not followed without --continue
    assert (
        f"the blog has ended; it is in the cache and no longer polled; it continues at {successor}"
        in err
    )
    with Cache(cache_path()) as cache:
        assert cache.follow_state(url).continues == successor


def test_follow_continue_follows_the_chain_headless(
    make_demo_server: MakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = make_demo_server(continues=True)
    server.change(lambda b: b.end())
    assert server.next_blog is not None
    first, second = server.url, server.url_for("guardian", server.next_blog)
    assert main(["follow", first, "--once", "--jsonl", "--continue"]) == 0
    out, err = capsys.readouterr()
    lines = records(out)
    blogs = [r["blog"] for r in lines]
    # The first blog whole, its end naming the second, then the second blog whole.
    assert blogs.index(second) > max(i for i, b in enumerate(blogs) if b == first)
    assert [r["continues"] for r in lines if r["event"] == "ended"] == [second]
    assert len([r for r in lines if r["blog"] == second]) == len(server.next_blog)
    assert f"following the blog that continues it: {second}" in err


def test_an_al_jazeera_chain_goes_on_through_the_api(
    make_demo_server: MakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = make_demo_server(continues=True)
    server.change(lambda b: b.end())
    assert server.next_blog is not None
    first = server.url_for("aljazeera")
    second = server.url_for("aljazeera", server.next_blog)
    assert main(["follow", first, "--once", "--jsonl", "--continue"]) == 0
    lines = records(capsys.readouterr().out)
    news = {r["blog"] for r in lines if r["event"] == "new"}
    assert news == {first, second}


def test_a_blog_that_names_no_successor_ends_the_chain(
    demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_server.change(lambda b: b.end())
    assert main(["follow", demo_server.url, "--once", "--jsonl", "--continue"]) == 0
    lines = records(capsys.readouterr().out)
    assert [r["continues"] for r in lines if r["event"] == "ended"] == [None]
    assert {r["blog"] for r in lines} == {demo_server.url}


BLOG = "https://news.example.org/live/2026/nov/27/storm"
ENDED = Snapshot(BLOG, "probe", (), title="Storm", live=False)


@pytest.mark.parametrize(
    "link",
    [
        "https://elsewhere.example.com/live/2026/nov/28/storm",  # another site
        "https://news.example.org.evil.test/live/next",  # a look-alike host
        "javascript:alert(1)",
        BLOG + "?page=2",  # the same blog
        "/live/2026/nov/28/storm",  # not absolute
    ],
)
def test_a_successor_off_the_site_is_a_broken_rule(link: str) -> None:
    with pytest.raises(RuleBroken, match="never leaves its site"):
        check(replace(ENDED, continues_at=link), "probe", "page", blog=BLOG)
    assert not continues_on_site(link, BLOG)


def test_a_successor_on_the_site_passes_and_an_older_page_names_none() -> None:
    nxt = "https://news.example.org/live/2026/nov/28/storm-day-two"
    assert check(replace(ENDED, continues_at=nxt), "probe", "page", blog=BLOG).continues_at == nxt
    assert continues_on_site(nxt, BLOG)
    older = replace(ENDED, continues_at=nxt, pages=Pages(2, 3))
    with pytest.raises(RuleBroken, match="not an older page"):
        check(older, "probe", "older", blog=BLOG)
