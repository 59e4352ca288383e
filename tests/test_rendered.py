"""Rendered entries enrich structured data, for any publisher: the general signals.

Every page here is invented, and shaped like no publisher in particular: the
engine must match updates to their rendered entries by signals many sites
share (an id equal to the URL fragment, a per-entry time attribute, a
``<time datetime>``, a heading equal to the headline), and take what the
structured data lacks, without one site's class names.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from liveread.model import Snapshot
from liveread.sources import schemaorg

URL = "https://gazette.example/live/tram-strike"
T0 = datetime(2031, 5, 6, 9, 0, tzinfo=timezone.utc)
PAGE_PHOTO = "https://img.gazette.example/share/tram-strike.jpg"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def update(n: int, *, anchor: bool = True, **props: Any) -> dict[str, Any]:
    """Structured update n (published n minutes after T0), as JSON-LD gives it."""
    node: dict[str, Any] = {
        "@type": "BlogPosting",
        "headline": props.pop("headline", f"Depot {n} walks out"),
        "datePublished": at(n).isoformat(),
        "articleBody": props.pop("body", f"Drivers at depot {n} stopped at dawn."),
        "author": props.pop("author", [{"@type": "Person", "name": "Desk"}]),
        "image": props.pop("image", {"@type": "ImageObject", "url": PAGE_PHOTO}),
    }
    if anchor:
        node["url"] = f"{URL}#post-{n}"
    node.update(props)
    return node


def page_of(updates: list[dict[str, Any]], body: str, head: str = "") -> str:
    posting = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Tram strike – live",
        "publisher": {"@type": "Organization", "name": "The Gazette"},
        "liveBlogUpdate": updates,
    }
    script = json.dumps(posting).replace("</", "<\\/")
    return (
        f'<!doctype html><html><head><meta property="og:image" content="{PAGE_PHOTO}?w=1200">'
        f'{head}<script type="application/ld+json">{script}</script></head>'
        f"<body><main><div class=feed>{body}</div></main></body></html>"
    )


def parse(html: str) -> Snapshot:
    return schemaorg.parse_html(LexborHTMLParser(html), URL, now=T0)


def by_fragment(snapshot: Snapshot) -> dict[str, Any]:
    return {e.url.partition("#")[2]: e for e in snapshot.entries}


def ms(minutes: int) -> int:
    return int(at(minutes).timestamp() * 1000)


FIGURE = (
    '<figure><img src="/media/depot-{n}.jpg" alt="x"><figcaption>Pickets at depot {n} '
    '<span class="credit">Photograph: A Snapper/Agency</span></figcaption></figure>'
)


def test_an_anchor_id_equal_to_the_fragment_matches_and_gives_photos() -> None:
    body = (
        f'<article id="post-2"><h3>Depot 2 walks out</h3><p>Drivers at depot 2 stopped at dawn.</p>'
        f"{FIGURE.format(n=2)}</article>"
        '<article id="post-1"><h3>Depot 1 walks out</h3><p>Drivers at depot 1.</p></article>'
    )
    got = by_fragment(parse(page_of([update(2), update(1)], body)))
    photo = got["post-2"].images
    assert [(i.caption, i.credit) for i in photo] == [
        ("Pickets at depot 2", "Photograph: A Snapper/Agency")
    ]
    assert photo[0].url == "https://gazette.example/media/depot-2.jpg"
    # The page's own picture, on every update, is no update's photo: post-1 shows none.
    assert got["post-1"].images == ()
    # The structured text is kept (an unknown publisher's rendered text is not trusted).
    assert got["post-1"].text == "Drivers at depot 1 stopped at dawn."


def test_per_entry_time_attributes_match_without_ids_and_carry_edits() -> None:
    body = "".join(
        f'<div class="x" data-post-time="{ms(n)}" data-last-modified-time="{ms(n + 30)}">'
        f"<p>Text {n}</p>{FIGURE.format(n=n)}</div>"
        for n in (3, 2, 1)
    )
    snapshot = parse(page_of([update(n, anchor=False) for n in (3, 2, 1)], body))
    assert [len(e.images) for e in snapshot.entries] == [1, 1, 1]
    assert [e.updated for e in snapshot.entries] == [at(33), at(32), at(31)]
    assert snapshot.partial_ids == ()


def test_time_elements_and_headings_find_entries_listed_as_siblings() -> None:
    body = (
        "<ul>"
        f'<li><time datetime="{at(2).isoformat()}">09:02</time><p>Two.</p>{FIGURE.format(n=2)}</li>'
        f"<li><h4>Depot 1 walks out</h4><p>One.</p>{FIGURE.format(n=1)}</li>"
        "</ul>"
    )
    got = by_fragment(parse(page_of([update(2), update(1)], body)))
    assert got["post-2"].images[0].caption == "Pickets at depot 2"
    assert got["post-1"].images[0].caption == "Pickets at depot 1"


def test_one_inner_signal_alone_bounds_nothing_and_matches_nothing() -> None:
    # With a single update, nothing tells where its entry ends: no guess.
    body = f'<time datetime="{at(1).isoformat()}">09:01</time>{FIGURE.format(n=1)}'
    snapshot = parse(page_of([update(1, anchor=False)], body))
    assert snapshot.entries[0].images == ()


def test_a_signal_two_updates_share_matches_neither() -> None:
    same = at(5).isoformat()
    updates = [
        update(1, anchor=False, datePublished=same, headline="A"),
        update(2, anchor=False, datePublished=same, headline="B"),
    ]
    body = f'<div data-post-time="{ms(5)}">{FIGURE.format(n=1)}</div>'
    snapshot = parse(page_of(updates, body))
    assert all(e.images == () for e in snapshot.entries)
    assert snapshot.partial_ids == ()  # nothing rendered was matched: nothing is thinner


def test_the_shared_author_list_gives_way_to_per_entry_writers() -> None:
    team = [{"@type": "Person", "name": n} for n in ("Ann", "Bo", "Cy")]
    updates = [update(n, author=team) for n in (4, 3, 2, 1)]
    body = (
        '<article id="post-4"><span class="byline">Dee Writer</span><p>Four.</p></article>'
        '<article id="post-3"><span class="byline">Eve Writer</span><p>Three.</p></article>'
        '<article id="post-2"><p>Two, signed by nobody.</p></article>'
    )
    snapshot = parse(page_of(updates, body))
    got = by_fragment(snapshot)
    assert got["post-4"].authors == ("Dee Writer",)
    assert got["post-3"].authors == ("Eve Writer",)
    # The page's list on every update is not who wrote these: unknown, not invented.
    assert got["post-2"].authors == () and got["post-1"].authors == ()
    # post-1 has no rendered entry on a page that renders the others: a thinner view.
    assert snapshot.partial_ids == (got["post-1"].id,)


def test_a_shared_author_list_stays_when_nothing_names_another_writer() -> None:
    team = [{"@type": "Person", "name": "Ann"}]
    updates = [update(n, author=team) for n in (3, 2, 1)]
    body = "".join(f'<article id="post-{n}"><p>Text.</p></article>' for n in (3, 2, 1))
    assert all(e.authors == ("Ann",) for e in parse(page_of(updates, body)).entries)


def test_an_image_on_every_update_is_a_placeholder_even_with_nothing_rendered() -> None:
    shared = {"@type": "ImageObject", "url": "https://img.gazette.example/logo-tile.png"}
    own = {"@type": "ImageObject", "url": "https://img.gazette.example/depot-1.jpg"}
    updates = [update(3, image=shared), update(2, image=shared), update(1, image=[shared, own])]
    snapshot = parse(page_of(updates, ""))
    assert [len(e.images) for e in snapshot.entries] == [0, 0, 1]
    assert snapshot.entries[2].images[0].url == own["url"]


def test_embeds_and_hostile_captions_from_the_rendering() -> None:
    tweet = (
        '<blockquote class="twitter-tweet"><p>Trams parked.</p>&mdash; Depot (@depot) '
        '<a href="https://twitter.com/depot/status/123?ref=x">May 6</a></blockquote>'
    )
    hostile = "\x1b]0;pwned\x07Pickets\u202e"
    body = (
        f'<article id="post-1"><p>One.</p>{tweet}<figure><img src="/p.jpg">'
        f"<figcaption>{hostile}</figcaption></figure></article>"
    )
    entry = parse(page_of([update(1)], body)).entries[0]
    embeds = [b for b in entry.body if b.kind == "embed"]
    assert [(b.embed, b.url, b.text) for b in embeds] == [
        ("tweet", "https://twitter.com/depot/status/123", "Trams parked.")
    ]
    assert entry.images[0].caption == "]0;pwnedPickets"  # control characters gone


def test_the_site_name_comes_from_the_page_else_the_publisher() -> None:
    head = '<meta property="og:site_name" content="Gazette Online">'
    assert parse(page_of([update(1)], "", head)).site_name == "Gazette Online"
    assert parse(page_of([update(1)], "")).site_name == "The Gazette"


def test_the_structured_data_is_a_window() -> None:
    snapshot = parse(page_of([update(n) for n in (3, 2, 1)], ""))
    assert snapshot.window == 3 and snapshot.pages is None


def test_a_heading_quoting_another_update_does_not_steal_it() -> None:
    # post-2's entry quotes post-1's headline in a heading; post-1 is not rendered;
    # post-3 is, found by its time element (so the list's entries can be told apart).
    body = (
        f'<div class="wrap"><article id="post-2"><p>Two.</p><div><h4>Depot 1 walks out</h4>'
        f"</div>{FIGURE.format(n=2)}</article></div>"
        f'<div class="wrap"><time datetime="{at(3).isoformat()}">09:03</time>'
        f"{FIGURE.format(n=3)}</div>"
    )
    snapshot = parse(page_of([update(3, anchor=False), update(2), update(1)], body))
    got = {e.published: e for e in snapshot.entries}
    assert [i.caption for i in got[at(2)].images] == ["Pickets at depot 2"]
    assert [i.caption for i in got[at(3)].images] == ["Pickets at depot 3"]
    assert got[at(1)].images == () and snapshot.partial_ids == (got[at(1)].id,)


def test_a_rendered_entry_without_a_picture_keeps_the_updates_own() -> None:
    # Pictures a page loads by script are not in its HTML: the structured data's own
    # photo (not the page's, not repeated) stays; the page's own never comes back.
    own = {"@type": "ImageObject", "url": "https://img.gazette.example/depot-2.jpg"}
    body = '<article id="post-2"><p>Two.</p></article><article id="post-1"><p>One.</p></article>'
    got = by_fragment(parse(page_of([update(2, image=own), update(1)], body)))
    assert [i.url for i in got["post-2"].images] == [own["url"]]
    assert got["post-1"].images == ()


def test_a_bylined_entry_keeps_the_updates_own_author() -> None:
    # The structured data names each update's author: the rendering only fills gaps.
    updates = [
        update(2, author=[{"@type": "Person", "name": "Ann"}]),
        update(1, author=[]),
    ]
    body = (
        '<article id="post-2"><span class="author">About the author: Ann writes</span></article>'
        '<article id="post-1"><span class="byline">By Bo Writer</span></article>'
    )
    got = by_fragment(parse(page_of(updates, body)))
    assert got["post-2"].authors == ("Ann",)
    assert got["post-1"].authors == ("Bo Writer",)


def test_a_box_of_links_named_for_key_events_flags_the_entries_it_names() -> None:
    """Any publisher: links to in-page anchors in a "key events" box; other links count not."""
    entries = "".join(
        f'<article id="post-{n}"><h2>Depot {n} walks out</h2><p>x <a href="#post-1">see</a></p>'
        "</article>"
        for n in (1, 2, 3)
    )
    box = (
        '<section class="liveblog-keyEvents"><a href="/live/tram-strike?x=1#post-3">3</a>'
        '<a href="#post-2">2</a><a href="#nowhere">?</a><a href="/elsewhere">no</a></section>'
    )
    snapshot = parse(page_of([update(n) for n in (1, 2, 3)], box + entries))
    assert {k for k, e in by_fragment(snapshot).items() if e.key_event} == {"post-2", "post-3"}
