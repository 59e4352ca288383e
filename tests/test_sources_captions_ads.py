"""Rendered entries read more generally: captions where publishers put them, ads by what they hold.

Every page here is invented (no publisher's text), each shaped after a
markup seen on real pages, so that the rule holds for the pattern and not for
one page:

- a caption that is no ``figcaption``: an element with a caption class right
  after the picture (or after what wraps it), its credit a nested element
  wholly in brackets (``span.newsCaption`` holding ``span.caption`` "(Image:
  Agency)"); read with the generic profile and with a site family's own;
- a caption and credit marked by ``itemprop`` (``caption``,
  ``copyrightHolder``), in a ``figcaption`` or beside the picture;
- the ``alt`` text only when nothing else captions the photo, and never
  when it is only a file-like name;
- an AMP list item that holds nothing but an ad's label, with no ad slot
  (two markups), is no entry; an item with a photo, or with words beside the
  label, is.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveread.model import Image, Snapshot
from liveread.sources import parse, schemaorg

URL = "https://herald.example/live/canal-closure"
T0 = datetime(2031, 9, 2, 8, 0, tzinfo=timezone.utc)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def ms(minutes: int) -> int:
    return int(at(minutes).timestamp() * 1000)


def update(n: int) -> dict[str, Any]:
    return {
        "@type": "BlogPosting",
        "headline": f"Lock {n} stays shut",
        "datePublished": at(n).isoformat(),
        "articleBody": f"Boats wait at lock {n}.",
        "url": f"{URL}#entry-{n}",
    }


def page(entries: str, n: int = 1, *, marker: str = "article") -> str:
    posting = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Canal closure – live",
        "liveBlogUpdate": [update(i) for i in range(n, 0, -1)],
    }
    return (
        '<!doctype html><html><head><script type="application/ld+json">'
        f"{json.dumps(posting)}</script></head><body><main>{entries}</main></body></html>"
    )


def images(html: str) -> list[tuple[str, str, str | None]]:
    snapshot: Snapshot = schemaorg.parse_html(LexborHTMLParser(html), URL, now=T0)
    found: list[Image] = [i for e in snapshot.entries for i in e.images]
    return [(i.caption, i.credit, i.url) for i in found]


def reach_entry(body: str) -> str:
    """A Reach-platform entry (the family's own profile reads it), around *body*."""
    return (
        f'<div class="live-event-entry" id="entry-1" data-type="default"'
        f' data-post-time="{ms(1)}"><div class="entry-content"><h3>Lock 1 stays shut</h3>'
        f"<p>Boats wait at lock 1.</p>{body}</div></div>"
    )


# -- 12: captions -----------------------------------------------------------------------

#: A caption class after the picture, the credit nested in brackets (no figcaption).
NEWS_CAPTION = (
    '<picture><source srcset="/m/lock-{n}.webp"><img src="/m/lock-{n}.jpg"'
    ' alt="a lock keeper at work"></picture>'
    '<span class="newsCaption">The keeper closes the gates at dawn '
    '<span class="caption">(Image: Towpath Pictures)</span></span>'
)
#: The same, the picture wrapped in a link and a div.
WRAPPED = (
    '<div class="photo"><a href="/m/lock-{n}-big.jpg"><img src="/m/lock-{n}.jpg"'
    ' alt="IMG_20310902_0811.jpg"></a></div>'
    '<p class="image-caption">Barges queue at the top lock <em>[Picture: Canal Trust]</em></p>'
)
#: itemprop caption and copyrightHolder in a figcaption.
ITEMPROP_FIGURE = (
    '<figure itemprop="image"><img src="/m/lock-{n}.jpg" alt="GettyImages-2211873">'
    '<figcaption><span itemprop="caption">Water levels fell overnight</span> '
    '<span itemprop="copyrightHolder">Ann Other/Wire</span></figcaption></figure>'
)
#: itemprop caption beside the picture, no figure at all.
ITEMPROP_BESIDE = (
    '<div><img src="/m/lock-{n}.jpg"></div>'
    '<div itemprop="caption">A swan watches the empty lock</div>'
)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (NEWS_CAPTION, ("The keeper closes the gates at dawn", "Image: Towpath Pictures")),
        (WRAPPED, ("Barges queue at the top lock", "Picture: Canal Trust")),
        (ITEMPROP_FIGURE, ("Water levels fell overnight", "Ann Other/Wire")),
        (ITEMPROP_BESIDE, ("A swan watches the empty lock", "")),
    ],
    ids=["caption-class-after-picture", "wrapped-picture", "itemprop-figure", "itemprop-beside"],
)
def test_a_caption_is_read_where_the_publisher_puts_it(
    markup: str, expected: tuple[str, str]
) -> None:
    entry = f'<article id="entry-1"><p>Boats wait at lock 1.</p>{markup.format(n=1)}</article>'
    assert images(page(entry)) == [(*expected, "https://herald.example/m/lock-1.jpg")]


