"""The AMP ``amp-live-list`` source: items, edits, tombstones, ads, and how it polls.

The real page of the corpus is read at run time (never copied); the other
lists are invented here, shaped as the amp.dev documentation describes.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.errors import LayoutChanged
from liveread.model import FollowState
from liveread.sources import Document, find, parse, read, schemaorg
from liveread.sources.amp import POLL_PARAM, poll_url

INDEPENDENT = "amp/independent-womens-world-cup-2023-08-14.html"
URL = "https://courier.example/live/ferry-strike.amp?edition=uk"
_JSONLD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


def ms(hour: int, minute: int) -> int:
    return int(datetime(2031, 7, 1, hour, minute, tzinfo=timezone.utc).timestamp() * 1000)


def item(n: int, minute: int, *, update: int | None = None, tombstone: bool = False) -> str:
    attrs = f'id="p{n}" data-sort-time="{ms(10, minute)}"'
    if update is not None:
        attrs += f' data-update-time="{ms(10, update)}"'
    if tombstone:
        return f"<div {attrs} data-tombstone></div>"
    return (
        f"<div {attrs}><h2>Sailing {n}</h2><p>Ferry {n} stays in port.</p>"
        f'<figure><amp-img src="/img/{n}.jpg" width="800" height="600" layout="responsive">'
        f"</amp-img><figcaption>Quay {n} <span class=credit>(Harbour Photos)</span>"
        "</figcaption></figure></div>"
    )


def live_page(*children: str, disabled: bool = False) -> str:
    flag = " disabled" if disabled else ""
    return (
        '<!doctype html><html amp><head><meta property="og:title" content="Ferry strike">'
        '<meta property="og:site_name" content="The Courier"></head><body>'
        f'<amp-live-list id="feed" data-poll-interval="15000" data-max-items-per-page="20"{flag}>'
        '<button update on="tap:feed.update">New</button>'
        f"<div items>{''.join(children)}</div><div pagination></div>"
        "</amp-live-list></body></html>"
    )


AD = f'<div id="ad-1" data-sort-time="{ms(10, 3)}"><amp-ad type="x" width="300"></amp-ad></div>'


@pytest.fixture(scope="module")
def independent(corpus: Path, expected: dict[str, Any]) -> tuple[bytes, str]:
    return (corpus / INDEPENDENT).read_bytes(), expected[INDEPENDENT]["url"]


def test_the_corpus_page_is_read_from_its_list(independent: tuple[bytes, str]) -> None:
    content, url = independent
    source, snapshot = read(content, url)
    tree = LexborHTMLParser(content.decode())
    items = tree.css("amp-live-list [items] > [id^=post-]")
    assert source.name == "amp" and snapshot.site_name == "The Independent"
    assert list(snapshot.feed_ids) == [n.attributes["id"] for n in items]
    assert not any(e.id.startswith("ad-") for e in snapshot.entries)
    assert snapshot.window == 10 and snapshot.removed_ids == ()
    newest = max(int(n.attributes["data-sort-time"] or 0) for n in items)
    assert snapshot.cursor == str(newest)
    assert snapshot.source_data == {"page": url}


def test_the_posts_own_photos_and_not_the_page_image(independent: tuple[bytes, str]) -> None:
    content, url = independent
    snapshot = parse(content, url)
    tree = LexborHTMLParser(content.decode())
    page_image = tree.css_first('meta[property="og:image"]').attributes["content"] or ""
    for entry in snapshot.entries:
        node = tree.css_first(f'[id="{entry.id}"]')
        assert len(entry.images) == len(node.css("amp-img"))
        assert page_image.split("?")[0] not in [i.url for i in entry.images]
    credits = {i.credit for e in snapshot.entries for i in e.images if i.credit}
    assert credits and not any(c.startswith("(") or c.endswith(")") for c in credits)


def test_the_key_points_box_flags_the_posts_it_links_to(independent: tuple[bytes, str]) -> None:
    """The format has no key events; the page's box of links to its posts names some."""
    content, url = independent
    tree = LexborHTMLParser(content.decode())
    linked = {
        (a.attributes.get("href") or "").partition("#")[2]
        for a in tree.css("aside a[href*='#post-']")
    }
    for text in (content, _JSONLD.sub("", content.decode())):  # with its JSON-LD and without
        snapshot = parse(text, url)
        keys = {e.id for e in snapshot.entries if e.key_event}
        assert keys and keys == linked & {e.id for e in snapshot.entries}


