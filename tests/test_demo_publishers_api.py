"""The demo blog as the BBC, Al Jazeera and a Brightspot site serve it: pages and their APIs.

No source reads these formats whole yet (they need the follower to ask a
second request from a page's answer); their reading functions do, and what
they read back of the demo's pages and answers is the demo's own model of
each entry, less what the format cannot carry: the BBC prints the reporter's
line under a headline and knows no quote or heading block; Al Jazeera prints
a reporter's "Reporting from" line and splits a caption's bracketed credit.
Over the demo server: the routes, the BBC stream the page names, the GraphQL
GETs and their ``wp-site`` header, the Brightspot poll as the page's script
builds it, and ``liveread demo --serve --format`` for every new format.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.demo import DemoBlog
from liveread.demo.render import aljazeera as aj_render
from liveread.demo.render import bbc as bbc_render
from liveread.demo.render import brightspot as bsp_render
from liveread.demo.render._markup import epoch_ms
from liveread.demo.server import BBC_WS_PREFIX, BLOG_PATH, DemoServer
from liveread.demo.story import TEAM_ROLES, Post
from liveread.model import Entry
from liveread.sources import aljazeera, bbc, brightspot
from tests.test_demo_render import norm

MakeServer = Callable[..., DemoServer]
TEXT = ("paragraph", "heading", "list_item", "quote")
AJ_PATH = "/aljazeera/news/liveblog/2026/11/27/storm-wrenna-marlhaven-flooding-live"


@pytest.fixture(params=[0, 30], ids=["at-start", "after-30-steps"])
def grown(request: pytest.FixtureRequest) -> DemoBlog:
    blog = DemoBlog()
    blog.advance(request.param)
    return blog


def got_text(entry: Entry) -> list[tuple[str, str]]:
    return [(b.kind, norm(b.text)) for b in entry.body if b.kind in TEXT]


def kinds(entry: Entry) -> list[str | None]:
    return [b.embed for b in entry.body if b.kind == "embed"]


def want_kinds(post: Post) -> list[str]:
    table = {"tweet": "tweet", "video": "video"}
    return [table[b.kind] for b in post.blocks if b.kind in table]


# -- the BBC ----------------------------------------------------------------------------------


def bbc_text(post: Post) -> list[tuple[str, str]]:
    """The reporter's line first; no quote or heading block: paragraphs; a link: its words."""
    out: list[tuple[str, str]] = []
    if post.entry.authors:
        name = post.entry.authors[0]
        out.append(("paragraph", norm(f"{name}, {TEAM_ROLES[name]}")))
    for block in post.blocks:
        if block.kind == "quote":
            out += [("paragraph", norm(line)) for line in block.text.split("\n")]
        elif block.kind in ("paragraph", "heading", "link"):
            out.append(("paragraph", norm(block.text)))
        elif block.kind == "list_item":
            out.append(("list_item", norm(block.text)))
    return out


