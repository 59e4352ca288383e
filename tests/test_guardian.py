"""The Guardian adapter: real corpus files against expected.json, and invented pages.

The corpus (the publishers' text) is only read at run time. The fixtures under
``tests/fixtures/guardian/`` are invented text in the markup the site's
renderer (guardian/dotcom-rendering) emits: a live page with a pinned post,
two key-event carousels, ad slots, a tweet, a YouTube island, a rich link, an
image with caption and credit, pagination and the Liveness island; a page of
an ended blog; bare update markup; a page whose entries cannot be found; and a
page carrying hostile text (``@@EVIL@@`` / ``@@EVILJSON@@`` are replaced here).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from liveread.errors import LayoutChanged
from liveread.model import Entry, Snapshot
from liveread.sources import guardian
from liveread.sources._html import DROP_TAGS
from liveread.sources.guardian._entries import bare_id, entry_from_article, entry_from_block
from liveread.sources.guardian._markup import OVERRIDDEN_TAGS, _override

FIXTURES = Path(__file__).parent / "fixtures" / "guardian"
BLOG = "https://www.theguardian.com/uk-news/live/2024/mar/13/riverside-bridge-reopening-live"
LOCAL = "http://127.0.0.1:8765/uk-news/live/2024/mar/13/riverside-bridge-reopening-live"
ELEMENT = "model.dotcomrendering.pageElements."
#: The Guardian corpus files and the kind of Snapshot each must give.
CORPUS_FILES = {
    "guardian/dcr-liveblog-mars-perseverance-2021-page1.json": "page",
    "guardian/dcr-liveblog-politics-pmqs-2023-12-13-page1-pinned.json": "page",
    "guardian/live-update-response-us-politics-2024-01-08.json": "update",
    "guardian/live-update-response-us-politics-2024-01-08.html": "update",
}
# Ids in the fixtures (24-hex, invented).
NEWEST, KEY, PINNED, VIDEO, UNKNOWN, SUMMARY = (
    "65f1a0000000000000000a01",
    "65f19c000000000000000b02",
    "65f198000000000000000c03",
    "65f194000000000000000d04",
    "65f190000000000000000e05",
    "65f180000000000000000f06",
)
#: Characters no string read from a page may keep (C0 but tab/newline, DEL, C1, bidi).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EVIL = (
    "\x1b]0;pwned\x07 \x1b]8;;http://evil.test/\x1b\\link\x1b]8;;\x1b\\ "
    "\x1b]52;c;ZXZpbA==\x07 \x1b[2J \x9b31m \u202e [/ [@click=app.quit]x[/]"
)
EVIL_REFS = "&#27;]0;t&#7; &#x9b;2J &#x202e; &#155; [/ [@click=app.quit]x[/]"
LITERAL = "[@click=app.quit]x[/]"


# --- helpers ----------------------------------------------------------------------------


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse_page(text: str, url: str = BLOG) -> Snapshot:
    return guardian.parse_html(LexborHTMLParser(text), url)


def registry_parse() -> Callable[..., Snapshot]:
    """``liveread.parse``, or a skip when the registry cannot be imported yet."""
    try:
        from liveread.sources import parse
    except ImportError as exc:  # another adapter of the registry may not exist yet
        pytest.skip(f"the adapter registry is not importable: {exc}")
    return parse


def adapter_parse(content: bytes, url: str) -> Snapshot:
    """Dispatch to the Guardian adapter the way the registry does, without it."""
    text = content.decode("utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        if guardian.is_poll(data):
            return guardian.parse_poll(data, url)
        assert guardian.is_model(data)
        return guardian.parse_model(data, url)
    tree = LexborHTMLParser(text)
    assert guardian.detect_html(tree)
    return guardian.parse_html(tree, url)


def by_id(blog: Snapshot) -> dict[str, Entry]:
    return {entry.id: entry for entry in blog.entries}


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def blog_strings(blog: Snapshot) -> list[str]:
    extra = [dict(blog.source_data or {}), blog.cursor, list(blog.feed_ids)]
    return list(strings([blog.to_dict(), extra]))


def is_subsequence(needles: list[Any], haystack: list[Any]) -> bool:
    items = iter(haystack)
    return all(any(needle == item for item in items) for needle in needles)


def assert_captions(blog: Snapshot, wanted: list[tuple[str, str]]) -> None:
    """Each wanted (caption, credit) is an image of the blog, in body order within its entry.

    expected.json lists them in the source's own order (key events before the
    feed); across entries that order means nothing once entries are sorted.
    """
    for entry in blog.entries:
        pairs = [(image.caption, image.credit) for image in entry.images]
        assert all(image.url for image in entry.images)
        assert is_subsequence([pair for pair in wanted if pair in pairs], pairs)
    found = {(image.caption, image.credit) for entry in blog.entries for image in entry.images}
    assert set(wanted) <= found, sorted(found)


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp() * 1000)


# --- the real corpus --------------------------------------------------------------------


@pytest.mark.parametrize("via", ["adapter", "registry"])
@pytest.mark.parametrize("name", list(CORPUS_FILES))
def test_corpus_matches_expected(
    name: str, via: str, corpus: Path, expected: dict[str, Any]
) -> None:
    spec = expected[name]
    parse = registry_parse() if via == "registry" else adapter_parse
    blog = parse((corpus / name).read_bytes(), spec["url"])

    assert blog.source == "guardian"
    assert blog.url == spec["url"]
    assert len(blog.entries) == spec["entries"]
    assert len({entry.id for entry in blog.entries}) == len(blog.entries)
    if "title" in spec:
        assert blog.title == spec["title"]
    if "key_events" in spec:
        assert len(blog.key_events) == spec["key_events"]
        assert blog.key_events_complete
    if "pinned" in spec:
        pinned = blog.pinned
        assert (pinned.id if pinned else None) == spec["pinned"]
        assert sum(entry.pinned for entry in blog.entries) == (1 if spec["pinned"] else 0)
        if spec.get("pinned_title"):
            assert pinned is not None and pinned.title == spec["pinned_title"]
    for end, entry in (("newest", blog.entries[0]), ("oldest", blog.entries[-1])):
        assert_end(entry, spec.get(end) or {}, spec["url"])
    if "captions" in spec:
        assert_captions(blog, [(c["caption"], c["credit"]) for c in spec["captions"]])
    if "main_image" in spec:
        assert blog.main_image is not None
        assert blog.main_image.caption == spec["main_image"]["caption"]
        assert blog.main_image.credit == spec["main_image"]["credit"]
    if "pages_total" in spec:
        assert blog.pages is not None and blog.pages.total == spec["pages_total"]
        assert blog.pages.older and blog.pages.older.startswith(spec["url"] + "?page=with:block-")
    if "older_page" in spec:
        assert blog.pages is not None and blog.pages.older is not None
        assert blog.pages.older.endswith(spec["older_page"])
    for name_ in spec.get("authors_include", []):
        assert any(name_ in entry.authors for entry in blog.entries)
    if "most_recent_block" in spec:
        assert blog.cursor == spec["most_recent_block"].removeprefix("block-")
    for text in spec.get("text_includes", []):
        assert any(text in entry.text for entry in blog.entries)
    assert blog.kind == CORPUS_FILES[name]
    if blog.kind == "update":
        assert blog.title == "" and blog.pages is None
    else:
        assert blog.kind == "page" and set(blog.feed_ids) <= {e.id for e in blog.entries}
    assert not any(UNSAFE.search(s) for s in blog_strings(blog))
    assert_embeds_stay_embeds(blog)


def assert_end(entry: Entry, want: dict[str, Any], url: str) -> None:
    """The newest or oldest entry against its expectation (only the fields given)."""
    if "id" in want:
        assert entry.id == want["id"]
        assert entry.url == f"{url}?page=with:block-{entry.id}#block-{entry.id}"
    if "published" in want:
        assert entry.published.strftime("%Y-%m-%dT%H:%M:%SZ") == want["published"]
    if "title" in want:
        assert entry.title == want["title"]
    if "summary" in want:
        assert entry.summary is want["summary"]


def assert_embeds_stay_embeds(blog: Snapshot) -> None:
    """A tweet's text is one embed block: never an entry paragraph, never twice.

    (An editor may still quote a tweet in a quote block of their own.)
    """
    for entry in blog.entries:
        paragraphs = [b.text for b in entry.body if b.kind in ("paragraph", "list_item")]
        embeds = [b.text for b in entry.body if b.kind == "embed"]
        for block in entry.body:
            if block.kind == "embed" and block.embed == "tweet" and block.text:
                first_line = block.text.split("\n")[0]
                assert not any(first_line in text for text in paragraphs)
                assert sum(first_line in text for text in embeds) == embeds.count(block.text)


def test_corpus_poll_answer_tweets_are_embeds(corpus: Path, expected: dict[str, Any]) -> None:
    name = "guardian/live-update-response-us-politics-2024-01-08.json"
    blog = adapter_parse((corpus / name).read_bytes(), expected[name]["url"])
    (entry,) = blog.entries
    tweets = [b for b in entry.body if b.kind == "embed" and b.embed == "tweet"]
    assert tweets and all(t.text and t.title and t.url for t in tweets)
    assert all(t.url and "/status/" in t.url and "?" not in t.url for t in tweets)


def test_corpus_model_and_markup_agree_on_the_poll_entry(
    corpus: Path, expected: dict[str, Any]
) -> None:
    base = "guardian/live-update-response-us-politics-2024-01-08"
    url = expected[base + ".json"]["url"]
    from_json = adapter_parse((corpus / (base + ".json")).read_bytes(), url)
    from_html = adapter_parse((corpus / (base + ".html")).read_bytes(), url)
    assert [e.to_dict() for e in from_json.entries] == [e.to_dict() for e in from_html.entries]


def test_corpus_model_images_use_largest_rendition(corpus: Path) -> None:
    data = json.loads((corpus / next(iter(CORPUS_FILES))).read_text(encoding="utf-8"))
    blog = guardian.parse_model(data, "https://example.test/a/b.json?dcr=true")
    assert blog.url == "https://example.test/a/b"
    urls = [image.url for entry in blog.entries for image in entry.images]
    assert urls and all(url and "/master/" not in url for url in urls)


# --- a live page ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live() -> Snapshot:
    return parse_page(fixture("live_page.html"), LOCAL + "?page=with:block-x#liveblog-navigation")


def test_live_page_blog_fields(live: Snapshot) -> None:
    assert live.url == LOCAL
    assert live.title == "Riverside bridge reopens to traffic after two-year repair – live"
    assert live.standfirst.startswith("Council leaders and engineers gather")
    assert live.source == "guardian" and live.kind == "page"
    assert live.live is True
    assert live.source_data == {
        "ajax_url": "https://api.nextgen.guardianapps.co.uk",
        "page_id": "uk-news/live/2024/mar/13/riverside-bridge-reopening-live",
    }
    assert live.cursor == NEWEST
    assert live.main_image is not None
    assert live.main_image.caption == "The Riverside bridge at dawn on reopening day."
    assert live.main_image.credit == "Photograph: Lena Ortiz/Riverside Press"
    assert live.main_image.url == (
        "https://media.guim.co.uk/99887766554433221100ffeeddccbbaa99887766/0_120_4000_2400/4000.jpg"
    )


def test_live_page_pagination(live: Snapshot) -> None:
    assert live.pages is not None
    assert (live.pages.current, live.pages.total) == (1, 3)
    assert live.pages.newest is None and live.pages.newer is None
    assert live.pages.older == LOCAL + "?page=with:block-65f18c000000000000000f07"
    assert live.pages.oldest == LOCAL + "?page=with:block-65f170000000000000000f08"


def test_live_page_feed_pinned_and_key_events(live: Snapshot) -> None:
    assert live.feed_ids == (NEWEST, KEY, PINNED, VIDEO, UNKNOWN)
    assert [e.id for e in live.entries] == [NEWEST, KEY, PINNED, VIDEO, UNKNOWN, SUMMARY]
    assert live.key_events_complete
    entries = by_id(live)
    # Pinned once, on the feed's copy, which is also a key event (from the carousel).
    assert [e.id for e in live.entries if e.pinned] == [PINNED]
    assert entries[PINNED].key_event and not entries[PINNED].summary
    assert entries[KEY].key_event and not entries[KEY].summary
    # Carousels are rendered twice; the summary not in this page's feed comes once, from them.
    assert entries[SUMMARY].summary and not entries[SUMMARY].key_event
    assert [b.kind for b in entries[SUMMARY].body] == ["list_item", "list_item"]
    assert {e.id for e in live.key_events} == {KEY, PINNED, SUMMARY}
    assert not entries[NEWEST].is_key


def test_live_page_entry_header_and_footer(live: Snapshot) -> None:
    entry = by_id(live)[NEWEST]
    assert entry.title == "First cyclists cross"
    assert entry.published == datetime(2024, 3, 13, 14, 40, tzinfo=timezone.utc)
    assert entry.updated == datetime(2024, 3, 13, 14, 52, tzinfo=timezone.utc)
    assert entry.authors == ("Mara Quill", "Tobias Fenn")
    assert entry.url == f"{LOCAL}?page=with:block-{NEWEST}#block-{NEWEST}"
    assert by_id(live)[VIDEO].title is None and by_id(live)[VIDEO].updated is None


def test_live_page_chrome_is_not_content(live: Snapshot) -> None:
    text = "\n".join(entry.text for entry in live.entries)
    for chrome in (
        "Advertisement",
        "Updated at",
        "2h ago",
        "14.40",
        "GMT",
        "Share",
        "Read more",
        "View image",
        "Play Video",
        "Key events",
        "Show key events",
    ):
        assert chrome not in text


def test_live_page_tweet_is_one_embed(live: Snapshot) -> None:
    entry = by_id(live)[NEWEST]
    assert [b.kind for b in entry.body] == ["paragraph", "embed", "paragraph"]
    tweet = entry.body[1]
    assert tweet.embed == "tweet"
    assert tweet.title == "Harbour Cycling Club (@harbourcyclists)"
    assert tweet.url == "https://twitter.com/harbourcyclists/status/1768000000000000001"
    assert tweet.text.startswith("First ones over!") and "\n" in tweet.text
    assert (
        entry.body[2].text == "The club’s chair said members had waited two years for this morning."
    )
    assert_embeds_stay_embeds(live)


def test_live_page_image_list_video_quote_link(live: Snapshot) -> None:
    key = by_id(live)[KEY]
    assert [b.kind for b in key.body] == ["image", "paragraph", "list_item", "list_item"]
    (image,) = key.images
    assert image.caption == "Engineers walk the deck after the load test."
    assert image.credit == "Photograph: Ada Brook/Riverside Press"
    assert image.url == (
        "https://media.guim.co.uk/aa11bb22cc33dd44ee55ff6677889900aabbccdd/0_0_3000_2000/3000.jpg"
    )
    video = by_id(live)[VIDEO].body
    assert [(b.kind, b.embed) for b in video] == [
        ("paragraph", None),
        ("embed", "video"),
        ("quote", None),
        ("embed", "link"),
    ]
    assert video[1].title == "Drone footage of the bridge repair – video"
    assert video[1].url == "https://www.youtube.com/watch?v=Xy12_abC-90"
    assert video[2].text.startswith("We were told it would take a year.")
    assert video[3].title == "Why the Riverside bridge closed in the first place"
    assert video[3].url == "https://www.theguardian.com/uk-news/2022/apr/02/riverside-bridge-closed"


def test_unknown_element_becomes_a_placeholder(live: Snapshot) -> None:
    body = by_id(live)[UNKNOWN].body
    assert body[-1].kind == "embed" and body[-1].embed == "other"
    assert body[-1].title == "HologramBlockElement"
    assert "Holographic" not in by_id(live)[UNKNOWN].text


def test_feed_and_carousel_copies_have_the_same_content(live: Snapshot) -> None:
    dead = parse_page(fixture("dead_page.html"), LOCAL)
    # KEY is read from the live page's feed (markup) and the dead page's carousel (JSON).
    assert KEY not in dead.feed_ids and KEY in live.feed_ids
    assert by_id(dead)[KEY].content_hash == by_id(live)[KEY].content_hash
    assert by_id(dead)[KEY].to_dict() == by_id(live)[KEY].to_dict()


def test_markup_and_json_read_embeds_alike(live: Snapshot) -> None:
    block = {
        "id": VIDEO,
        "blockFirstPublished": ms("2024-03-13T13:10:00"),
        "blockLastUpdated": ms("2024-03-13T13:09:59"),
        "attributes": {"keyEvent": False, "summary": False, "pinned": False},
        "contributors": [{"name": "Tobias Fenn"}],
        "elements": [
            {
                "_type": ELEMENT + "TextBlockElement",
                "html": "<p>Here is how the repair looked from the air last summer:</p>",
            },
            {
                "_type": ELEMENT + "YoutubeBlockElement",
                "assetId": "Xy12_abC-90",
                "mediaTitle": "Drone footage of the bridge repair – video",
            },
            {
                "_type": ELEMENT + "BlockquoteBlockElement",
                "html": '<blockquote class="quoted"><p>We were told it would take a year. '
                "It took two, but it was done properly.</p></blockquote>",
            },
            {
                "_type": ELEMENT + "RichLinkBlockElement",
                "prefix": "Related: ",
                "text": "Why the Riverside bridge closed in the first place",
                "url": "https://www.theguardian.com/uk-news/2022/apr/02/riverside-bridge-closed",
            },
        ],
    }
    entry = entry_from_block(block, LOCAL)
    assert entry is not None
    assert entry.to_dict() == by_id(live)[VIDEO].to_dict()


def without_pinned_original(page: str) -> str:
    """The live fixture with the pinned post's original and both carousels taken out."""
    page = re.sub(rf'<article id="block-{PINNED}".*?</article>\n', "", page, flags=re.S)
    return re.sub(r'<gu-island name="KeyEventsCarousel".*?</gu-island>', "", page, flags=re.S)


