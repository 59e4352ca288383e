"""The demo blog as a Sky, a Le Monde and a Telegraph page: render -> read -> the same.

Each format is read back by its own source (``liveread.sources.read``), and
what comes back is the demo's own model of each entry, less what the format
cannot carry: Sky's rendered posts are found by their headline only (no
machine time, an empty ``data-ncpost-id``), so a post without a unique one is
only its JSON-LD text; Le Monde shows a clock time to the minute and a
reader's words as a quote with the reader's name; none of them writes a
related link other than as a paragraph. Also: the blog that continues, as
each page names it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.demo import DemoBlog
from liveread.demo.render.guardian import render_model, render_page
from liveread.demo.render.lemonde import (
    SITE_NAME as LEMONDE_SITE,
)
from liveread.demo.render.lemonde import (
    lemonde_credit,
    reader_words,
    render_lemonde_page,
)
from liveread.demo.render.lemonde import post_id as lemonde_id
from liveread.demo.render.sky import (
    KEY_POINTS,
    TOP_STORIES,
    WINDOW,
    render_sky_page,
    sky_credit,
    sky_post_id,
)
from liveread.demo.render.sky import SITE_NAME as SKY_SITE
from liveread.demo.render.telegraph import (
    SITE_NAME as TELEGRAPH_SITE,
)
from liveread.demo.render.telegraph import WINDOW as TELEGRAPH_WINDOW
from liveread.demo.render.telegraph import (
    post_anchor,
    render_telegraph_page,
    telegraph_credit,
)
from liveread.demo.server import NEXT_PATH, DemoServer
from liveread.demo.story import Post, StoryBlock
from liveread.model import Entry
from liveread.sources import parse, read, sky
from tests.test_demo_render import norm

MakeServer = Callable[..., DemoServer]
TEXT = ("paragraph", "heading", "list_item", "quote")


def as_of(blog: DemoBlog, hours: float) -> DemoBlog:
    """The blog as it stood *hours* before its start: what was published later taken down."""
    cutoff = blog.start - timedelta(hours=hours)
    for post in list(blog.posts_newest_first()):
        if post.entry.published > cutoff:
            blog.remove(post.id)
    return blog


@pytest.fixture(
    params=["morning", "midday", "at-start", "after-30-steps"],
)
def moment(request: pytest.FixtureRequest) -> DemoBlog:
    """The demo blog at moments whose newest posts hold its tweet, its video, its related link."""
    blog = DemoBlog()
    if request.param == "morning":
        return as_of(blog, 5.25)  # the tweet among the newest
    if request.param == "midday":
        return as_of(blog, 3)  # the video and the related link among the newest
    if request.param == "after-30-steps":
        blog.advance(30)
    return blog


def text_of(post: Post, block: StoryBlock) -> tuple[str, str] | None:
    """What these pages give back of a story block's text (a related link: a paragraph)."""
    if block.kind in TEXT:
        return block.kind, norm(block.text)
    if block.kind == "link":
        return "paragraph", norm(block.text)
    return None


def want_text(post: Post, read_block: Callable[[Post, StoryBlock], object] = text_of) -> list:  # type: ignore[type-arg]
    return [t for t in (read_block(post, b) for b in post.blocks) if t is not None]


def got_text(entry: Entry) -> list[tuple[str, str]]:
    return [(b.kind, norm(b.text)) for b in entry.body if b.kind in TEXT]


def embeds(entry: Entry) -> list[tuple[str | None, str | None]]:
    return [(b.embed, b.url) for b in entry.body if b.kind == "embed"]


def want_embeds(post: Post) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for block in post.blocks:
        if block.kind == "tweet":
            out.append(("tweet", block.url))
        elif block.kind == "video":
            out.append(("video", f"https://www.youtube.com/embed/{block.asset_id}"))
    return out


def words(text: str) -> list[str]:
    return norm(text).split()


# -- Sky -------------------------------------------------------------------------------


def test_sky_round_trip(moment: DemoBlog) -> None:
    source, snapshot = read(render_sky_page(moment), moment.url)
    posts = moment.posts_newest_first()[:WINDOW]
    assert source.name == "sky" and snapshot.site_name == SKY_SITE and snapshot.live is True
    assert snapshot.window == len(posts) == len(snapshot.entries)
    by_post = {e.url.rpartition("#")[2]: e for e in snapshot.entries}
    assert set(by_post) == {sky_post_id(p) for p in posts}
    boxed = {sky_post_id(p) for p in moment.key_events()[:KEY_POINTS]}
    for post in posts:
        got, want = by_post[sky_post_id(post)], post.entry
        assert got.title == want.title and got.published == want.published
        assert got.key_event == (sky_post_id(post) in boxed), post.id
        titles = [p.entry.title for p in posts]
        if want.title and titles.count(want.title) == 1:
            # Found by its headline: the rendered post's body, photos, writer and embeds.
            assert got.id not in snapshot.partial_ids
            assert got_text(got) == want_text(post), post.id
            assert [(i.caption, i.credit, i.url) for i in got.images] == [
                (norm(i.caption), sky_credit(i.credit), i.url) for i in want.images
            ]
            assert got.authors == want.authors
            assert [e for e, _ in embeds(got)] == [e for e, _ in want_embeds(post)]
        else:
            # Nothing to find it by: the JSON-LD's words only, shown as a thinner view.
            assert got.id in snapshot.partial_ids
            assert words(got.text) == words(" ".join(b.text for b in want.body if b.kind in TEXT))