def test_bbc_stream_round_trip(grown: DemoBlog) -> None:
    page_url = grown.origin + "/bbc" + BLOG_PATH
    query = bbc.stream_query(bbc_render.render_bbc_page(grown, page_url=page_url))
    assert query is not None and f"liveTextStreamId={bbc_render.stream_id(grown)}" in query
    first = bbc.read_stream(
        json.loads(json.dumps(bbc_render.render_bbc_stream(grown, 1))), page_url
    )
    total = first.total or 0
    assert first.index == 1 and total == -(-len(grown) // bbc_render.PAGE_SIZE) and total > 1
    entries = list(first.entries)
    for number in range(2, total + 1):
        answer = json.loads(json.dumps(bbc_render.render_bbc_stream(grown, number)))
        page = bbc.read_stream(answer, page_url)
        assert page.index == number and page.total == total
        entries += page.entries
    posts = grown.posts_newest_first()
    assert [e.id for e in entries] == [bbc_render.post_urn(p) for p in posts]
    for post, got in zip(posts, entries, strict=True):
        want = post.entry
        assert got.published == want.published and got.title == want.title, post.id
        assert got.updated == (
            want.updated if want.updated and want.updated > want.published else None
        )
        assert got.key_event == want.key_event  # the breaking flag
        assert got.authors == want.authors
        assert got_text(got) == bbc_text(post), post.id
        assert [(i.caption, i.credit, i.url) for i in got.images] == [
            (norm(i.caption), bbc_render.bbc_credit(i.credit), i.url) for i in want.images
        ]
        assert kinds(got) == want_kinds(post)
    past = bbc.read_stream(bbc_render.render_bbc_stream(grown, total + 1), page_url)
    assert past.entries == () and past.total == total


def test_bbc_world_service_page_carries_the_key_points_as_a_summary(grown: DemoBlog) -> None:
    url = grown.origin + BBC_WS_PREFIX + BLOG_PATH
    tree = LexborHTMLParser(bbc_render.render_bbc_ws_page(grown, page_url=url))
    node = tree.css_first("script#__NEXT_DATA__")
    assert node is not None
    data = bbc.page_data(node.text())
    assert data is not None
    snapshot = bbc.read_page_data(data, url, "bbc")
    assert snapshot.live is True and snapshot.title == grown.title
    newest = next(p for p in grown.key_events() if p.entry.summary)
    summary = next(e for e in snapshot.entries if e.summary)
    assert [b.text for b in summary.body] == [
        norm(b.text) for b in newest.blocks if b.kind == "list_item"
    ]
    feed = [e for e in snapshot.entries if not e.summary]
    assert [e.id for e in feed] == [
        bbc_render.post_urn(p) for p in grown.posts_newest_first()[: bbc_render.PAGE_SIZE]
    ]
    assert snapshot.pages is not None and snapshot.pages.older and "page=2" in snapshot.pages.older


def test_bbc_edits_move_last_published_and_the_end_is_in_the_page() -> None:
    blog = DemoBlog(ends=True)
    edited = blog.posts_newest_first()[2]
    blog.edit(edited.id, "Corrected: the barrier is closed.", at=blog.now)
    got = bbc.read_stream(bbc_render.render_bbc_stream(blog, 1), blog.url).entries[2]
    assert got.updated == blog.now and got.text.endswith("Corrected: the barrier is closed.")
    blog.advance(300)
    html = bbc_render.render_bbc_page(blog)
    assert '"coverageEndTime"' in html
    ws = bbc.page_data(
        LexborHTMLParser(bbc_render.render_bbc_ws_page(blog)).css_first("#__NEXT_DATA__").text()  # type: ignore[union-attr]
    )
    assert ws is not None and ws["isLive"] is False


# -- Al Jazeera ---------------------------------------------------------------------------------


def aj_text(post: Post) -> list[tuple[str, str]]:
    """A "Reporting from" line first; a link: its words."""
    out: list[tuple[str, str]] = []
    role = TEAM_ROLES.get(post.entry.authors[0], "") if post.entry.authors else ""
    if role.startswith("Reporting from"):
        out.append(("paragraph", norm(role)))
    for block in post.blocks:
        if block.kind in TEXT:
            out.append((block.kind, norm(block.text)))
        elif block.kind == "link":
            out.append(("paragraph", norm(block.text)))
    return out


def test_aljazeera_round_trip(grown: DemoBlog) -> None:
    url = grown.origin + AJ_PATH
    shell = aljazeera.read_shell(
        json.loads(json.dumps(aj_render.render_shell(grown, page_url=url))), url
    )
    posts = grown.posts_newest_first()
    assert shell.title == grown.title and shell.live is True
    assert [u for u, _ in shell.updates] == [str(aj_render.update_id(grown, p)) for p in posts]
    assert [t for _, t in shell.updates] == [
        p.entry.published.replace(microsecond=0) for p in posts
    ]
    assert aljazeera.read_children(aj_render.render_children(grown)) == tuple(
        u for u, _ in shell.updates
    )
    newest = next(p for p in grown.key_events() if p.entry.summary)
    assert shell.summary is not None and [b.text for b in shell.summary.body] == [
        norm(b.text) for b in newest.blocks if b.kind == "list_item"
    ]
    assert shell.main_image is not None and shell.main_image.credit == (
        grown.story.main_image.credit.removeprefix("Photograph:").strip()
    )
    for (update, when), post in zip(shell.updates, posts, strict=True):
        answer = json.loads(json.dumps(aj_render.render_update(grown, post, page_url=url)))
        got = aljazeera.read_update(answer, url, when)
        want = post.entry
        assert got is not None and got.id == update and got.title == want.title
        assert got.url == aljazeera.update_url(url, update)
        assert got.updated == (
            want.updated if want.updated and want.updated > want.published else None
        )
        assert got_text(got) == aj_text(post), post.id
        # The credit was the caption's bracketed end: apart again.
        assert [(i.caption, i.credit) for i in got.images] == [
            (norm(i.caption), i.credit.removeprefix("Photograph:").strip()) for i in want.images
        ]
        assert kinds(got) == want_kinds(post)
        assert got.authors == want.authors


def test_aljazeera_removals_and_the_closing_update() -> None:
    nxt = "http://127.0.0.1:8123/aljazeera/news/liveblog/2026/11/28/next-live"
    blog = DemoBlog(ends=True, continues=nxt)
    url = blog.origin + AJ_PATH
    gone = blog.posts_newest_first()[3]
    blog.remove(gone.id)
    listed = aljazeera.read_children(aj_render.render_children(blog))
    assert str(aj_render.update_id(blog, gone)) not in listed
    answer = aj_render.render_aljazeera_graphql(
        blog, aj_render.UPDATE_OP, {"postID": aj_render.update_id(blog, gone)}, page_url=url
    )
    assert answer == {"data": {"posts": None}}
    blog.advance(300)
    shell = aljazeera.read_shell(aj_render.render_shell(blog, page_url=url), url)
    assert shell.live is False
    closing = blog.posts_newest_first()[0]
    update = aj_render.render_update(blog, closing, page_url=url)
    assert aljazeera.continuation(update, url) == nxt


# -- Brightspot ---------------------------------------------------------------------------------


def test_brightspot_round_trip(grown: DemoBlog) -> None:
    url = grown.origin + "/brightspot" + BLOG_PATH
    tree = LexborHTMLParser(bsp_render.render_brightspot_page(grown, page_url=url))
    snapshot = brightspot.read_page(tree, url, "brightspot")
    posts = grown.posts_newest_first()
    assert snapshot.live is True and snapshot.site_name == bsp_render.SITE_NAME
    assert [e.id for e in snapshot.entries] == [bsp_render.post_id(p) for p in posts]
    listed = brightspot.live_list(tree, url)
    assert listed is not None and listed.endpoint == url + bsp_render.POSTS_PATH
    for post, got in zip(posts, snapshot.entries, strict=True):
        want = post.entry
        assert got.published == want.published and got.title == want.title
        assert got.url == f"{url}#{bsp_render.post_id(post)}"
        assert got.authors == want.authors
        assert got_text(got) == [
            (b.kind if b.kind in TEXT else "paragraph", norm(b.text))
            for b in post.blocks
            if b.kind in (*TEXT, "link")
        ]
        assert [(i.caption, i.credit, i.url) for i in got.images] == [
            (norm(i.caption), bsp_render.brightspot_credit(i.credit).strip("()"), i.url)
            for i in want.images
        ]
        assert kinds(got) == want_kinds(post)


def test_brightspot_posts_since_and_the_end() -> None:
    blog = DemoBlog(ends=True)
    url = blog.origin + "/brightspot" + BLOG_PATH
    posts = blog.posts_newest_first()
    since = epoch_ms(posts[3].entry.published)
    answer = bsp_render.render_brightspot_posts(blog, since, page_url=url)
    fresh = brightspot.read_answer(LexborHTMLParser(answer), url)
    assert [e.id for e in fresh] == [bsp_render.post_id(p) for p in posts[:3]]
    newest = epoch_ms(posts[0].entry.published)
    empty = bsp_render.render_brightspot_posts(blog, newest, page_url=url)
    assert brightspot.read_answer(LexborHTMLParser(empty), url) == []
    blog.advance(300)
    ended = LexborHTMLParser(bsp_render.render_brightspot_page(blog, page_url=url))
    assert brightspot.read_page(ended, url, "brightspot").live is False
    listed = brightspot.live_list(ended, url)
    assert listed is not None and listed.live is False


# -- served -------------------------------------------------------------------------------------


def test_the_bbc_page_names_a_stream_the_server_answers(make_demo_server: MakeServer) -> None:
    server = make_demo_server()
    url = server.url_for("bbc")
    page = httpx.get(url, timeout=10)
    assert page.status_code == 200
    query = bbc.stream_query(page.text)
    assert query is not None
    total = -(-len(server.blog) // bbc_render.PAGE_SIZE)
    seen: list[str] = []
    for number in range(1, total + 1):
        answer = httpx.get(bbc.stream_url(url, query, number), timeout=10)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(
            "application/json"
        )
        stream = bbc.read_stream(answer.json(), url)
        assert stream.index == number and stream.total == total
        seen += [e.id for e in stream.entries]
    assert seen == [bbc_render.post_urn(p) for p in server.blog.posts_newest_first()]
    unknown = httpx.get(server.origin + "/wc-data/container/stream?liveTextStreamId=00", timeout=10)
    assert unknown.status_code == 200 and unknown.content == b""
    ws = httpx.get(server.bbc_ws_url + "?page=2", timeout=10)
    assert ws.status_code == 200 and "__NEXT_DATA__" in ws.text


def test_the_graphql_endpoint_wants_its_header(make_demo_server: MakeServer) -> None:
    server = make_demo_server()
    page_url = server.url_for("aljazeera")
    assert page_url == server.origin + AJ_PATH
    slug = AJ_PATH.rsplit("/", 1)[-1]
    shell_url = aljazeera.request_url(page_url, aljazeera.SHELL_OP, aljazeera.shell_variables(slug))
    bare = httpx.get(shell_url, timeout=10)
    assert bare.status_code == 400 and "wp-site" in bare.json()["errors"][0]["message"]
    headers = {aljazeera.SITE_HEADER: aljazeera.site_of(page_url)}
    answer = httpx.get(shell_url, headers=headers, timeout=10)
    shell = aljazeera.read_shell(answer.json(), page_url)
    assert len(shell.updates) == len(server.blog)
    newest = int(shell.updates[0][0])
    one = httpx.get(
        aljazeera.request_url(page_url, aljazeera.UPDATE_OP, aljazeera.update_variables(newest)),
        headers=headers,
        timeout=10,
    )
    got = aljazeera.read_update(one.json(), page_url, shell.updates[0][1])
    assert got is not None and got.title == server.blog.posts_newest_first()[0].entry.title
    ids = httpx.get(
        aljazeera.request_url(page_url, aljazeera.CHILDREN_OP, aljazeera.children_variables(slug)),
        headers=headers,
        timeout=10,
    )
    assert aljazeera.read_children(ids.json()) == tuple(u for u, _ in shell.updates)
    other = aljazeera.request_url(
        page_url, aljazeera.SHELL_OP, aljazeera.shell_variables("no-such")
    )
    assert httpx.get(other, headers=headers, timeout=10).json() == {"data": {"article": None}}
    page = httpx.get(page_url, timeout=10)
    assert page.status_code == 200 and f'href="{page_url}"' in page.text


def test_the_brightspot_poll_as_the_page_script_builds_it(make_demo_server: MakeServer) -> None:
    server = make_demo_server()
    url = server.url_for("brightspot")
    tree = LexborHTMLParser(httpx.get(url, timeout=10).text)
    listed = brightspot.live_list(tree, url)
    snapshot = brightspot.read_page(tree, url, "brightspot")
    assert listed is not None and listed.live and listed.endpoint
    poll = brightspot.poll_url(
        listed.endpoint, brightspot.newest_ms(snapshot.entries), 1_800_000_123_456
    )
    idle = httpx.get(poll, timeout=10)
    assert (
        idle.status_code == 200 and brightspot.read_answer(LexborHTMLParser(idle.text), url) == []
    )
    server.advance(1)
    while server.blog.posts_newest_first()[0].entry.published <= snapshot.entries[0].published:
        server.advance(1)
    news = brightspot.read_answer(LexborHTMLParser(httpx.get(poll, timeout=10).text), url)
    assert [e.id for e in news] == [bsp_render.post_id(server.blog.posts_newest_first()[0])]


NEW_FORMATS = ["bbc", "aljazeera", "brightspot", "sky", "lemonde", "telegraph"]


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_demo_serve_serves_each_new_format(fmt: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveread", "demo", "--serve", "--port", "0", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and f"/{fmt}/" in url
        page = httpx.get(url, timeout=10)
        assert page.status_code == 200
        markers = {
            "bbc": "liveTextStreamId=",
            "aljazeera": 'rel="canonical"',
            "brightspot": "bsp-liveblog-post",
            "sky": "ncpost-list-post",
            "lemonde": "post__live-container",
            "telegraph": "live-post__title",
        }
        assert markers[fmt] in page.text
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_every_format_is_in_the_help_and_the_index(make_demo_server: MakeServer) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "liveread", "demo", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    server = make_demo_server()
    index = httpx.get(server.origin + "/", timeout=10).text
    for fmt in NEW_FORMATS:
        assert fmt in shown
        assert server.url_for(fmt) in index
