"""The BBC's live posts as its pages' JSON has them: stream pages, World Service pages, the query.

Fixtures of our own making (tests/fixtures/bbc, an invented story) shaped as
simorgh's types and fixtures and the stream answers scrapers describe: posts
with a ``urn``, ``dates``, the breaking flag, Optimo blocks (paragraphs
wrapped in ``text`` as bbc.co.uk's stream does, top-level as simorgh's do).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from liveread.model import Image
from liveread.sources import bbc

FIXTURES = Path(__file__).parent / "fixtures" / "bbc"
BLOG = "https://www.bbc.co.uk/news/live/c0nv0000000t"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def newest() -> bbc.StreamPage:
    return bbc.read_stream(load("stream-page-1.json"), BLOG)


def test_a_stream_page_reads_its_posts_and_where_it_is(newest: bbc.StreamPage) -> None:
    assert newest.index == 1 and newest.total == 2
    assert [e.id for e in newest.entries] == [
        "asset:0a000000-0000-4000-8000-000000000006",
        "asset:0a000000-0000-4000-8000-000000000005",
        "asset:0a000000-0000-4000-8000-000000000004",
    ]
    first = newest.entries[0]
    assert first.url == f"{BLOG}#asset:0a000000-0000-4000-8000-000000000006"
    assert first.published == at("2026-03-14T11:40:00")
    assert first.title == "Bridge engineers say a cable snapped"
    assert first.authors == ("Ada Pennock",)


def test_the_breaking_flag_makes_a_key_event(newest: bbc.StreamPage) -> None:
    assert [e.key_event for e in newest.entries] == [True, False, False]


def test_a_later_last_published_is_the_edit_time(newest: bbc.StreamPage) -> None:
    edited, unedited = newest.entries[1], newest.entries[0]
    assert edited.updated == at("2026-03-14T11:25:30")
    assert unedited.updated is None  # lastPublished equal to firstPublished


def test_the_reporter_line_leads_the_body_and_text_blocks_are_read_through(
    newest: bbc.StreamPage,
) -> None:
    body = newest.entries[0].body
    assert [(b.kind, b.text) for b in body] == [
        ("paragraph", "Ada Pennock, Live reporter"),
        ("paragraph", "Engineers on the bridge say one of the lifting cables has snapped."),
        ("paragraph", "They expect the span to stay raised until tomorrow."),
    ]


def test_lists_and_images_with_caption_and_credit_apart(newest: bbc.StreamPage) -> None:
    body = newest.entries[1].body
    assert [b.kind for b in body] == ["paragraph", "list_item", "list_item", "image"]
    assert body[1].text == "Ferries run every 20 minutes from the west pier"
    assert body[3].image == Image(
        "The Kestrel Street lifting bridge was raised at dawn and has not come down",
        "Northvale Harbour Trust",
        "https://ichef.bbci.co.uk/ace/ws/640/cpsprodpb/a1b2/live/5f0e7c10-0000-4000-8000-000000000001.jpg",
    )


def test_a_social_post_is_a_tweet_embed_without_its_tracking_query(
    newest: bbc.StreamPage,
) -> None:
    embed = newest.entries[2].body[-1]
    assert embed.kind == "embed" and embed.embed == "tweet"
    assert embed.url == "https://twitter.com/northvaletrust/status/1900000000000000001"


def test_video_is_an_embed_and_the_sites_own_credit_is_not_shown() -> None:
    older = bbc.read_stream(load("stream-page-2.json"), BLOG)
    assert older.index == 2 and older.total == 2
    body = older.entries[0].body
    video, picture = body[1], body[2]
    assert video.kind == "embed" and video.embed == "video"
    assert video.title == "Watch: the bridge stuck in the air"
    assert video.text == "Footage from the harbour wall this morning"
    assert video.url == "https://www.bbc.co.uk/programmes/p0aaaaa1"
    # simorgh shows no credit for the BBC's own pictures; the caption stays.
    assert picture.image is not None
    assert (picture.image.caption, picture.image.credit) == ("Diversions around the east quay", "")


def test_a_stream_answer_under_data_reads_the_same(newest: bbc.StreamPage) -> None:
    wrapped = {"data": load("stream-page-1.json")}
    assert bbc.is_stream(wrapped)
    assert bbc.read_stream(wrapped, BLOG) == newest


def test_only_stream_pages_are_streams() -> None:
    assert bbc.is_stream(load("stream-page-2.json"))
    assert not bbc.is_stream({"results": [{"title": "x"}]})
    assert not bbc.is_stream({"data": {"article": {}}})
    assert not bbc.is_stream([1, 2])
    assert bbc.read_stream("not json at all", BLOG) == bbc.StreamPage(())


def test_a_news_page_names_its_stream_query_and_each_page_keeps_it() -> None:
    html = (FIXTURES / "news-page.html").read_text(encoding="utf-8")
    query = bbc.stream_query(html)
    assert query is not None
    url = bbc.stream_url(BLOG, query, 2)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "www.bbc.co.uk",
        "/wc-data/container/stream",
    )
    params = parse_qsl(parts.query)
    assert params == [
        ("assetId", "c0nv0000000t"),
        ("enableDotcomAds", "true"),
        ("globalContainerPolling", "true"),
        ("home", "news"),
        ("language", "en-GB"),
        ("liveTextStreamId", "0A1B2C3D4E5F60718293A4B5C6D7E8F9"),
        ("pageNumber", "2"),
        ("pageSize", "20"),
        ("pageUrl", "/news/live/c0nv0000000t"),
    ]


def test_a_match_streams_type_is_kept_and_a_copy_on_loopback_asks_loopback() -> None:
    html = '<script>x = "stream?liveTextStreamId=s-3y91h&pageNumber=1&type=football"</script>'
    query = bbc.stream_query(html)
    assert query == "liveTextStreamId=s-3y91h&pageNumber=1&type=football"
    url = bbc.stream_url("http://127.0.0.1:8080/sport/football/live/x", query, 3)
    assert url == (
        "http://127.0.0.1:8080/wc-data/container/stream"
        "?liveTextStreamId=s-3y91h&pageNumber=3&type=football"
    )


def test_a_page_that_names_no_stream_has_no_query() -> None:
    assert bbc.stream_query("<html><p>stream?assetId=x&pageNumber=1</p></html>") is None
    assert bbc.stream_query("") is None


def test_a_world_service_page_reads_its_posts_summary_and_pages() -> None:
    html = (FIXTURES / "world-service-page.html").read_text(encoding="utf-8")
    start = html.index('type="application/json">') + len('type="application/json">')
    data = bbc.page_data(html[start : html.index("</script>", start)])
    assert data is not None
    url = "https://www.bbc.com/pidgin/live/c0nv0000000t"
    snapshot = bbc.read_page_data(data, url, "bbc")
    assert snapshot.title == "Northvale bridge stuck open: live updates"
    assert snapshot.live is True
    assert snapshot.pages is not None
    assert (snapshot.pages.current, snapshot.pages.total) == (1, 3)
    assert snapshot.pages.older == f"{url}?page=2"
    summary = next(e for e in snapshot.entries if e.summary)
    assert summary.id == f"{url}#summary" and summary.published == at("2026-03-14T08:30:00")
    assert [(b.kind, b.text) for b in summary.body] == [
        ("list_item", "The Kestrel Street bridge is stuck open"),
        ("list_item", "Ferries and buses replace it: see our guide"),
    ]
    posts = [e for e in snapshot.entries if not e.summary]
    assert [e.title for e in posts] == ["Ferries added", "The bridge is stuck"]
    assert posts[0].key_event and posts[0].updated == at("2026-03-14T10:20:00")
    assert snapshot.feed_ids == tuple(e.id for e in posts)


def test_hostile_text_is_sanitized_and_broken_posts_are_left_out() -> None:
    post = load("stream-page-2.json")["results"][1]
    post["header"]["model"]["blocks"][0]["model"]["blocks"][0]["model"]["blocks"][0]["model"][
        "text"
    ] = "Queues\x1b]52;c;aGk=\x07 on the \x9bring road"
    broken = {"urn": "asset:x", "dates": {"firstPublished": "not a time"}}
    page = bbc.read_stream({"results": [post, broken, "junk", None]}, BLOG)
    assert [e.title for e in page.entries] == ["Queues]52;c;aGk= on the ring road"]


def test_an_image_with_a_locator_that_is_not_a_web_address_has_no_url() -> None:
    post = load("stream-page-1.json")["results"][1]
    image = post["content"]["model"]["blocks"][3]
    image["model"]["blocks"][0]["model"]["originCode"] = "pips"
    image["model"]["blocks"][0]["model"]["locator"] = "javascript:alert(1)"
    entry = bbc.post_entry(post, BLOG)
    assert entry is not None
    assert entry.images[0].url is None and entry.images[0].caption