def test_sky_key_points_name_posts_and_top_stories_name_none(moment: DemoBlog) -> None:
    html = render_sky_page(moment)
    tree = LexborHTMLParser(html)
    boxes = [h.text() for h in tree.css("h5")]
    assert "Top Stories" in boxes
    named = sky.key_point_ids(tree, moment.url)
    assert named == {sky_post_id(p) for p in moment.key_events()[:KEY_POINTS]}
    # The other box names a post id too, of another story: it is no key point of this blog.
    others = {post for _, post, _ in TOP_STORIES if post}
    assert others and not others & named
    assert all(n.attributes["data-ncpost-id"] == "" for n in tree.css("[data-ncpost-id]"))


def test_sky_the_end() -> None:
    blog = DemoBlog(ends=True)
    blog.advance(300)
    snapshot = parse(render_sky_page(blog), blog.url)
    assert blog.live is False and snapshot.live is False
    assert snapshot.title == blog.title


# -- Le Monde ---------------------------------------------------------------------------


def lemonde_text(post: Post, block: StoryBlock) -> tuple[str, str] | None:
    """A reader's words come back as a quote with the reader's name under it."""
    reader = reader_words(block)
    if reader is not None:
        return "quote", norm(f"{reader[0]}\n— {reader[1]}")
    return text_of(post, block)


def test_lemonde_round_trip(moment: DemoBlog) -> None:
    url = moment.origin + "/planete/live/2026/11/27/storm.html"
    source, snapshot = read(render_lemonde_page(moment, page_url=url), url)
    posts = moment.posts_newest_first()
    assert source.name == "lemonde" and snapshot.site_name == LEMONDE_SITE
    assert snapshot.live is True and snapshot.continues_at is None
    assert snapshot.title == moment.title and snapshot.standfirst == moment.story.standfirst
    assert [e.id for e in snapshot.entries] == [lemonde_id(p) for p in posts]
    for post, got in zip(posts, snapshot.entries, strict=True):
        want = post.entry
        # A clock to the minute, on the live's day (its URL's), Paris time.
        assert got.published == want.published.replace(second=0, microsecond=0), post.id
        assert got.title == want.title
        assert got.key_event == (want.key_event or want.summary), post.id
        assert got_text(got) == want_text(post, lemonde_text), post.id
        assert [(i.caption, i.credit, i.url) for i in got.images] == [
            (norm(i.caption), lemonde_credit(i.credit), i.url) for i in want.images
        ]
        assert [e for e, _ in embeds(got)] == [e for e, _ in want_embeds(post)]
        assert [u for e, u in embeds(got) if e == "video"] == [
            u for e, u in want_embeds(post) if e == "video"
        ]


def test_lemonde_readers_words_are_quoted_with_who_wrote_them() -> None:
    blog = DemoBlog()
    post = next(p for p in blog.posts_newest_first() if p.entry.title == "Your messages")
    snapshot = parse(render_lemonde_page(blog), blog.url)
    got = next(e for e in snapshot.entries if e.id == lemonde_id(post))
    quotes = [b.text for b in got.body if b.kind == "quote"]
    assert len(quotes) == 3 and all("\n— " in q for q in quotes)
    assert quotes[0].endswith("— Gwen, Low Quay")
    assert not [b for b in got.body if b.kind == "list_item"]


def test_lemonde_the_end_and_the_next_live() -> None:
    nxt = "http://127.0.0.1:8123" + NEXT_PATH
    blog = DemoBlog(ends=True, continues=nxt)
    blog.advance(300)
    snapshot = parse(render_lemonde_page(blog), blog.url)
    assert snapshot.live is False and snapshot.continues_at == nxt
    tree = LexborHTMLParser(render_lemonde_page(blog))
    assert tree.css_first(".label__live.label__live--off") is not None
    newest = tree.css_first("section.post__live-container")
    assert newest is not None and newest.css_first("a.post__live-container--link") is not None
    # Ended without a successor: the end, and no next live.
    alone = DemoBlog(ends=True)
    alone.advance(300)
    assert parse(render_lemonde_page(alone), alone.url).continues_at is None


