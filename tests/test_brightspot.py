"""Brightspot live blogs (AP and others): posts from the page and from the posts endpoint.

Fixtures of our own making (tests/fixtures/brightspot, an invented dam
inspection) shaped as the markup scrapers read on AP's pages and as
Brightspot's LiveBlog.js polls: ``bsp-liveblog-post`` with a millisecond
timestamp, the ``bsp-liveblog`` list and its endpoint.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.errors import LayoutChanged
from liveread.model import Image, Snapshot
from liveread.sources import brightspot

FIXTURES = Path(__file__).parent / "fixtures" / "brightspot"
URL = "https://wirenews.example/live/carrow-dam-inspection"


def tree(name: str) -> LexborHTMLParser:
    return LexborHTMLParser((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page() -> Snapshot:
    return brightspot.read_page(tree("page.html"), URL, "brightspot")


def test_posts_are_read_with_their_id_and_millisecond_time(page: Snapshot) -> None:
    assert [e.id for e in page.entries] == [
        "00000196-aaaa-d000-0003-000000000003",
        "00000196-aaaa-d000-0003-000000000002",
        "00000196-aaaa-d000-0003-000000000001",
    ]
    assert page.entries[0].published == datetime(2026, 3, 14, 10, 20, tzinfo=timezone.utc)
    assert [e.title for e in page.entries] == [
        "Spillway gates opened",
        "Road to the dam closed",
        "Inspectors arrive",
    ]
    assert page.feed_ids == tuple(e.id for e in page.entries)


def test_the_page_says_what_it_is_and_that_it_is_live(page: Snapshot) -> None:
    assert page.title == "Live updates: Dam inspectors reach the Carrow reservoir"
    assert page.site_name == "Wire News" and page.live is True
    assert page.standfirst == "Inspectors are checking a dam after a night of heavy rain."


def test_the_body_keeps_its_photo_caption_credit_and_embed_without_chrome(
    page: Snapshot,
) -> None:
    body = page.entries[0].body
    assert [b.kind for b in body] == ["paragraph", "image", "embed"]
    assert body[1].image == Image(
        "Water runs through the spillway at Carrow on Saturday.",
        "Photo: Jo Brand / Wire",
        "https://images.wirenews.example/carrow-spillway.jpg",
    )
    assert body[2].embed == "tweet"
    assert body[2].url == "https://twitter.com/carrowwater/status/1900000000000000002"
    assert "Copy link" not in page.entries[0].text


def test_the_permalink_is_the_copy_link_else_the_page_and_the_id(page: Snapshot) -> None:
    assert page.entries[0].url == f"{URL}#00000196-aaaa-d000-0003-000000000003"
    assert page.entries[1].url == f"{URL}#00000196-aaaa-d000-0003-000000000002"
    assert [b.kind for b in page.entries[1].body] == ["paragraph", "list_item", "list_item"]


def test_the_endpoint_and_the_poll_url_the_pages_script_asks() -> None:
    listed = brightspot.live_list(tree("page.html"), URL)
    assert listed == brightspot.LiveList(
        "https://wirenews.example/live/carrow-dam-inspection/posts", True
    )
    since = brightspot.newest_ms(brightspot.read_posts(tree("page.html").css(brightspot.POST), URL))
    assert since == 1773483600000
    assert listed.endpoint is not None
    url = brightspot.poll_url(listed.endpoint, since, now_ms=1773483614999)
    assert url == f"{URL}/posts?since=1773483600000&_=1773483600000"
    assert brightspot.poll_url(f"{URL}/posts?x=1", None, 1773483615000) == (
        f"{URL}/posts?x=1&_=1773483615000"
    )


def test_an_ended_blog_carries_no_live_marker() -> None:
    html = (FIXTURES / "page.html").read_text(encoding="utf-8").replace(" data-live-event", "")
    snapshot = brightspot.read_page(LexborHTMLParser(html), URL, "brightspot")
    assert snapshot.live is False


def test_an_endpoint_answer_gives_its_new_posts_or_none() -> None:
    posts = brightspot.read_answer(tree("answer.html"), URL)
    assert [(p.id, p.title) for p in posts] == [
        ("00000196-aaaa-d000-0003-000000000004", "Water level falling")
    ]
    assert posts[0].published == datetime(2026, 3, 14, 10, 50, 0, 123000, tzinfo=timezone.utc)
    assert brightspot.read_answer(tree("answer-empty.html"), URL) == []
    assert brightspot.read_answer(LexborHTMLParser("<p>error</p>"), URL) == []


def test_posts_without_an_id_or_a_time_are_left_out_and_a_page_of_none_is_refused() -> None:
    html = (
        '<bsp-liveblog-post data-post-id="a"><h2 class="LiveBlogPost-headline">x</h2>'
        '</bsp-liveblog-post><bsp-liveblog-post data-posted-date-timestamp="1773483600000">'
        "</bsp-liveblog-post>"
    )
    assert brightspot.read_posts(LexborHTMLParser(html).css(brightspot.POST), URL) == []
    with pytest.raises(LayoutChanged):
        brightspot.read_page(LexborHTMLParser(html), URL, "brightspot")
