"""The WordPress Liveblog source: its page, its three REST answers, its polls; render -> parse.

The demo renders the story as the plugin does (``liveread.demo.render.wpliveblog``);
every shape is read back and compared with the demo's own entries. Then the
variations real sites have that the demo's page does not show: settings
written other ways, a page without them, the legacy endpoint, WordPress's
embeds and captions, hostile text.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import liveread.demo.server
import liveread.sources
from liveread.demo import DemoBlog
from liveread.demo.render.wpliveblog import (
    PER_PAGE,
    render_body,
    render_wp_key_events,
    render_wp_page,
    render_wp_paged,
    render_wp_since,
    wp_entry_id,
    wp_post_id,
)
from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import Entry, FollowState, Snapshot
from liveread.sources import Document, parse
from liveread.sources.wpliveblog import (
    WPLiveblogSource,
    answer_kind,
    blocks_from_html,
    page_config,
    since_url,
)
from tests.support.hostile import hostile_blog
from tests.test_demo_render import assert_same_entry

ORIGIN = "http://127.0.0.1:8123"
PAGE = ORIGIN + "/wp/2026/11/27/storm-wrenna-live/"
APP = ORIGIN + "/wpapp/2026/11/27/storm-wrenna-live/"
PRETTY = ORIGIN + "/wp/wp-json/"
PLAIN = ORIGIN + "/wp/?rest_route=/"
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def blog() -> DemoBlog:
    return DemoBlog()


def truth(blog: DemoBlog) -> dict[str, Entry]:
    """The demo's entries under the ids the plugin gives them."""
    return {str(wp_entry_id(p.id)): p.entry for p in blog.posts_newest_first()}


def assert_read(parsed: Snapshot | list[Entry], blog: DemoBlog, ids: list[str]) -> None:
    """The entries read are exactly *ids*, each as the demo holds it (no pins or summaries)."""
    entries = parsed.entries if isinstance(parsed, Snapshot) else parsed
    got = {e.id: e for e in entries}
    assert sorted(got) == sorted(ids)
    want = truth(blog)
    for entry_id in ids:
        assert_same_entry(got[entry_id], want[entry_id], flags=False, pinned=False)
        assert got[entry_id].key_event == want[entry_id].key_event, entry_id
        assert got[entry_id].url.endswith(f"#{entry_id}")


def ids_of(blog: DemoBlog) -> list[str]:
    return list(truth(blog))


def anchor(blog: DemoBlog) -> str:
    newest = blog.posts_newest_first()[0]
    return f"{wp_entry_id(newest.id)}-{int(newest.entry.published.timestamp())}"


def rest(kind: str, blog: DemoBlog, page: int = 1) -> str:
    base = f"{PRETTY}liveblog/v1/{wp_post_id(blog)}/"
    if kind == "paged":
        return f"{base}get-entries/{page}/{anchor(blog)}"
    return f"{base}get-key-events/{anchor(blog)}"


def state_of(snapshot: Snapshot, cursor: str | None = None) -> FollowState:
    return FollowState(
        source="wpliveblog",
        live=snapshot.live,
        cursor=cursor,
        source_data=dict(snapshot.source_data or {}),
    )


# -- registration and detection ---------------------------------------------------------


def test_registered_between_the_guardian_and_schema_org() -> None:
    names = [s.name for s in liveread.sources.registered()]
    assert names.index("guardian") < names.index("wpliveblog") < names.index("schemaorg")


def test_the_page_the_app_page_and_the_answers_are_recognised(blog: DemoBlog) -> None:
    shapes = {
        "page": (render_wp_page(blog, page_url=PAGE, rest_root=PRETTY), PAGE),
        "app": (render_wp_page(blog, page_url=APP, rest_root=PLAIN, app=True), APP),
        "paged": (json.dumps(render_wp_paged(blog, 1, anchor(blog), page_url=PAGE)), PAGE),
        "since": (json.dumps(render_wp_since(blog, 0, 2**31, page_url=PAGE)), PAGE),
        "keys": (json.dumps(render_wp_key_events(blog, page_url=PAGE)), PAGE),
    }
    for name, (content, url) in shapes.items():
        source, _ = liveread.sources.read(content, url)
        assert source.name == "wpliveblog", name