# -- the Telegraph ------------------------------------------------------------------------


def test_telegraph_round_trip(moment: DemoBlog) -> None:
    source, snapshot = read(render_telegraph_page(moment), moment.url)
    posts = moment.posts_newest_first()[:TELEGRAPH_WINDOW]
    assert source.name == "telegraph" and snapshot.site_name == TELEGRAPH_SITE
    assert snapshot.live is True and snapshot.partial_ids == ()
    assert [e.url.rpartition("#")[2] for e in snapshot.entries] == [post_anchor(p) for p in posts]
    for post, got in zip(posts, snapshot.entries, strict=True):
        want = post.entry
        assert got.published == want.published and got.title == want.title
        assert got_text(got) == want_text(post), post.id
        # Captions and credits apart, from their itemprops, either way a picture is written.
        assert [(i.caption, i.credit, i.url) for i in got.images] == [
            (norm(i.caption), telegraph_credit(i.credit), i.url) for i in want.images
        ]
        videos = [
            f"https://www.youtube.com/watch?v={b.asset_id}"
            for b in post.blocks
            if b.kind == "video"
        ]
        assert [u for e, u in embeds(got) if e == "video"] == videos
        assert [e for e, _ in embeds(got) if e == "tweet"] == [
            e for e, _ in want_embeds(post) if e == "tweet"
        ]


def test_telegraph_pictures_both_ways_and_the_end() -> None:
    blog = DemoBlog(ends=True)
    html = render_telegraph_page(as_of(DemoBlog(), 1))
    tree = LexborHTMLParser(html)
    assert tree.css_first("div.articleBodyImage [itemprop=caption]") is not None
    assert tree.css_first("figure.article-body-image meta[itemprop=url]") is not None
    blog.advance(300)
    assert parse(render_telegraph_page(blog), blog.url).live is False


# -- the blog that continues --------------------------------------------------------------


def test_the_guardian_page_and_model_name_the_next_blog_once_ended() -> None:
    nxt = "http://127.0.0.1:8123" + NEXT_PATH
    blog = DemoBlog(ends=True, continues=nxt)
    assert parse(render_page(blog, ajax_url=blog.origin), blog.url).continues_at is None
    blog.advance(300)
    closing = blog.posts_newest_first()[0]
    assert closing.entry.title == blog.story.continues.title  # type: ignore[union-attr]
    page = parse(render_page(blog, ajax_url=blog.origin), blog.url)
    model = parse(json.dumps(render_model(blog, ajax_url=blog.origin)), blog.url)
    assert page.live is False and page.continues_at == nxt
    assert model.live is False and model.continues_at == nxt
    # An older page of the ended blog names none: only its newest entry does.
    older = parse(render_page(blog, 2, ajax_url=blog.origin), blog.url)
    assert older.continues_at is None


def test_the_blog_that_continues_opens_when_the_first_closes() -> None:
    nxt = "http://127.0.0.1:8123" + NEXT_PATH
    blog = DemoBlog(ends=True, continues=nxt)
    assert blog.successor is None
    blog.advance(300)
    after = blog.successor
    assert after is not None and after.url == nxt and after.live
    assert after.first_published >= blog.ended_at  # type: ignore[operator]
    titles = [p.entry.title for p in after.posts_newest_first()]
    assert "Your questions" in titles and after.key_events()
    assert after.next_at is not None  # it keeps going


@pytest.mark.parametrize("fmt", ["guardian", "jsonld", "sky", "lemonde", "telegraph"])
def test_each_format_links_the_next_blog_in_that_format(
    make_demo_server: MakeServer, fmt: str
) -> None:
    server = make_demo_server(ends=True, continues=True)
    server.advance(300)
    after = server.next_blog
    assert after is not None
    here, there = server.url_for(fmt), server.url_for(fmt, after)
    page = httpx.get(here, timeout=10)
    assert there in page.text and (fmt == "guardian" or after.url not in page.text)
    followed = parse(httpx.get(there, timeout=10).content, there)
    assert followed.live is True and followed.title == after.title
    if fmt in ("guardian", "lemonde"):
        assert parse(page.content, here).continues_at == there
    index = httpx.get(server.origin + "/", timeout=10).text
    assert there in index


def test_the_next_blog_keeps_its_clock(make_demo_server: MakeServer) -> None:
    server = make_demo_server(ends=True, continues=True)
    server.advance(300)
    after = server.next_blog
    assert after is not None
    count = len(after)
    server.change(lambda blog: blog.successor.advance(2))  # type: ignore[union-attr]
    page = parse(
        httpx.get(server.url_for("lemonde", after), timeout=10).content,
        server.url_for("lemonde", after),
    )
    assert len(page.entries) == count + 2
