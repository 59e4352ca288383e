"""The demo server: its routes, conditional GET, the poll, the story clock, faults and stats.

Real HTTP over loopback (httpx), read back with liveread's own parser.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.demo import DemoBlog
from liveread.demo.server import BLOG_PATH, DemoServer, StoryClock
from liveread.sanitize import clean
from liveread.sources import parse
from liveread.sources.schemaorg._parse import read_html
from tests.support.faults import Fault, faults

MakeServer = Callable[..., DemoServer]


def get(url: str, **headers: str) -> httpx.Response:
    return httpx.get(url, headers=headers, timeout=10)


def test_index_lists_the_urls(demo_server: DemoServer) -> None:
    page = get(demo_server.origin + "/")
    assert page.status_code == 200
    for url in (demo_server.url, demo_server.jsonld_url, demo_server.microdata_url):
        assert url in page.text


def test_the_page_is_a_live_guardian_blog_polled_on_this_server(demo_server: DemoServer) -> None:
    page = get(demo_server.url)
    blog = parse(page.content, demo_server.url)
    assert page.status_code == 200 and page.headers["etag"] and page.headers["last-modified"]
    assert blog.source == "guardian" and blog.live is True and blog.kind == "page"
    assert blog.source_data is not None and blog.source_data["ajax_url"] == demo_server.origin
    assert blog.source_data["page_id"] == BLOG_PATH.lstrip("/")
    assert blog.pages is not None and blog.pages.total == demo_server.blog.total_pages


def test_older_pages_and_unknown_pages(demo_server: DemoServer) -> None:
    first = parse(get(demo_server.url).content, demo_server.url)
    assert first.pages and first.pages.older
    older = parse(get(first.pages.older).content, demo_server.url)
    assert older.pages and older.pages.current == 2
    assert set(older.feed_ids).isdisjoint(first.feed_ids)
    assert get(demo_server.url + "?page=with:block-0123456789abcdef01234567").status_code == 404
    assert get(demo_server.origin + "/nothing").status_code == 404


def test_data_model_and_schemaorg_copies(demo_server: DemoServer) -> None:
    model = get(demo_server.url + ".json?dcr=true")
    assert model.headers["content-type"].startswith("application/json")
    from_model = parse(model.content, demo_server.url)
    from_page = parse(get(demo_server.url).content, demo_server.url)
    assert from_model.feed_ids == from_page.feed_ids
    jsonld_url, microdata_url = demo_server.jsonld_url, demo_server.microdata_url
    jsonld, form = read_html(LexborHTMLParser(get(jsonld_url).text), jsonld_url)
    micro, other = read_html(LexborHTMLParser(get(microdata_url).text), microdata_url)
    assert (form, other) == ("jsonld", "microdata")
    assert jsonld.source == micro.source == "schemaorg" and len(jsonld.entries) >= 30
    assert len(micro.entries) == len(jsonld.entries)


def test_the_poll_answers_after_the_anchor_with_max_age(make_demo_server: MakeServer) -> None:
    server = make_demo_server(poll_max_age=5)
    newest = server.blog.most_recent_id
    poll = f"{server.origin}{BLOG_PATH}.json?lastUpdate=block-{newest}&isLivePage=true&dcr=true"
    idle = get(poll)
    assert idle.json()["numNewBlocks"] == 0 and "mostRecentBlockId" not in idle.json()
    assert idle.headers["cache-control"] == "max-age=5"
    server.advance(1)
    while server.blog.most_recent_id == newest:  # an edit or a pin is no new block
        server.advance(1)
    news = get(poll).json()
    assert news["numNewBlocks"] >= 1
    assert news["mostRecentBlockId"] == f"block-{server.blog.most_recent_id}"
    update = parse(get(poll).content, server.url)
    assert update.kind == "update" and server.blog.most_recent_id in update.feed_ids
    unknown = get(poll.replace(newest, "0" * 24)).json()
    assert unknown["numNewBlocks"] == 0  # indistinguishable from "nothing new"


def test_conditional_get_gives_304_until_the_blog_changes(demo_server: DemoServer) -> None:
    first = get(demo_server.url)
    again = get(demo_server.url, **{"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    demo_server.advance(1)
    changed = get(demo_server.url, **{"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200 and changed.headers["etag"] != first.headers["etag"]


def test_story_clock_follows_the_wall_clock_scaled() -> None:
    wall = [100.0]
    blog = DemoBlog()
    clock = StoryClock(blog, speed=60, wall=lambda: wall[0])
    first_due = blog.next_at
    assert first_due is not None
    assert clock.catch_up() == []
    wall[0] += (first_due - blog.now).total_seconds() / 60 + 0.01
    done = clock.catch_up()
    assert len(done) == 1 and done[0].at == first_due
    wall[0] += 3600  # an hour of wall clock is 60 story hours: capped, but lots happen
    assert len(clock.catch_up()) > 20
    assert StoryClock(DemoBlog(), speed=0).catch_up() == []


def test_the_served_blog_grows_in_real_time(make_demo_server: MakeServer) -> None:
    server = make_demo_server(speed=3600.0)  # a story hour per second
    before = len(parse(get(server.url).content, server.url).feed_ids)
    size = len(server.blog)
    time.sleep(0.4)
    get(server.url)
    assert len(server.blog) > size and before > 0
    assert server.blog.now <= server.clock.story_now()  # nothing from the story's future


def test_faults_and_stats_on_the_routes(make_demo_server: MakeServer) -> None:
    server = make_demo_server()
    faults(server).add(Fault.ERROR_503, 1, BLOG_PATH, retry_after="40")
    failed = get(server.url)
    assert failed.status_code == 503 and failed.headers["retry-after"] == "40"
    ok = get(server.url, **{"Accept-Encoding": "gzip"})
    assert ok.status_code == 200
    not_modified = get(server.url, **{"If-None-Match": ok.headers["etag"]})
    assert not_modified.status_code == 304
    log = server.stats.log
    assert [r.status for r in log] == [503, 200, 304]
    assert log[0].fault == "503" and log[1].gzipped
    assert log[2].bytes < 400 < log[1].bytes


def test_the_hostile_blog_is_served_and_read_safely(make_demo_server: MakeServer) -> None:
    server = make_demo_server(hostile=True)
    blog = parse(get(server.url).content, server.url)
    unsafe = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert blog.entries
    for entry in blog.entries:
        assert not unsafe.search(entry.text) and clean(entry.text) == entry.text


@pytest.mark.parametrize("port", [0])
def test_port_zero_picks_a_free_port(port: int) -> None:
    with DemoServer(port=port) as server:
        assert server.http.port > 0 and server.url.startswith(
            f"http://127.0.0.1:{server.http.port}/"
        )
        assert get(server.url).status_code == 200


def test_the_fault_plan_and_the_hostile_story_are_test_support_not_shipped() -> None:
    """The README says the faults live in tests/support and are not installed."""
    package = Path(__file__).resolve().parent.parent / "liveread"
    shipped = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    assert "class FaultPlan" not in shipped and "def hostile_story" not in shipped
    support = Path(__file__).resolve().parent / "support"
    assert "class FaultPlan" in (support / "faults.py").read_text(encoding="utf-8")
    assert "def hostile_story" in (support / "hostile.py").read_text(encoding="utf-8")