def test_other_pages_and_json_are_not_taken(blog: DemoBlog) -> None:
    from liveread.demo import render_jsonld_page, render_model, render_page

    source = WPLiveblogSource()
    for content in (
        render_page(blog, 1, ajax_url=ORIGIN),
        json.dumps(render_model(blog, 1, ajax_url=ORIGIN)),
        render_jsonld_page(blog),
        '{"entries": [], "next": 2}',
        "[]",
        "<html><body><div class='liveblog-entry'>Not the plugin's</div></body></html>",
    ):
        assert not source.detect(Document(content, PAGE))
    assert answer_kind({"entries": [{"id": "1"}], "page": 1, "pages": 1}) is None


# -- the page ----------------------------------------------------------------------------


def test_the_page_is_page_one_of_the_rest_walk(blog: DemoBlog) -> None:
    parsed = parse(render_wp_page(blog, page_url=PAGE, rest_root=PRETTY), PAGE)
    shown = ids_of(blog)[:PER_PAGE]
    assert parsed.source == "wpliveblog" and parsed.kind == "page" and parsed.live is True
    assert parsed.title == blog.title and parsed.standfirst == blog.story.standfirst
    assert list(parsed.feed_ids) == shown
    assert_read(parsed, blog, shown)
    # A full page shown: the walk goes on with REST page 2, counted from the newest entry.
    assert parsed.pages is not None and parsed.pages.current == 1
    assert parsed.pages.older == rest("paged", blog, 2)
    assert parsed.cursor is None  # the answers move it, never a page
    assert parsed.source_data == {
        "endpoint": f"{PRETTY}liveblog/v1/{wp_post_id(blog)}/",
        "rest": True,
        "latest": int(blog.posts_newest_first()[0].entry.published.timestamp()),
        "refresh": 10,
        "offset": 0.0,
    }


def test_the_react_app_page_is_a_shell_over_rest_page_one(blog: DemoBlog) -> None:
    parsed = parse(render_wp_page(blog, page_url=APP, rest_root=PLAIN, app=True), APP)
    assert parsed.entries == () and parsed.live is True
    assert parsed.pages is not None and parsed.pages.older is None
    assert parsed.feed is not None and parsed.feed.accept == "application/json"
    assert parsed.feed.url.startswith(f"{PLAIN}liveblog/v1/{wp_post_id(blog)}/get-entries/1/")
    assert parsed.source_data and parsed.source_data["endpoint"].startswith(PLAIN)


def test_an_ended_blog_is_archived(blog: DemoBlog) -> None:
    blog.end()
    for app in (False, True):
        parsed = parse(render_wp_page(blog, page_url=PAGE, rest_root=PRETTY, app=app), PAGE)
        assert parsed.live is False


def test_a_page_that_shows_every_entry_has_no_older_page() -> None:
    blog = DemoBlog.synthetic(4)
    parsed = parse(render_wp_page(blog, page_url=PAGE, rest_root=PRETTY), PAGE)
    assert len(parsed.entries) == 4 and parsed.pages is not None and parsed.pages.older is None


def test_a_page_showing_another_count_than_a_rest_page_is_a_shell_over_page_one(
    blog: DemoBlog,
) -> None:
    html = render_wp_page(blog, page_url=PAGE, rest_root=PRETTY, per_page=7)
    html = html.replace('"entries_per_page": "7"', '"entries_per_page": "10"')
    parsed = parse(html, PAGE)
    assert len(parsed.entries) == 7 and parsed.pages is not None and parsed.pages.older is None
    assert parsed.feed is not None and "/get-entries/1/" in parsed.feed.url