def test_pinned_copy_alone_takes_its_time_from_the_pinned_box() -> None:
    blog = parse_page(without_pinned_original(fixture("live_page.html")))
    assert PINNED not in blog.feed_ids and not blog.key_events_complete
    pinned = blog.pinned
    assert pinned is not None and pinned.id == PINNED
    assert pinned.published == datetime(2024, 3, 13, 13, 30, tzinfo=timezone.utc)
    assert pinned.title == "Welcome to the bridge live blog" and not pinned.key_event
    assert pinned.url == f"{BLOG}?page=with:block-{PINNED}#block-{PINNED}"


def test_pinned_copy_without_any_time_falls_back_to_its_id() -> None:
    page = without_pinned_original(fixture("live_page.html"))
    page = re.sub(r'<div class="dcr-ta">.*?</gu-island>\s*</div>', "", page, flags=re.S)
    pinned = parse_page(page).pinned
    assert pinned is not None
    # An ObjectId's first four bytes are its creation time.
    assert pinned.published == datetime.fromtimestamp(int(PINNED[:8], 16), timezone.utc)


def test_a_pinned_copy_with_an_id_is_not_part_of_the_feed(live: Snapshot) -> None:
    page = fixture("live_page.html").replace(
        '<article class="block', f'<article id="block-{PINNED}" class="block', 1
    )
    blog = parse_page(page, LOCAL)
    assert blog.feed_ids == live.feed_ids
    assert [e.to_dict() for e in blog.entries] == [e.to_dict() for e in live.entries]