def test_json_ld_gives_the_text_and_the_list_the_times(independent: tuple[bytes, str]) -> None:
    content, url = independent
    snapshot = parse(content, url)
    tree = LexborHTMLParser(content.decode())
    structured = schemaorg.parse_html(tree, url, enrich=False)
    texts = {e.published: e.text for e in structured.entries}
    for entry in snapshot.entries:
        node = tree.css_first(f'[id="{entry.id}"]')
        sort = int(node.attributes["data-sort-time"] or 0)
        edit = int(node.attributes["data-update-time"] or 0)
        assert int(entry.published.timestamp() * 1000) == sort
        assert (entry.updated is not None) == (edit > sort)
        assert entry.text == texts[entry.published]
        assert entry.authors == structured.entries[0].authors


def test_without_its_json_ld_the_list_alone_is_read(independent: tuple[bytes, str]) -> None:
    content, url = independent
    bare = _JSONLD.sub("", content.decode())
    snapshot = parse(bare, url)
    assert snapshot.source == "amp" and len(snapshot.entries) == 10
    assert all(e.title and e.text for e in snapshot.entries)
    assert sum(len(e.images) for e in snapshot.entries) == 9
    assert not any(re.fullmatch(r"\d{10}", b.text) for e in snapshot.entries for b in e.body)


def test_tombstones_edits_ads_and_other_children() -> None:
    html = live_page(
        item(3, 9, update=12),
        AD,
        "<div class=promo><p>Subscribe</p></div>",  # no id, no sort time: not an item
        item(2, 5, tombstone=True),
        item(1, 1),
    )
    snapshot = parse(html, URL)
    assert [e.id for e in snapshot.entries] == ["p3", "p1"]
    assert snapshot.removed_ids == ("p2",) and snapshot.feed_ids == ("p3", "p1")
    p3 = snapshot.entries[0]
    assert p3.title == "Sailing 3" and p3.text == "Ferry 3 stays in port."
    assert [(i.caption, i.credit) for i in p3.images] == [("Quay 3", "Harbour Photos")]
    assert p3.images[0].url == "https://courier.example/img/3.jpg"
    assert p3.updated is not None and p3.url == "https://courier.example/live/ferry-strike.amp#p3"
    assert snapshot.cursor == str(ms(10, 12)) and snapshot.window == 20
    assert snapshot.site_name == "The Courier" and snapshot.title == "Ferry strike"
    assert snapshot.live is None and parse(live_page(item(1, 1), disabled=True), URL).live is False


def test_an_empty_list_is_a_blog_with_nothing_yet() -> None:
    snapshot = parse(live_page(), URL)
    assert snapshot.entries == () and snapshot.source == "amp" and snapshot.cursor is None


def test_it_polls_its_own_page_with_the_latest_update_time() -> None:
    source = find("amp")
    assert source is not None
    assert source.update_request(FollowState(source="amp")) is None  # nothing read yet
    page = "https://courier.example/live/ferry-strike.amp?edition=uk"
    state = FollowState(source="amp", cursor="1700000000000", source_data={"page": page})
    request = source.update_request(state)
    assert request is not None
    assert request.url == f"{page}&{POLL_PARAM}=1700000000000"
    assert poll_url(request.url, "5") == f"{page}&{POLL_PARAM}=5"  # replaced, never repeated
    answer = live_page(item(4, 20), item(2, 5, tombstone=True), item(1, 1))
    update = source.read_update(Document(answer, request.url), state)
    assert update.kind == "update" and [e.id for e in update.entries] == ["p4", "p1"]
    assert update.removed_ids == ("p2",) and update.cursor == str(ms(10, 20))
    same = FollowState(source="amp", cursor=str(ms(10, 20)), source_data={"page": page})
    assert source.read_update(Document(answer, request.url), same).cursor is None
    with pytest.raises(LayoutChanged):
        source.read_update(Document("<html><body><p>Moved.</p></body></html>", page), state)
    parsed = parse(answer, request.url)
    assert parsed.url == "https://courier.example/live/ferry-strike.amp"
    assert parsed.source_data == {"page": page}  # the poll parameter is never kept


def test_a_photo_post_beside_an_ad_is_a_post_and_a_labelled_ad_is_not() -> None:
    photo = (
        f'<div id="p7" data-sort-time="{ms(10, 7)}"><amp-img src="/img/7.jpg" width="800" '
        'height="600"></amp-img><amp-ad type="x" width="300"></amp-ad></div>'
    )
    labelled = (
        f'<div id="ad-2" data-sort-time="{ms(10, 6)}"><p>Advertisement</p>'
        '<amp-ad type="x"></amp-ad></div>'
    )
    snapshot = parse(live_page(photo, labelled), URL)
    assert [e.id for e in snapshot.entries] == ["p7"] and len(snapshot.entries[0].images) == 1