def test_a_site_familys_own_caption_selector_does_not_take_the_credit_for_the_caption() -> None:
    # Reach's profile names span.caption as the caption: here it is the credit, in brackets.
    found = parse(page(reach_entry(NEWS_CAPTION.format(n=1))), URL)
    assert found.source == "reach"
    [image] = found.entries[0].images
    assert (image.caption, image.credit) == (
        "The keeper closes the gates at dawn",
        "Image: Towpath Pictures",
    )
    # The caption is the photo's, not a paragraph of the entry's text.
    assert "Towpath" not in found.entries[0].text and "gates" not in found.entries[0].text


def test_the_alt_text_is_the_last_resort_and_never_a_file_name() -> None:
    plain = '<figure><img src="/m/a.jpg" alt="Two boats moored side by side"></figure>'
    named = '<figure><img src="/m/b.jpg" alt="DSC_0412.JPG"></figure>'
    coded = '<figure><img src="/m/c.jpg" alt="GettyImages-2211873"></figure>'
    entry = f'<article id="entry-1"><p>Boats.</p>{plain}{named}{coded}</article>'
    assert [c for c, _, _ in images(page(entry))] == ["Two boats moored side by side", "", ""]


def test_html_blocks_keeps_the_alt_rule_too() -> None:
    from liveread.sources import html_blocks

    blocks = html_blocks(
        '<figure><img src="/m/x.jpg" alt="IMG_0412.jpg"></figure>'
        '<figure><img src="m/y.jpg" alt="A heron"></figure>',
        "https://herald.example/live/",
    )
    assert [(b.image.caption, b.image.url) for b in blocks if b.image] == [
        ("", "https://herald.example/m/x.jpg"),
        ("A heron", "https://herald.example/live/m/y.jpg"),
    ]


# -- 13: an AMP item is a post by what it holds --------------------------------------------


def amp_page(*items: str) -> str:
    return (
        '<!doctype html><html amp><head><meta property="og:title" content="Canal closure">'
        '</head><body><amp-live-list id="feed" data-poll-interval="15000"'
        ' data-max-items-per-page="20"><button update on="tap:feed.update">New</button>'
        f"<div items>{''.join(items)}</div></amp-live-list></body></html>"
    )


def amp_item(n: int, inner: str) -> str:
    return f'<div id="p{n}" data-sort-time="{ms(n)}">{inner}</div>'


POST = "<h2>Lock {n}</h2><p>Boats wait at lock {n}.</p>"


@pytest.mark.parametrize(
    "label",
    [
        "<p>Advertisement</p>",
        '<div class="ad-wrapper"><span class="ad-label">ADVERTISEMENT</span>'
        '<div class="ad-slot" data-slot="mid-3"></div></div>',
        "<aside><small>Sponsored content:</small></aside>",
    ],
    ids=["paragraph", "label-over-an-empty-slot", "sponsored"],
)
def test_an_item_holding_only_an_ad_label_is_no_entry(label: str) -> None:
    html = amp_page(
        amp_item(3, POST.format(n=3)), amp_item(2, label), amp_item(1, POST.format(n=1))
    )
    found = parse(html, URL)
    assert found.source == "amp"
    assert [e.id for e in found.entries] == ["p3", "p1"]
    assert found.feed_ids == ("p3", "p1")


def test_an_item_is_a_post_when_it_holds_more_than_the_label() -> None:
    words = amp_item(2, "<p>Advertisement</p><p>The towpath reopens at noon.</p>")
    photo = amp_item(4, '<p>Ad</p><amp-img src="/m/reopen.jpg" width="800" height="600"></amp-img>')
    found = parse(amp_page(photo, words, amp_item(1, POST.format(n=1))), URL)
    assert [e.id for e in found.entries] == ["p4", "p2", "p1"]