SETTINGS = (
    '{"post_id":"4711","state":"enable","latest_entry_id":"901","latest_entry_timestamp":'
    '"1795789500","timestamp":"1795789600","entries_per_page":"5","refresh_interval":"3",'
    '"use_rest_api":"1","endpoint_url":"https:\\/\\/news.example\\/sub\\/wp-json\\/liveblog'
    '\\/v1\\/4711\\/","class_key":"type-key"}'
)


def page_with(script: str, body: str = "", head: str = "") -> str:
    return (
        f"<!doctype html><html><head>{head}<title>Harbour strike – live</title></head>"
        f"<body class='single postid-4711'>{body}{script}</body></html>"
    )


@pytest.mark.parametrize(
    "script",
    [
        # WordPress before 6.3: a CDATA-wrapped text/javascript script.
        "<script type='text/javascript'>\n/* <![CDATA[ */\nvar liveblog_settings = "
        + SETTINGS
        + ";\n/* ]]> */\n</script>",
        # 6.3 on: an id'd script, the object on one line.
        "<script id='liveblog-js-extra'>var liveblog_settings = " + SETTINGS + ";</script>",
        # A theme that minifies and adds a trailing comma the JSON reader must forgive.
        "<script>var liveblog_settings={" + SETTINGS[1:-1] + ",};var other=1;</script>",
    ],
    ids=["cdata", "wp63", "minified"],
)
def test_settings_written_every_way_are_read(script: str) -> None:
    html = page_with(script, "<div id='wpcom-liveblog-container' class='4711'></div>")
    now = datetime.fromtimestamp(1795789590, timezone.utc)
    from liveread.sources.wpliveblog import parse_html

    parsed = parse_html(
        liveread.sources.Document(html, "https://news.example/sub/x/").tree,
        "https://news.example/sub/x/",
        now=now,
    )
    assert parsed.source_data == {
        "endpoint": "https://news.example/sub/wp-json/liveblog/v1/4711/",
        "rest": True,
        "latest": 1795789500,
        "refresh": 3,
        "offset": 10.0,  # the server's clock runs ten seconds ahead of ours
    }
    assert parsed.feed is not None and parsed.feed.url == (
        "https://news.example/sub/wp-json/liveblog/v1/4711/get-entries/1/901-1795789500"
    )


def test_an_http_endpoint_on_an_https_page_is_asked_over_https() -> None:
    http = SETTINGS.replace("https:\\/\\/news.example", "http:\\/\\/news.example")
    assert http != SETTINGS
    script = "<script>var liveblog_settings = " + http + ";</script>"
    html = page_with(script, "<div id='wpcom-liveblog-container' class='4711'></div>")
    parsed = parse(html, "https://news.example/sub/x/")
    assert parsed.source_data and parsed.source_data["endpoint"].startswith("https://news.example/")


def test_without_settings_the_rest_root_and_post_id_come_from_wordpress() -> None:
    body = (
        "<div id='liveblog-entries'><div id='liveblog-entry-77' class='liveblog liveblog-entry"
        " type-key' data-timestamp='1795789000'><header class='liveblog-meta'><span "
        "class='liveblog-author-name'><a href='/author/a'>Ana Reis</a></span></header>"
        "<div class='liveblog-entry-text'><p>Cranes stand still.</p></div></div></div>"
    )
    head = "<link rel='https://api.w.org/' href='https://news.example/?rest_route=/' />"
    parsed = parse(page_with("", body, head), "https://news.example/?p=4711")
    (entry,) = parsed.entries
    assert (entry.id, entry.authors, entry.text, entry.key_event) == (
        "77",
        ("Ana Reis",),
        "Cranes stand still.",
        True,
    )
    assert entry.published == datetime.fromtimestamp(1795789000, timezone.utc)
    assert parsed.source_data and parsed.source_data["endpoint"] == (
        "https://news.example/?rest_route=/liveblog/v1/4711/"
    )
    assert parsed.live is None  # no settings: the page does not say


