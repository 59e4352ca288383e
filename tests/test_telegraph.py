"""The Telegraph's live pages: JSON-LD updates matched to ``.live-post``, itemprop captions.

A fixture of our own making (tests/fixtures/telegraph, an invented rail
strike) shaped as the markup a public feed generator reads on these pages:
a top-level JSON-LD ``LiveBlogPosting`` newest first, ``.live-post`` elements
with ``time[datetime]``, title and content, pictures whose caption and credit
are ``[itemprop=caption]`` and ``[itemprop=copyrightHolder]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.model import Entry, Image, Snapshot
from liveread.sources import parse, read, schemaorg

PAGE = Path(__file__).parent / "fixtures" / "telegraph" / "live.html"
URL = "https://www.telegraph.example/news/2026/03/14/rail-strike-latest/"


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return parse(PAGE.read_bytes(), URL)


def titled(snapshot: Snapshot, title: str) -> Entry:
    return next(e for e in snapshot.entries if e.title == title)


def test_the_page_is_read_by_the_telegraph_source(snapshot: Snapshot) -> None:
    assert read(PAGE.read_bytes(), URL)[0].name == "telegraph"
    assert snapshot.title == "Rail strike latest: trains cancelled across the North"
    assert snapshot.standfirst == "Services are cancelled on three lines as drivers walk out."
    assert snapshot.site_name == "The Telegraph"
    assert [e.title for e in snapshot.entries] == [
        "Extra buses for commuters",
        "Union says talks will resume on Monday",
        "Stations quiet in Leeds",
        "Minister criticises the walkout",
        "Good morning",
    ]


def test_ids_are_the_json_lds_and_a_post_it_omits_gets_the_id_it_would_have(
    snapshot: Snapshot,
) -> None:
    newest = snapshot.entries[0]
    when = datetime(2026, 3, 14, 12, 5, tzinfo=timezone.utc)
    assert newest.id == schemaorg.derive_id(when, "Extra buses for commuters")
    assert newest.url == URL + "#post-6" and newest.published == when
    tree = LexborHTMLParser(PAGE.read_text(encoding="utf-8"))
    structured = schemaorg.parse_html(tree, URL, enrich=False)
    assert [e.id for e in snapshot.entries[1:]] == [e.id for e in structured.entries]


def test_captions_and_credits_come_from_itemprop_apart(snapshot: Snapshot) -> None:
    leeds = titled(snapshot, "Stations quiet in Leeds")
    assert leeds.images == (
        Image(
            "The concourse at Leeds station on Saturday morning",
            "Credit: Sam Orrell",
            "https://www.telegraph.example/content/dam/news/2026/03/14/leeds-concourse.jpg",
        ),
    )
    minister = titled(snapshot, "Minister criticises the walkout")
    assert minister.images == (
        Image(
            "The minister speaking in Westminster",
            "PA",
            "https://www.telegraph.example/content/dam/news/2026/03/14/minister.jpg",
        ),
    )


def test_videos_and_embedded_tweets_are_embeds_and_timestamps_are_chrome(
    snapshot: Snapshot,
) -> None:
    minister = titled(snapshot, "Minister criticises the walkout")
    assert minister.body[-1].embed == "video"
    assert minister.body[-1].url == "https://www.youtube.com/watch?v=AbCdEfGhIjK"
    union = titled(snapshot, "Union says talks will resume on Monday")
    assert union.body[-1].embed == "tweet"
    assert "11.30am" not in union.text and union.text.count("talks will resume") == 1


def test_the_pages_own_picture_is_no_posts_photo_and_unrendered_updates_are_thinner(
    snapshot: Snapshot,
) -> None:
    good_morning = titled(snapshot, "Good morning")
    assert good_morning.text == "Welcome to our coverage of the rail strike."
    assert snapshot.partial_ids == (good_morning.id,)
    assert snapshot.window == 5


def test_a_page_without_json_ld_is_read_from_its_posts() -> None:
    html = PAGE.read_text(encoding="utf-8")
    start = html.index(
        '<script type="application/ld+json">\n{"@context":"https://schema.org","@type":"LiveBlogPosting"'
    )
    end = html.index("</script>", start) + len("</script>")
    bare = parse((html[:start] + html[end:]).encode(), URL)
    assert bare.source == "telegraph" and len(bare.entries) == 4
    assert bare.partial_ids == ()


def test_liveread_parse_reads_the_page_as_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "liveread", "parse", str(PAGE), "--url", URL, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "telegraph" and len(data["entries"]) == 5
    leeds = next(e for e in data["entries"] if e["title"] == "Stations quiet in Leeds")
    image = next(b for b in leeds["body"] if b["kind"] == "image")
    assert (image["caption"], image["credit"]) == (
        "The concourse at Leeds station on Saturday morning",
        "Credit: Sam Orrell",
    )