# --- an ended blog, page 2 --------------------------------------------------------------


def test_dead_page() -> None:
    blog = parse_page(fixture("dead_page.html"), LOCAL)
    assert blog.live is False and blog.source_data == {} and blog.kind == "page"
    assert blog.title.endswith("as it happened")
    assert blog.main_image is None
    assert blog.pages is not None
    assert (blog.pages.current, blog.pages.total) == (2, 3)
    assert blog.pages.newest == blog.pages.newer == f"{LOCAL}?page=with:block-{NEWEST}"
    assert (
        blog.pages.older == blog.pages.oldest == LOCAL + "?page=with:block-65f170000000000000000f08"
    )
    assert blog.feed_ids == ("65f188000000000000000a10", "65f186000000000000000a11")
    entries = by_id(blog)
    # No #pinned-post on page 2: the original is known by its link to the pinned copy.
    assert [e.id for e in blog.entries if e.pinned] == ["65f186000000000000000a11"]
    first = entries["65f188000000000000000a10"]
    assert first.published == datetime(2024, 3, 13, 11, 40, tzinfo=timezone.utc)
    # A tweet rendered without its island (the enhanceTweets switch off).
    assert [(b.kind, b.embed) for b in first.body] == [("paragraph", None), ("embed", "tweet")]
    assert first.body[1].title == "Riverside Residents (@riversideres)"
    assert {e.id for e in blog.key_events} == {KEY, SUMMARY}