def test_the_legacy_endpoint_is_polled_but_has_no_pages() -> None:
    legacy = SETTINGS.replace('"use_rest_api":"1"', '"use_rest_api":""').replace(
        "https:\\/\\/news.example\\/sub\\/wp-json\\/liveblog\\/v1\\/4711\\/",
        "https:\\/\\/news.example\\/2031\\/03\\/04\\/strike\\/liveblog\\/",
    )
    html = page_with(
        "<script>var liveblog_settings = " + legacy + ";</script>",
        "<div id='wpcom-liveblog-container' class='4711'></div>",
    )
    parsed = parse(html, "https://news.example/2031/03/04/strike/")
    assert parsed.pages is not None and parsed.pages.older is None
    source = WPLiveblogSource()
    source.clock = lambda: datetime.fromtimestamp(1795789604, timezone.utc)
    request = source.update_request(state_of(parsed))
    assert request is not None
    assert request.url == "https://news.example/2031/03/04/strike/liveblog/1795789501/1795789605/"


def test_markers_without_entries_or_endpoint_are_a_changed_layout() -> None:
    with pytest.raises(LayoutChanged):
        parse(page_with("", "<div id='wpcom-liveblog-container'></div>"), "https://x.test/p/")
    with pytest.raises(LayoutChanged):
        parse(
            page_with("", "<div id='liveblog-entries'><div class='liveblog-entry'>?</div></div>"),
            "https://x.test/p/",
        )
    with pytest.raises(NotALiveBlog):
        parse(page_with(""), "https://x.test/p/")


# -- the REST answers ----------------------------------------------------------------------


@pytest.fixture(params=[0, 30], ids=["at-start", "after-30-steps"])
def grown(request: pytest.FixtureRequest) -> DemoBlog:
    blog = DemoBlog()
    blog.advance(request.param)
    return blog


