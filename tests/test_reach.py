"""The Reach plc source on the real pages of the corpus (read at run time, never copied).

What each rendered entry shows is compared with what liveread made of its
update: the key-event flag, the writer, every photo with its caption and
credit apart; the updates beyond the rendered ones keep the JSON-LD's data,
less the placeholders, and are reported as thinner views.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.model import Snapshot
from liveread.sources import parse, read, schemaorg
from liveread.sources.rendered import credit_text

MIRROR = "reach/mirror-uk-riots-2024-08-05.html"
CORKBEO = "jsonld/corkbeo-reach-liveblog-jsonld.html"
_JSONLD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


@pytest.fixture(scope="module")
def mirror(corpus: Path, expected: dict[str, Any]) -> tuple[Snapshot, LexborHTMLParser]:
    content = (corpus / MIRROR).read_bytes()
    return parse(content, expected[MIRROR]["url"]), LexborHTMLParser(content.decode())


def rendered_nodes(tree: LexborHTMLParser) -> dict[str, LexborNode]:
    return {n.attributes["id"] or "": n for n in tree.css("div.live-event-entry")}


def fragment(url: str) -> str:
    return url.partition("#")[2]


def test_the_mirror_is_read_by_the_reach_source(
    corpus: Path, expected: dict[str, Any], mirror: tuple[Snapshot, LexborHTMLParser]
) -> None:
    source, snapshot = read((corpus / MIRROR).read_bytes(), expected[MIRROR]["url"])
    assert source.name == "reach" and snapshot.source == "reach"
    assert snapshot.site_name == "The Mirror"
    assert snapshot.window == len(snapshot.entries) == expected[MIRROR]["entries"]


def test_key_events_are_the_rendered_ones_the_platform_marks(
    mirror: tuple[Snapshot, LexborHTMLParser],
) -> None:
    snapshot, tree = mirror
    marked = {
        i for i, n in rendered_nodes(tree).items() if n.attributes["data-type"] == "key-event"
    }
    boxed = {a.attributes["data-id"] for a in tree.css(".live-event-key-events a[data-id]")}
    flagged = {fragment(e.url) for e in snapshot.entries if e.key_event}
    assert flagged == marked and boxed < marked and len(boxed) == 5


def test_each_rendered_entry_names_its_writer_and_the_rest_none(
    mirror: tuple[Snapshot, LexborHTMLParser],
) -> None:
    snapshot, tree = mirror
    nodes = rendered_nodes(tree)
    for entry in snapshot.entries:
        node = nodes.get(fragment(entry.url))
        if node is None or node.attributes["data-type"] == "key-event":
            # Not rendered, or a key event (its writer's slot says "KEY EVENT"): the
            # JSON-LD's four page authors are no one's byline.
            assert entry.authors == (), entry.id
        else:
            assert entry.authors == (node.css_first(".entry-info mark").text(),), entry.id
    partial = set(snapshot.partial_ids)
    assert {fragment(e.url) for e in snapshot.entries if e.id not in partial} == set(nodes)


def test_every_caption_and_credit_is_read_apart(mirror: tuple[Snapshot, LexborHTMLParser]) -> None:
    snapshot, tree = mirror
    by_fragment = {fragment(e.url): e for e in snapshot.entries}
    captions = 0
    for element_id, node in rendered_nodes(tree).items():
        shown = by_fragment[element_id].images
        for figcaption in node.css("figcaption"):
            captions += 1
            caption = figcaption.css_first("span.caption")
            credit = figcaption.css_first("span.credit")
            want_caption = " ".join(caption.text().split()) if caption else ""
            want_credit = credit_text(credit.text(separator=" ")) if credit else ""
            assert (want_caption, want_credit) in [(i.caption, i.credit) for i in shown]
            if credit is not None:
                assert want_credit.startswith("Image: ") and ")" not in want_credit
        assert len(shown) == len(node.css(".entry-content amp-img, .entry-content img"))
    assert captions == 12
    # The page's picture (on every update in the JSON-LD) is nobody's photo.
    assert sum(bool(e.images) for e in snapshot.entries) == 13
    assert all(e.images == () for e in snapshot.entries if e.id in set(snapshot.partial_ids))


def test_edits_come_from_the_last_modified_time(
    mirror: tuple[Snapshot, LexborHTMLParser],
) -> None:
    snapshot, tree = mirror
    by_fragment = {fragment(e.url): e for e in snapshot.entries}
    edited = 0
    for element_id, node in rendered_nodes(tree).items():
        posted = int(node.attributes["data-post-time"] or 0)
        modified = int(node.attributes["data-last-modified-time"] or 0)
        entry = by_fragment[element_id]
        if modified > posted + 999:
            edited += 1
            assert entry.updated is not None
            assert int(entry.updated.timestamp()) >= modified // 1000
    assert edited >= 10


def test_rendered_bodies_keep_their_paragraphs_and_embeds(
    mirror: tuple[Snapshot, LexborHTMLParser],
) -> None:
    snapshot, tree = mirror
    by_fragment = {fragment(e.url): e for e in snapshot.entries}
    for element_id, node in rendered_nodes(tree).items():
        entry = by_fragment[element_id]
        paragraphs = [p for p in node.css(".entry-content > p") if p.text().strip()]
        assert sum(b.kind == "paragraph" for b in entry.body) >= len(paragraphs), element_id
        tweets = node.css("blockquote.twitter-tweet")
        assert sum(b.embed == "tweet" for b in entry.body) == len(tweets), element_id
        assert entry.title and entry.title not in [b.text for b in entry.body]


def test_corkbeo_gets_its_one_key_event_and_keeps_its_ids(
    corpus: Path, expected: dict[str, Any]
) -> None:
    want = expected[CORKBEO]
    content = (corpus / CORKBEO).read_bytes()
    snapshot = parse(content, want["url"])
    generic = schemaorg.parse_html(LexborHTMLParser(content.decode()), want["url"])
    assert snapshot.source == "reach" and snapshot.site_name == "Cork Beo"
    assert [fragment(e.url) for e in snapshot.entries if e.key_event] == ["2258956"]
    # The same entries under the same ids as when the generic reader had them.
    assert snapshot.feed_ids == generic.feed_ids and snapshot.partial_ids == ()
    assert all(
        e.authors and "KEY EVENT" not in e.authors for e in snapshot.entries if not e.key_event
    )


def test_a_page_without_its_json_ld_is_read_from_its_rendered_entries(
    corpus: Path, expected: dict[str, Any], mirror: tuple[Snapshot, LexborHTMLParser]
) -> None:
    whole, _ = mirror
    content = (corpus / MIRROR).read_text(encoding="utf-8")
    bare = _JSONLD.sub("", content)
    assert "LiveBlogPosting" not in bare
    snapshot = parse(bare, expected[MIRROR]["url"])
    rendered = set(whole.feed_ids) - set(whole.partial_ids)
    assert snapshot.source == "reach" and set(snapshot.feed_ids) == rendered
    same = {e.id: e for e in whole.entries}
    for entry in snapshot.entries:
        full = same[entry.id]
        assert (entry.title, entry.published, entry.key_event) == (
            full.title,
            full.published,
            full.key_event,
        )
        assert entry.images == full.images and entry.authors == full.authors
    assert snapshot.title and snapshot.site_name == "The Mirror"