# --- bare update markup and poll answers ------------------------------------------------


def test_bare_update_markup_is_an_update() -> None:
    tree = LexborHTMLParser(fixture("update_markup.html"))
    assert guardian.detect_html(tree)
    blog = guardian.parse_html(tree, LOCAL)
    assert blog.kind == "update" and blog.title == "" and blog.live is None
    assert blog.pages is None and blog.source_data is None and blog.main_image is None
    assert blog.feed_ids == ("65f1a4000000000000000a20", "65f1a2000000000000000a21")
    assert [e.id for e in blog.entries] == list(blog.feed_ids)
    newest = blog.entries[0]
    assert newest.title == "Ferry makes its final crossing" and newest.authors == ("Mara Quill",)
    assert [b.embed for b in newest.body] == [None, "tweet"]


def test_poll_answer() -> None:
    data = {
        "numNewBlocks": 2,
        "mostRecentBlockId": "block-65f1a4000000000000000a20",
        "html": fixture("update_markup.html"),
    }
    assert guardian.is_poll(data) and not guardian.is_model(data)
    blog = guardian.parse_poll(data, LOCAL + ".json?lastUpdate=block-x&isLivePage=true")
    assert blog.kind == "update" and blog.url == LOCAL and blog.title == ""
    assert len(blog.entries) == 2
    assert blog.cursor == "65f1a4000000000000000a20"
    assert blog.source_data is None  # the endpoint is the page's to name


