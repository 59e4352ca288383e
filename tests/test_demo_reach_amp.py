"""The demo blog as a Reach-platform page and as an AMP live list: render -> parse -> the same.

What a correct parser should read back is the demo's own model of each entry
(:func:`liveread.demo.story.model_block`), less what the format cannot
carry: the Reach platform names one writer (none on a key event), shows
summaries as key events and related links as "Read more" paragraphs, and
its JSON-LD holds flattened text for the updates it does not render; an AMP
list knows no key events.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.demo import DemoBlog, Post, render_amp_page, render_reach_page
from liveread.demo.render.amp import MAX_ITEMS, item_id
from liveread.demo.render.amp import SITE_NAME as AMP_SITE
from liveread.demo.render.reach import (
    JSONLD_UPDATES,
    KEY_BOX,
    RENDERED,
    reach_credit,
)
from liveread.demo.render.reach import (
    SITE_NAME as REACH_SITE,
)
from liveread.demo.server import DemoServer
from liveread.model import Entry
from liveread.sources import parse, read
from tests.test_demo_render import norm

TEXT = ("paragraph", "heading", "list_item", "quote")


def text_blocks(entry: Entry) -> list[tuple[str, str]]:
    return [(b.kind, norm(b.text)) for b in entry.body if b.kind in TEXT]


def words(text: str) -> list[str]:
    return norm(text).split()


@pytest.fixture(params=[0, 8, 30], ids=["at-start", "after-8-steps", "after-30-steps"])
def grown(request: pytest.FixtureRequest) -> DemoBlog:
    """The demo blog a number of steps on, its second newest entry edited (the story's own
    edits are of older entries, past the windows these pages show)."""
    blog = DemoBlog()
    blog.advance(request.param)
    second = blog.posts_newest_first()[1]
    blog.edit(second.id, "Corrected: the ferry runs at noon.", at=blog.now + timedelta(minutes=1))
    return blog


def edited(posts: list[Post]) -> list[Post]:
    """The posts whose entry was edited after it was published."""
    return [p for p in posts if p.entry.updated and p.entry.updated > p.entry.published]


# -- Reach ------------------------------------------------------------------------------


def reach_want_text(entry: Entry) -> list[tuple[str, str]]:
    """The platform writes a related link as a "Read more" paragraph."""
    out = []
    for block in entry.body:
        if block.kind in TEXT:
            out.append((block.kind, norm(block.text)))
        elif block.embed == "link":
            out.append(("paragraph", norm(f"Read more: {block.title}")))
    return out


def test_reach_round_trip(grown: DemoBlog) -> None:
    source, snapshot = read(render_reach_page(grown), grown.url)
    posts = grown.posts_newest_first()[:JSONLD_UPDATES]
    assert source.name == "reach" and snapshot.site_name == REACH_SITE
    assert snapshot.window == len(posts) == len(snapshot.entries)
    by_fragment = {e.url.partition("#")[2]: e for e in snapshot.entries}
    assert set(by_fragment) == {p.id for p in posts}
    rendered = {p.id for p in posts[:RENDERED]}
    boxed = {p.id for p in grown.key_events()[:KEY_BOX]}
    assert {
        e.url.partition("#")[2] for e in snapshot.entries if e.id not in snapshot.partial_ids
    } == rendered
    assert edited(posts)  # (so the edit time below is checked)
    for post in posts:
        got, want = by_fragment[post.id], post.entry
        key = want.key_event or want.summary
        assert got.title == want.title and got.published == want.published
        if post.id in rendered:
            assert text_blocks(got) == reach_want_text(want), post.id
            assert [(i.caption, i.credit) for i in got.images] == [
                (norm(i.caption), "Image: " + reach_credit(i.credit)) for i in want.images
            ]
            embeds = [b.embed for b in got.body if b.kind == "embed"]
            assert embeds == [b.embed for b in want.body if b.embed in ("tweet", "video")]
            assert got.key_event == key
            assert got.authors == (() if key else want.authors[:1])
            if want.updated and want.updated > want.published:
                assert got.updated == want.updated
        else:
            # Only the JSON-LD: its flattened text, no photo (the page's is everyone's), no
            # byline (the page's authors are everyone's), a key event only if the box lists it.
            assert words(got.text) == words(" ".join(b.text for b in want.body if b.kind in TEXT))
            assert got.images == () and got.authors == ()
            assert got.key_event == (post.id in boxed)


def test_reach_page_markers(grown: DemoBlog) -> None:
    tree = LexborHTMLParser(render_reach_page(grown))
    entries = tree.css("div.live-event-entry[data-post-time]")
    assert len(entries) == min(RENDERED, len(grown))
    keys = [n for n in entries if n.attributes["data-type"] == "key-event"]
    assert all(n.css_first(".entry-info mark").text() == "KEY EVENT" for n in keys)
    assert len(tree.css(".live-event-key-events .key-bubble a[data-id]")) == min(
        KEY_BOX, len(grown.key_events())
    )
    assert all("(" in c.text() for c in tree.css("figcaption span.credit"))


# -- AMP --------------------------------------------------------------------------------


def test_amp_round_trip(grown: DemoBlog) -> None:
    source, snapshot = read(render_amp_page(grown), grown.url)
    posts = grown.posts_newest_first()[:MAX_ITEMS]
    assert source.name == "amp" and snapshot.site_name == AMP_SITE
    assert list(snapshot.feed_ids) == [item_id(p.id) for p in posts]
    assert snapshot.window == MAX_ITEMS and snapshot.live is True
    by_id = {e.id: e for e in snapshot.entries}
    assert edited(posts)  # (so the edit time below is checked)
    for post in posts:
        got, want = by_id[item_id(post.id)], post.entry
        assert got.title == want.title and got.published == want.published
        assert text_blocks(got) == [(b.kind, norm(b.text)) for b in want.body if b.kind in TEXT]
        assert [(i.caption, i.credit, i.url) for i in got.images] == [
            (norm(i.caption), i.credit, i.url) for i in want.images
        ]
        assert got.authors == want.authors
        tweets = [b for b in got.body if b.embed == "tweet"]
        want_tweets = [b for b in want.body if b.embed == "tweet"]
        assert [norm(b.text) for b in tweets] == [norm(b.text) for b in want_tweets]
        ids = [(b.url or "").rsplit("/", 1)[-1] for b in tweets]
        assert ids == [(b.url or "").rsplit("/", 1)[-1] for b in want_tweets]
        assert sum(b.embed == "video" for b in got.body) == sum(
            b.embed == "video" for b in want.body
        )
        if want.updated and want.updated > want.published:
            assert got.updated == want.updated
    assert not any(e.id.startswith("ad-") for e in snapshot.entries)


def test_amp_tombstones_and_the_end() -> None:
    blog = DemoBlog(ends=True)
    blog.advance(6)  # the story's removal is among these
    removed = [p.id for p, _ in blog.removed_posts()]
    assert removed
    snapshot = parse(render_amp_page(blog), blog.url)
    assert snapshot.removed_ids == tuple(item_id(i) for i in removed)
    assert not set(snapshot.removed_ids) & {e.id for e in snapshot.entries}
    blog.advance(200)
    ended = parse(render_amp_page(blog), blog.url)
    assert ended.live is False
    assert LexborHTMLParser(render_amp_page(blog)).css_first("amp-live-list[disabled]")


# -- served ---------------------------------------------------------------------------------


def test_the_demo_server_serves_both_and_lists_them(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    server = make_demo_server()
    index = httpx.get(server.origin + "/", timeout=10).text
    assert server.reach_url in index and server.amp_url in index
    for url, name in ((server.reach_url, "reach"), (server.amp_url, "amp")):
        page = httpx.get(url, timeout=10)
        assert page.status_code == 200 and page.headers["etag"]
        source, snapshot = read(page.content, url)
        assert source.name == name and snapshot.url == url
    polled = httpx.get(server.amp_url + "?amp_latest_update_time=1", timeout=10)
    assert (
        parse(polled.content, server.amp_url).feed_ids
        == parse(httpx.get(server.amp_url, timeout=10).content, server.amp_url).feed_ids
    )
