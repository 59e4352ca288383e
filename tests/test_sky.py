"""Sky News live pages: the JSON-LD window, its rendered posts, key points named by ``postid``.

A fixture of our own making (tests/fixtures/sky, an invented gale) shaped as
what public extractors read on Sky's pages: a top-level JSON-LD
``LiveBlogPosting`` whose update URLs end in ``#<post id>``, Live Center posts
with empty ``data-ncpost-id``, and ``h5`` + ``ul`` boxes of ``?postid=`` links,
one of them a "Top Stories" box linking other stories.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.model import Image, Snapshot
from liveread.sources import parse, read, sky

PAGE = Path(__file__).parent / "fixtures" / "sky" / "page.html"
URL = "https://news.sky.com/story/gale-latest-ferries-stay-in-port-13600001"


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return parse(PAGE.read_bytes(), URL)


def test_the_page_is_read_by_the_sky_source_as_a_window(snapshot: Snapshot) -> None:
    source, _ = read(PAGE.read_bytes(), URL)
    assert source.name == "sky" and snapshot.source == "sky"
    assert snapshot.title == "Gale latest: ferries stay in port as winds strengthen"
    assert snapshot.site_name == "Sky News"
    assert snapshot.window == 4 and len(snapshot.entries) == 4
    assert [e.url.rpartition("#")[2] for e in snapshot.entries] == [
        "20000004",
        "20000003",
        "20000002",
        "20000001",
    ]


def test_key_points_name_posts_of_this_blog_and_top_stories_name_none(
    snapshot: Snapshot,
) -> None:
    marked = {e.url.rpartition("#")[2] for e in snapshot.entries if e.key_event}
    # 20000004 is linked only from the Top Stories box, to another story's page.
    assert marked == {"20000003", "20000002"}
    tree = LexborHTMLParser(PAGE.read_text(encoding="utf-8"))
    assert sky.key_point_ids(tree, URL) == frozenset({"20000003", "20000002"})


def test_rendered_posts_add_the_photo_caption_credit_writer_and_embed(
    snapshot: Snapshot,
) -> None:
    newest, ferries = snapshot.entries[0], snapshot.entries[1]
    assert newest.images == (
        Image(
            "The damaged wall at Kilbrae this morning",
            "Pic: Coastguard",
            "https://e3.365dm.example/26/03/kilbrae-wall.jpg",
        ),
    )
    assert newest.authors == ("Rhian Tolley",)
    assert "March 14, 2026" not in newest.text  # the rendered timestamp is chrome
    assert [b.kind for b in ferries.body][-1] == "embed"
    assert ferries.body[-1].url == "https://twitter.com/westferries/status/1900000000000000003"
    # Updates the page does not render keep the JSON-LD's text, as thinner views.
    assert snapshot.entries[2].text == "A gust of 90mph was recorded on the headland."
    assert set(snapshot.partial_ids) == {snapshot.entries[2].id, snapshot.entries[3].id}


def test_the_same_page_served_from_loopback_is_read_the_same() -> None:
    local = parse(
        PAGE.read_bytes(), "http://127.0.0.1:8765/story/gale-latest-ferries-stay-in-port-13600001"
    )
    assert local.source == "sky"
    # A key point names a post of the page with the blog's path, whatever the host it links.
    assert {e.url.rpartition("#")[2] for e in local.entries if e.key_event} == {
        "20000003",
        "20000002",
    }


def test_a_page_without_the_markers_is_not_sky() -> None:
    html = PAGE.read_text(encoding="utf-8")
    plain = html.replace("ncpost", "post").replace("postid=", "item=")
    assert read(plain.encode(), URL)[0].name == "schemaorg"


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
    assert data["source"] == "sky" and len(data["entries"]) == 4
    keys = [e["url"].rpartition("#")[2] for e in data["entries"] if e["key_event"]]
    assert keys == ["20000003", "20000002"]