def test_poll_answer_with_nothing_new() -> None:
    blog = guardian.parse_poll({"numNewBlocks": 0, "html": ""}, LOCAL)
    assert blog.entries == () and blog.cursor is None and blog.kind == "update"


def test_poll_answer_announcing_blocks_it_lacks_is_a_layout_change() -> None:
    with pytest.raises(LayoutChanged, match="Guardian"):
        guardian.parse_poll({"numNewBlocks": 3, "html": "<div class='new-thing'>x</div>"}, LOCAL)


# --- layout changes and empty blogs -----------------------------------------------------


def test_markers_without_entries_is_a_layout_change() -> None:
    tree = LexborHTMLParser(fixture("no_entries.html"))
    assert guardian.detect_html(tree)
    with pytest.raises(LayoutChanged, match=r"the Guardian page .*markup may have changed"):
        guardian.parse_html(tree, LOCAL)


def test_feed_blocks_without_times_are_a_layout_change() -> None:
    page = re.sub(r"<time[^>]*>.*?</time>", "", fixture("update_markup.html"), flags=re.S)
    page = page.replace('name="RelativeTime"', 'name="SomethingElse"')
    tree = LexborHTMLParser(page)
    assert guardian.detect_html(tree)
    with pytest.raises(LayoutChanged, match="Guardian"):
        guardian.parse_html(tree, LOCAL)


def test_liveness_without_liveblog_body_is_a_layout_change() -> None:
    page = '<main><gu-island name="Liveness" props="{}"></gu-island><p>hello</p></main>'
    with pytest.raises(LayoutChanged):
        parse_page(page)


def test_live_blog_without_entries_yet_is_empty() -> None:
    props = html.escape(
        json.dumps(
            {"pageId": "a/live/b", "ajaxUrl": "https://api.example.test", "mostRecentBlockId": ""}
        )
    )
    page = (
        f'<main><h1>Coming up</h1><gu-island name="Liveness" props="{props}"></gu-island>'
        '<div id="liveblog-body" class="js-liveblog-body"><div id="top-of-blog"></div></div></main>'
    )
    blog = parse_page(page, "https://example.test/a/live/b")
    assert blog.entries == () and blog.live is True and blog.title == "Coming up"
    assert blog.source_data == {"ajax_url": "https://api.example.test", "page_id": "a/live/b"}
    assert blog.cursor is None


def test_model_layout_change_and_empty_live_model() -> None:
    dead = {"pageId": "a/b", "blocks": [], "format": {"design": "DeadBlogDesign"}}
    with pytest.raises(LayoutChanged):
        guardian.parse_model(dead, "https://example.test/a/b.json")
    broken = {"pageId": "a/b", "blocks": [{"no": "id"}], "format": {"design": "LiveBlogDesign"}}
    with pytest.raises(LayoutChanged):
        guardian.parse_model(broken, "https://example.test/a/b.json")
    empty = {"pageId": "a/b", "blocks": [], "format": {"design": "LiveBlogDesign"}}
    blog = guardian.parse_model(empty, "https://example.test/a/b.json?dcr=true")
    assert blog.entries == () and blog.live is True
    assert blog.source_data is not None and blog.source_data["page_id"] == "a/b"