def test_every_rest_page_round_trips_and_the_walk_reads_the_whole_blog(grown: DemoBlog) -> None:
    order = ids_of(grown)
    seen: list[str] = []
    url: str | None = rest("paged", grown, 1)
    pages = 0
    while url is not None:
        number = int(re.search(r"get-entries/(\d+)/", url).group(1))  # type: ignore[union-attr]
        answer = render_wp_paged(grown, number, anchor(grown), page_url=PAGE)
        parsed = parse(json.dumps(answer), url)
        pages += 1
        assert parsed.kind == "page" and parsed.pages is not None
        assert parsed.pages.current == number  # only the true page 1 is the blog's first page
        assert parsed.authoritative == (number == 1)
        chunk = order[(number - 1) * PER_PAGE : number * PER_PAGE]
        assert list(parsed.feed_ids) == chunk
        assert_read(parsed, grown, chunk)
        seen += chunk
        url = parsed.pages.older
    assert seen == order and pages == -(-len(order) // PER_PAGE)


def test_pages_are_counted_from_the_anchor_while_entries_arrive(blog: DemoBlog) -> None:
    before = anchor(blog)
    page_two = [e["id"] for e in render_wp_paged(blog, 2, before, page_url=PAGE)["entries"]]
    blog.advance(3)  # three new entries: page 2 counted from the old anchor stays put
    again = [e["id"] for e in render_wp_paged(blog, 2, before, page_url=PAGE)["entries"]]
    assert again == page_two
    unknown = [e["id"] for e in render_wp_paged(blog, 1, "1-1", page_url=PAGE)["entries"]]
    assert unknown == ids_of(blog)[:PER_PAGE]  # an anchor naming no entry: from the newest


def test_the_since_answer_reports_new_edited_deleted_and_key_entries(blog: DemoBlog) -> None:
    start = int(blog.now.timestamp()) + 1
    gone = blog.posts_newest_first()[7].id
    edited = blog.posts_newest_first()[9].id
    keyed = blog.posts_newest_first()[11].id
    at = blog.now
    fresh = blog.publish(blog.new_entry("Pumps arrive", "Six pumps.", at=at + timedelta(seconds=5)))
    blog.edit(edited, "Corrected: the barrier held.", at=at + timedelta(seconds=10))
    blog.remove(gone, at=at + timedelta(seconds=15))
    blog.set_key_event(keyed, at=at + timedelta(seconds=20))
    end = start + 60
    answer = render_wp_since(blog, start, end, page_url=PAGE)
    assert [e["type"] for e in answer["entries"]] == ["new", "update", "delete", "update"]
    parsed = parse(json.dumps(answer), PAGE)
    assert parsed.kind == "update"
    ids = {str(wp_entry_id(i)) for i in (fresh.id, edited, keyed)}
    assert_read(parsed, blog, sorted(ids))
    assert parsed.removed_ids == (str(wp_entry_id(gone)),)
    by_id = {e.id: e for e in parsed.entries}
    corrected = by_id[str(wp_entry_id(edited))]
    assert corrected.text == "Corrected: the barrier held."
    assert corrected.updated == (at + timedelta(seconds=10)).replace(microsecond=0)
    assert by_id[str(wp_entry_id(keyed))].key_event
    empty = render_wp_since(blog, end + 1, end + 60, page_url=PAGE)
    assert empty == {
        "entries": [],
        "latest_timestamp": None,
        "refresh_interval": 10,
        "pages": False,
    }
    assert parse(json.dumps(empty), PAGE).entries == ()


def test_the_key_events_answer_lists_every_key_event(grown: DemoBlog) -> None:
    parsed = parse(json.dumps(render_wp_key_events(grown, page_url=PAGE)), rest("keys", grown))
    keys = [i for i, e in truth(grown).items() if e.key_event]
    assert keys and parsed.key_events_complete and parsed.kind == "update"
    assert_read(parsed, grown, keys)


def test_hostile_text_leaves_no_control_characters() -> None:
    blog = hostile_blog()
    blog.advance(2)
    shapes = [
        (render_wp_page(blog, page_url=PAGE, rest_root=PRETTY), PAGE),
        (json.dumps(render_wp_paged(blog, 1, anchor(blog), page_url=PAGE)), PAGE),
        (json.dumps(render_wp_since(blog, 0, 2**31, page_url=PAGE)), PAGE),
    ]
    for content, url in shapes:
        parsed = parse(content, url)
        strings = [parsed.title, parsed.standfirst]
        for entry in parsed.entries:
            strings += [entry.id, entry.url, entry.title or "", entry.text, *entry.authors]
            strings += [s for i in entry.images for s in (i.caption, i.credit, i.url or "")]
        assert not [s for s in strings if _UNSAFE.search(s)]
    assert_read(parse(shapes[1][0], PAGE), blog, ids_of(blog)[:PER_PAGE])


# -- bodies: what WordPress puts in them ------------------------------------------------


def test_bodies_wordpress_renders() -> None:
    html = (
        '<p><span class="liveblog-command type-key">key</span> The barrier is <b>up</b>.</p>'
        '<p><a href="/wp-content/big.jpg"><img src="/wp-content/small.jpg" alt="The barrier"'
        ' class="size-medium"></a> Seen from the quay.</p>'
        '<p>Wave <img class="emoji" src="/e.svg" alt="👋"></p>'
        '<div class="wp-caption"><img data-src="/lazy.jpg" alt="x"><p class="wp-caption-text">'
        'Pumps <span class="media-credit">Photo: Ana Reis</span></p></div>'
        '<figure class="wp-block-embed is-provider-vimeo"><div class="wp-block-embed__wrapper">'
        '<iframe title="Storm clip" src="https://player.vimeo.com/video/1234?dnt=1"></iframe>'
        "</div></figure>"
        '<iframe src="https://maps.example/embed?x=1" title="Map"></iframe>'
        '<iframe src="javascript:alert(1)"></iframe>'
        '<blockquote class="twitter-tweet"><p>Stay home.</p>&mdash; Fire (@fire) '
        '<a href="https://twitter.com/fire/status/1?ref_src=x">Nov 27</a></blockquote>'
        "<blockquote><p>Quoted</p><p>words</p></blockquote>"
    )
    blocks = blocks_from_html(html, "https://news.example/live/")
    shape = [(b.kind, b.text, b.embed, b.title, b.url, b.image) for b in blocks]
    image = liveread.model.Image
    assert shape == [
        ("paragraph", "The barrier is up.", None, None, None, None),
        (
            "image",
            "",
            None,
            None,
            None,
            image("The barrier", "", "https://news.example/wp-content/small.jpg"),
        ),
        ("paragraph", "Seen from the quay.", None, None, None, None),
        ("paragraph", "Wave", None, None, None, None),
        (
            "image",
            "",
            None,
            None,
            None,
            image("Pumps", "Photo: Ana Reis", "https://news.example/lazy.jpg"),
        ),
        ("embed", "", "video", "Storm clip", "https://vimeo.com/1234", None),
        ("embed", "", "interactive", "Map", "https://maps.example/embed?x=1", None),
        ("embed", "Stay home.", "tweet", None, "https://twitter.com/fire/status/1?ref_src=x", None),
        ("quote", "Quoted\nwords", None, None, None, None),
    ]


def test_the_demo_body_carries_the_key_marker_the_reader_drops(blog: DemoBlog) -> None:
    post = next(p for p in blog.posts_newest_first() if p.entry.key_event)
    html = render_body(post)
    assert 'class="liveblog-command type-key"' in html
    assert "key" not in " ".join(b.text for b in blocks_from_html(html, PAGE)).split()[:1]


# -- the polls -----------------------------------------------------------------------------


def at(seconds: float) -> Any:
    return lambda: datetime.fromtimestamp(seconds, timezone.utc)


def test_the_poll_asks_the_window_after_the_newest_comment_like_the_frontend(
    blog: DemoBlog,
) -> None:
    page = parse(render_wp_page(blog, page_url=APP, rest_root=PLAIN, app=True), APP)
    latest = page.source_data["latest"]  # type: ignore[index]
    source = WPLiveblogSource()
    source.clock = at(latest + 24)  # rounded to the 10-s interval: the frontend's cache key
    first = source.update_request(state_of(page))
    endpoint = f"{PLAIN}liveblog/v1/{wp_post_id(blog)}/"
    assert first is not None and first.url == since_url(
        endpoint, latest + 1, (latest + 24 + 5) // 10 * 10
    )
    assert first.url.startswith(f"{PLAIN}liveblog/v1/") and first.accept == "application/json"
    # The first answer holds nothing: the cursor is set where the page said, with the window's end.
    empty = json.dumps(render_wp_since(blog, latest + 1, latest + 30, page_url=APP))
    answer = source.read_update(Document(empty, APP), state_of(page))
    end = int(first.url.rstrip("/").rsplit("/", 1)[1])
    assert answer.cursor == f"{latest}/{end}" and answer.entries == ()
    # Asked again within the interval: a window of its own (its end one second on).
    again = source.update_request(state_of(page, answer.cursor))
    assert again is not None and again.url == since_url(endpoint, latest + 1, end + 1)
    # An entry arrives: the next window starts after it.
    later = datetime.fromtimestamp(latest + 9, timezone.utc)
    blog.publish(blog.new_entry("Later", "Text.", at=later))
    fresh = json.dumps(render_wp_since(blog, latest + 1, end + 1, page_url=APP))
    moved = source.read_update(Document(fresh, APP), state_of(page, answer.cursor))
    assert [e.title for e in moved.entries] == ["Later"]
    assert moved.cursor is not None and moved.cursor.startswith(f"{latest + 9}/")
    # An older answer never moves it back.
    back = source.read_update(Document(empty, APP), state_of(page, moved.cursor))
    assert back.cursor is not None and back.cursor.startswith(f"{latest + 9}/")


def test_a_page_read_never_moves_the_cursor(blog: DemoBlog) -> None:
    page = parse(render_wp_page(blog, page_url=PAGE, rest_root=PRETTY), PAGE)
    source = WPLiveblogSource()
    source.clock = at(page.source_data["latest"] + 600)  # type: ignore[index]
    held = state_of(page, "1700000000/1700000010")
    request = source.update_request(held)
    assert request is not None and "/entries/1700000001/" in request.url


def test_no_endpoint_no_poll_and_a_page_answer_is_refused(blog: DemoBlog) -> None:
    source = WPLiveblogSource()
    assert source.update_request(FollowState(source="wpliveblog")) is None
    paged = json.dumps(render_wp_paged(blog, 1, anchor(blog), page_url=PAGE))
    with pytest.raises(LayoutChanged):
        source.read_update(Document(paged, PAGE), FollowState(source="wpliveblog"))


def test_page_config_reads_the_canonical_permalink(blog: DemoBlog) -> None:
    html = render_wp_page(blog, page_url=PAGE, rest_root=PRETTY)
    config = page_config(Document(html, PAGE + "?utm_source=x#top").tree, PAGE + "?utm_source=x")
    assert config.permalink == PAGE and config.post_id == str(wp_post_id(blog))
    assert config.per_page == PER_PAGE and config.state == "enable"


@pytest.mark.parametrize("hostile", [False, True], ids=["story", "hostile"])
def test_the_page_and_the_rest_answers_agree_on_every_entry(hostile: bool) -> None:
    """A page re-read and a REST answer must never disagree (that would be a false edit)."""
    blog = hostile_blog() if hostile else DemoBlog()
    blog.advance(6)
    page = parse(render_wp_page(blog, page_url=PAGE, rest_root=PRETTY), PAGE)
    paged = parse(json.dumps(render_wp_paged(blog, 1, anchor(blog), page_url=PAGE)), PAGE)
    since = parse(json.dumps(render_wp_since(blog, 0, 2**31, page_url=PAGE)), PAGE)
    by_id = {e.id: e for e in paged.entries}
    assert [e.id for e in page.entries] == [e.id for e in paged.entries]
    for entry in page.entries:
        for other in (by_id[entry.id], next(e for e in since.entries if e.id == entry.id)):
            assert (entry.content_hash, entry.authors, entry.key_event, entry.url) == (
                other.content_hash,
                other.authors,
                other.key_event,
                other.url,
            ), entry.id


def test_a_gallery_is_every_photo_with_its_caption() -> None:
    html = (
        '<figure class="wp-block-gallery has-nested-images">'
        '<figure class="wp-block-image"><img src="/a.jpg" alt=""><figcaption>One</figcaption>'
        '</figure><figure class="wp-block-image"><img src="/b.jpg" alt="Two"></figure></figure>'
    )
    images = [b.image for b in blocks_from_html(html, "https://news.example/live/")]
    assert images == [
        liveread.model.Image("One", "", "https://news.example/a.jpg"),
        liveread.model.Image("Two", "", "https://news.example/b.jpg"),
    ]


# -- the demo server's WordPress routes ----------------------------------------------------


def test_the_demo_server_answers_the_plugin_routes_as_wordpress_does(
    demo_server: liveread.demo.server.DemoServer,
) -> None:
    import httpx

    server = demo_server
    post = wp_post_id(server.blog)
    newest = anchor(server.blog)
    pretty = f"{server.wp_rest_root}liveblog/v1/{post}/"
    plain = f"{server.wp_plain_rest_root}liveblog/v1/{post}/"
    for base in (pretty, plain):
        paged = httpx.get(f"{base}get-entries/1/{newest}")
        assert paged.status_code == 200 and "etag" not in paged.headers
        assert paged.headers["cache-control"].startswith("no-cache")
        assert json.loads(paged.content)["page"] == 1
        since = httpx.get(f"{base}entries/0/1/")
        assert json.loads(since.content)["entries"] == []
        keys = httpx.get(f"{base}get-key-events/{newest}")
        assert all(e["key_event"] for e in json.loads(keys.content))
    wrong = httpx.get(f"{server.wp_rest_root}liveblog/v1/{post + 1}/entries/0/1/")
    assert (
        wrong.status_code == 404 and json.loads(wrong.content)["code"] == "rest_liveblog_not_found"
    )
    assert httpx.get(f"{pretty}nothing").status_code == 404
    index = httpx.get(server.origin + "/").text
    assert server.wp_url in index and server.wp_app_url in index