def test_detection_needs_guardian_markers() -> None:
    assert not guardian.detect_html(LexborHTMLParser('<article class="block"><p>x</p></article>'))
    assert not guardian.detect_html(LexborHTMLParser("<html><body><h1>News</h1></body></html>"))
    jsonld = '<script type="application/ld+json">{"@type": "LiveBlogPosting"}</script>'
    assert not guardian.detect_html(LexborHTMLParser(jsonld))
    assert not guardian.is_model({"@type": "LiveBlogPosting", "liveBlogUpdate": []})
    assert not guardian.is_poll({"blocks": []})


# --- the data model, unit by unit -------------------------------------------------------


def model_block(block_id: str, **extra: Any) -> dict[str, Any]:
    block = {
        "id": block_id,
        "blockFirstPublished": ms("2024-03-13T10:00:00"),
        "blockLastUpdated": ms("2024-03-13T09:59:59"),
        "attributes": {"keyEvent": False, "summary": False, "pinned": False},
        "elements": [{"_type": ELEMENT + "TextBlockElement", "html": "<p>Some text.</p>"}],
    }
    block.update(extra)
    return block


def test_model_block_times_flags_and_elements() -> None:
    image = {
        "_type": ELEMENT + "ImageBlockElement",
        "displayCredit": False,
        "data": {
            "alt": "alt text",
            "caption": "A <em>caption</em>",
            "credit": "Photograph: Hidden",
        },
        "media": {
            "allImages": [
                {
                    "url": "https://media.example.test/a/master/800.jpg",
                    "fields": {"isMaster": "true", "width": "800"},
                },
                {"url": "https://media.example.test/a/500.jpg", "fields": {"width": "500"}},
                {"url": "https://media.example.test/a/800.jpg", "fields": {"width": "800"}},
            ]
        },
    }
    master_only = dict(
        image,
        displayCredit=True,
        media={
            "allImages": [
                {
                    "url": "https://media.example.test/b/master/90.jpg",
                    "fields": {"isMaster": "true"},
                }
            ]
        },
    )
    block = model_block(
        "65f100000000000000000001",
        elements=[
            image,
            master_only,
            {"_type": ELEMENT + "QuantumBlockElement", "url": "https://q.test/"},
        ],
        attributes={"keyEvent": True, "summary": False, "pinned": False},
        title="  A   title ",
        contributors=[{"name": "Ann Example"}, {"name": "Ann Example"}, {"name": ""}],
    )
    entry = entry_from_block(block, "https://example.test/a/b")
    assert entry is not None
    assert entry.updated is None  # a "last updated" a second early is no update
    assert entry.title == "A title" and entry.authors == ("Ann Example",)
    assert entry.key_event and not entry.summary and not entry.pinned
    first, second, unknown = entry.body
    assert first.image is not None and second.image is not None
    assert (first.image.caption, first.image.credit) == ("A caption", "")
    assert first.image.url == "https://media.example.test/a/800.jpg"
    assert (second.image.credit, second.image.url) == (
        "Photograph: Hidden",
        "https://media.example.test/b/master/90.jpg",
    )
    assert (unknown.kind, unknown.embed, unknown.title) == ("embed", "other", "QuantumBlockElement")
    assert unknown.url == "https://q.test/"
    later = entry_from_block(
        model_block("65f100000000000000000001", blockLastUpdated=ms("2024-03-13T10:05:00")),
        "https://x.test/y",
    )
    assert later is not None and later.updated == datetime(2024, 3, 13, 10, 5, tzinfo=timezone.utc)


def test_model_pinned_post_and_key_events_once() -> None:
    pinned = model_block(
        "65f100000000000000000002", attributes={"keyEvent": True, "summary": False, "pinned": True}
    )
    feed = [model_block("65f100000000000000000003"), dict(pinned)]
    data = {
        "pageId": "a/live/b",
        "headline": "Headline",
        "standfirst": "<p>One</p><ul><li>two</li></ul>",
        "format": {"design": "DeadBlogDesign"},
        "blocks": feed,
        "pinnedPost": pinned,
        "keyEvents": [pinned, pinned, model_block("65f100000000000000000004", attributes={})],
        "mostRecentBlockId": "block-65f100000000000000000003",
        "pagination": {"currentPage": 1, "totalPages": 1},
    }
    blog = guardian.parse_model(data, "https://example.test/a/live/b.json?dcr=true")
    assert blog.live is False and not blog.source_data and blog.pages is None
    assert blog.title == "Headline" and blog.standfirst == "One\n• two"
    assert blog.feed_ids == ("65f100000000000000000003", "65f100000000000000000002")
    assert len(blog.entries) == 3
    assert [e.id for e in blog.entries if e.pinned] == ["65f100000000000000000002"]
    # A key-events entry without flags is a key event; key_events_complete says the list is whole.
    assert {e.id for e in blog.key_events} == {
        "65f100000000000000000002",
        "65f100000000000000000004",
    }
    assert blog.key_events_complete


# --- hostile text -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", [EVIL, EVIL_REFS], ids=["raw", "references"])
def test_hostile_text_comes_out_safe_and_literal(payload: str) -> None:
    json_payload = html.escape(json.dumps(payload)[1:-1], quote=True)
    page = fixture("hostile_page.html").replace("@@EVILJSON@@", json_payload)
    page = page.replace("@@EVIL@@", payload)
    blog = parse_page(page, BLOG)
    texts = blog_strings(blog)
    assert texts and not [s for s in texts if UNSAFE.search(s)]
    (entry, key) = blog.entries
    (image,) = entry.images
    tweet, link = (b for b in entry.body if b.kind == "embed")
    for text in (
        blog.title,
        blog.standfirst,
        entry.title,
        entry.body[0].text,
        image.caption,
        image.credit,
        tweet.title,
        tweet.text,
        entry.authors[0],
        link.title,
        link.url,
        key.title,
        key.body[0].text,
        key.authors[0],
    ):
        assert text is not None and LITERAL in text and "[/" in text
    assert blog.source_data is not None and LITERAL in blog.source_data["page_id"]
    assert blog.pages is not None and blog.pages.older is not None
    assert not re.search(r"\s", blog.pages.older)


def test_hostile_text_through_the_registry() -> None:
    parse = registry_parse()
    page = fixture("hostile_page.html").replace("@@EVILJSON@@", "x").replace("@@EVIL@@", EVIL)
    blog = parse(page.encode("utf-8"), BLOG)
    assert blog.source == "guardian"
    assert not [s for s in blog_strings(blog) if UNSAFE.search(s)]
    assert LITERAL in blog.title


def test_hostile_text_in_the_model() -> None:
    block = model_block(
        "65f100000000000000000005",
        title=f"T {EVIL}",
        contributors=[{"name": f"N {EVIL}"}],
        elements=[
            {"_type": ELEMENT + "TextBlockElement", "html": f"<p>P {EVIL}</p>"},
            {
                "_type": ELEMENT + "ImageBlockElement",
                "data": {"caption": f"C {EVIL}", "credit": f"Photograph: {EVIL}"},
                "media": {
                    "allImages": [{"url": f"https://m.test/{EVIL}.jpg", "fields": {"width": "1"}}]
                },
            },
            {
                "_type": ELEMENT + "TweetBlockElement",
                "url": f"https://t.test/{EVIL}",
                "html": f"<blockquote><p>W {EVIL}</p>&mdash; Who {EVIL}</blockquote>",
            },
            {"_type": f"{EVIL}Element"},
        ],
    )
    data = {
        "pageId": f"a/{EVIL}",
        "headline": f"H {EVIL}",
        "standfirst": f"<p>S {EVIL}</p>",
        "format": {"design": "LiveBlogDesign"},
        "blocks": [block],
        "config": {"ajaxUrl": f"https://api.test/{EVIL}"},
        "pagination": {"currentPage": 1, "totalPages": 2, "older": f"?page={EVIL}"},
    }
    blog = guardian.parse_model(data, "https://example.test/a/b.json")
    assert not [s for s in blog_strings(blog) if UNSAFE.search(s)]
    (entry,) = blog.entries
    assert LITERAL in blog.title and LITERAL in (entry.title or "")
    *known, unknown = entry.body
    assert all(
        LITERAL in (b.text or b.title or (b.image.caption if b.image else "")) for b in known
    )
    assert known[1].image is not None and LITERAL in known[1].image.credit
    # An unknown type is named by its (sanitized) name after the last dot.
    assert (unknown.embed, unknown.title) == ("other", "quit]x[/]Element")


# --- speed ------------------------------------------------------------------------------


def big_page(count: int) -> str:
    """The live fixture with its feed repeated to *count* entries (fresh ids)."""
    page = fixture("live_page.html")
    start, end = page.index('<div id="top-of-blog">'), page.index('<gu-island name="LiveBlogEpic"')
    articles = re.findall(r"<article id=\"block-.*?</article>\n", page[start:end], re.S)
    feed = []
    for number in range(count):
        article = articles[number % len(articles)]
        feed.append(
            re.sub(r"65f1[0-9a-f]{20}", f"{0x65F100000000000000000000 + number:024x}", article)
        )
    return page[:start] + '<div id="top-of-blog"></div>\n' + "".join(feed) + page[end:]


def test_a_300_and_a_600_entry_page_are_read_whole() -> None:
    # How fast is measured in bench/ (the parse section, against the selectolax floor),
    # not asserted here: a timed test fails on a busy machine and proves nothing on a fast one.
    for count in (300, 600):
        blog = parse_page(big_page(count))
        assert len(blog.feed_ids) == count == len({e.id for e in blog.entries if not e.is_key})


# --- the rendered block's header and footer, read without CSS queries ---------------------


def article_entry(header: str, footer: str = "", attrs: str = f'id="block-{NEWEST}"') -> Entry:
    """Read one hand-made ``article.block`` (a paragraph for body)."""
    markup = (
        f'<article {attrs} class="block"><header>{header}</header>'
        f"<p>Body</p><footer>{footer}</footer></article>"
    )
    article = LexborHTMLParser(markup).css_first("article")
    assert article is not None
    published = datetime(2024, 3, 13, tzinfo=timezone.utc)
    entry = entry_from_article(article, BLOG, published=published)
    assert entry is not None
    return entry


PERMALINK_ROW = f'<div><a href="{BLOG}?page=with:block-{KEY}#block-{KEY}">link</a></div>'


def test_header_takes_the_first_usable_time_title_and_link() -> None:
    entry = article_entry(
        '<div><a href="https://example.test/elsewhere">x</a></div>'
        + PERMALINK_ROW.replace("link", '<time>now</time><time datetime="2024-03-13T12:00:00Z">')
        + "<h2> </h2><h2>Second <b>title</b></h2><h2>Third</h2>",
        attrs="",
    )
    assert entry.id == KEY and entry.title == "Second title"
    assert entry.published == datetime(2024, 3, 13, 12, 0, tzinfo=timezone.utc)
    # Without a time, the RelativeTime island's epoch (another island first is skipped).
    then = 1710331200000
    islands = (
        '<gu-island name="Other" props=\'{"then": 1}\'></gu-island>'
        f'<gu-island name="RelativeTime" props=\'{{"then": {then}}}\'></gu-island>'
    )
    assert article_entry(PERMALINK_ROW + islands).published == datetime(
        2024, 3, 13, 12, 0, tzinfo=timezone.utc
    )


def test_header_bylines_prefer_the_name_to_the_picture() -> None:
    entry = article_entry(
        PERMALINK_ROW
        + '<div><div><img alt="Pictured Name"></div><span>Span Name</span></div>'
        + '<div><div><img alt="Only Picture"></div></div>'
        + '<div><div><img></div><div><img alt="Second Picture"></div><span> </span></div>'
        + '<div><span>Linked Name</span><a href="x">x</a></div>'
        + "<div><span>Span Name</span></div>"
    )
    assert entry.authors == ("Span Name", "Only Picture", "Second Picture")


def test_header_pinned_link_and_footer_update() -> None:
    pinned_link = f'<div><a href="{BLOG}?page=with:block-{KEY}#pinned-post">pinned</a></div>'
    entry = article_entry(pinned_link + PERMALINK_ROW)
    assert entry.pinned and entry.id == NEWEST
    nested = '<div><span><time datetime="2024-03-13T13:00:00Z">13.00</time></span></div>'
    assert article_entry(PERMALINK_ROW, footer=nested).updated == datetime(
        2024, 3, 13, 13, 0, tzinfo=timezone.utc
    )
    # The first time[datetime] of the footer is the one: an empty one means no update.
    empty_first = '<time datetime></time><time datetime="2024-03-13T13:00:00Z"></time>'
    assert article_entry(PERMALINK_ROW, footer=empty_first).updated is None
    assert article_entry(PERMALINK_ROW, footer="<time>13.00</time>").updated is None


def reference_bare_id(value: str) -> str | None:
    """bare_id as first written: strip, drop ``block-`` and ``-pinned``, then a plain id."""
    text = value.strip()
    text = text[len("block-") :] if text.startswith("block-") else text
    text = text.removesuffix("-pinned")
    return text if re.fullmatch(r"[A-Za-z0-9]{1,64}", text) else None


@given(
    st.one_of(
        st.text(alphabet="block-pinedA9 \t\u00a0\n_", max_size=80),
        st.from_regex(r"\s?(block-)?[A-Za-z0-9]{0,66}(-pinned)?\s?", fullmatch=True),
    )
)
def test_bare_id_shortcut_matches_its_definition(value: str) -> None:
    assert bare_id(value) == reference_bare_id(value)


def test_only_the_tags_it_names_are_taken_over() -> None:
    others = (
        "p pre address ul ol li blockquote table tr td h1 h2 h3 br hr span a b i em strong "
        "div section article main aside header footer nav dl dd dt details summary "
        "figure figcaption gu-island time label input button x-custom"
    )
    tags = [*DROP_TAGS - {"-comment", "head"}, *others.split()]
    for tag in tags:
        element = f'<{tag} id="dfp-ad--inline1" class="ad-slot" name="ShareButton"></{tag}>'
        if tag in ("tr", "td"):
            element = f"<table>{element}</table>"
        node = LexborHTMLParser(f"<body>{element}</body>").css_first(tag)
        assert node is not None, tag
        if tag not in OVERRIDDEN_TAGS:
            assert _override(node) is None, tag


# --- key-event carousels ----------------------------------------------------------------


def carousel(events: object) -> str:
    props = html.escape(json.dumps({"keyEvents": events}))
    return f'<gu-island name="KeyEventsCarousel" props="{props}"></gu-island>'


def key_block(block_id: str, minute: int) -> dict[str, Any]:
    return {
        "id": block_id,
        "blockFirstPublished": 1710331200000 + minute * 60_000,
        "title": f"Key {minute}",
        "attributes": {"keyEvent": True},
        "elements": [],
    }


def test_every_carousel_adds_its_key_events_once() -> None:
    one, two, three = (f"65f1800000000000000001{n:02x}" for n in (1, 2, 3))
    same = carousel([key_block(one, 1), key_block(two, 2)])
    page = (
        f'<main>{same}<div id="liveblog-body"></div>{same}'
        f"{carousel([key_block(three, 3), key_block(one, 1)])}{carousel('not a list')}</main>"
    )
    blog = parse_page(page)
    assert sorted(e.id for e in blog.key_events) == [one, two, three]
    assert blog.key_events_complete
    liveness = '<gu-island name="Liveness" props="{}"></gu-island>'
    blank = parse_page(f'<main>{liveness}{carousel("x")}<div id="liveblog-body"></div></main>')
    assert blank.entries == () and not blank.key_events_complete
