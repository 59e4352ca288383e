"""Reading an AMP page's ``amp-live-list``: items, edits, tombstones, and its JSON-LD if any.

The format (amp.dev, ``amp-live-list``): ``<amp-live-list id
data-max-items-per-page data-poll-interval>`` holds a ``[update]`` button and
an ``[items]`` element; each child of ``[items]`` is an item with a stable
``id`` and a ``data-sort-time`` (epoch ms), and optionally
``data-update-time`` (it was edited) and ``data-tombstone`` (it was deleted:
the id stays, the content goes). Children that are not items, or that hold
nothing but an ad slot or an ad's label, are not entries.

An item is an entry: its id, its sort time as published, its update time as
the edit, its first heading as the title and the rest as the body (photos,
``amp-img`` among them, with caption and credit apart; embeds). When the page
also carries a schema.org ``LiveBlogPosting`` (it usually does), each of its
updates is matched to its item by the general signals of
:mod:`liveread.sources.rendered` (here: the sort time) and gives the title,
the text and the authors, while the photos come from the item (the JSON-LD
image is often the page's own, on every update). JSON-LD updates with no item
are left out: the list is the format's own account of the blog, and its ids
are the ones tombstones name.

The format has no key events; a page that lists some in a box of links to its
items (the Independent's "key points") has them flagged, by the general rule
of :data:`liveread.sources.rendered.KEY_EVENT_BOX_LINKS`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import Entry, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered
from liveread.urls import blog_url, host

__all__ = ["LIVE_LIST", "POLL_PARAM", "detect_html", "parse_live_list", "poll_url"]

_log = logging.getLogger(__name__)

# The format's markers, as data (amp.dev, amp-live-list).
LIVE_LIST = "amp-live-list"
SORT_TIME = "data-sort-time"
UPDATE_TIME = "data-update-time"
TOMBSTONE = "data-tombstone"
MAX_ITEMS = "data-max-items-per-page"
DISABLED = "disabled"
#: The query parameter the AMP runtime adds when it polls its page (AMP caches key on it).
POLL_PARAM = "amp_latest_update_time"
#: Ad slots and other widgets that make an item no entry when they are all it holds.
ADS = "amp-ad, amp-embed, amp-sticky-ad, amp-fx-flying-carpet, [data-ad-unit-path]"
#: The labels an ad slot may show, which make it no post (compared without case,
#: spaces or punctuation).
AD_LABELS = frozenset(
    {"advertisement", "advert", "ad", "ads", "sponsored", "sponsoredcontent", "promoted"}
)
_MEDIA = "img, amp-img, blockquote, iframe, amp-twitter, amp-youtube, amp-video"
_HEADINGS = "h1, h2, h3, h4, h5, h6"
_TITLE = 'meta[property="og:title"]'
#: What the items of a list are read with: the general profile (no publisher's markers).
PROFILE = rendered.Profile("amp")


@dataclass(frozen=True)
class _Item:
    """One child of ``[items]`` that is an item."""

    node: LexborNode
    id: str
    sort_time: datetime
    update_time: datetime | None
    tombstone: bool


def detect_html(tree: LexborHTMLParser) -> bool:
    """Tell whether the page holds an ``amp-live-list`` with its ``[items]``."""
    return any(_items_of(node) is not None for node in tree.css(LIVE_LIST))


def _items_of(live_list: LexborNode) -> LexborNode | None:
    """The list's own ``[items]`` child (not one of a nested list)."""
    for child in live_list.iter():
        if child.is_element_node and "items" in child.attributes:
            return child
    return None


def _choose(tree: LexborHTMLParser) -> LexborNode:
    """The page's live list: the one with the most items."""
    lists = [(n, items) for n in tree.css(LIVE_LIST) if (items := _items_of(n)) is not None]
    if not lists:
        raise NotALiveBlog("this page holds no amp-live-list with its [items]")
    return max(lists, key=lambda pair: sum(1 for _ in pair[1].iter()))[0]


def _inside(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _is_empty(node: LexborNode) -> bool:
    """Tell whether an item holds nothing a reader would see but an ad (or nothing at all).

    An item is a post by what it holds: no photo or embed outside an ad slot,
    and no text but an ad's label ("Advertisement"), with or without the
    slot itself (it may be filled in later by script).
    """
    ads = {n.mem_id for n in node.css(ADS)}
    if any(not _inside(m, ads) for m in node.css(_MEDIA) if m.mem_id not in ads):
        return False
    text = htmlwalk.inline_text(node)
    return not text or "".join(c for c in text.casefold() if c.isalnum()) in AD_LABELS


def _items(container: LexborNode) -> list[_Item]:
    found: list[_Item] = []
    for child in container.iter():
        if not child.is_element_node:
            continue
        attrs = child.attributes
        item_id = clean_inline(attrs.get("id") or "")
        sort_time = rendered.epoch_time(attrs.get(SORT_TIME))
        if not item_id or sort_time is None:
            continue  # not an item of the list
        tombstone = TOMBSTONE in attrs
        if not tombstone and _is_empty(child):
            continue  # an ad slot between items
        update_time = rendered.epoch_time(attrs.get(UPDATE_TIME))
        found.append(_Item(child, item_id, sort_time, update_time, tombstone))
    return found


def _structured(tree: LexborHTMLParser, url: str) -> Snapshot | None:
    """The page's schema.org LiveBlogPosting, as its data gives it, or None."""
    from liveread.sources import schemaorg

    if not schemaorg.detect_html(tree):
        return None
    try:
        return schemaorg.parse_html(tree, url, enrich=False)
    except (NotALiveBlog, LayoutChanged) as exc:
        _log.info("%s: the AMP page's structured data is unusable (%s)", host(url), exc)
        return None


def _edited(item: _Item, *times: datetime | None) -> datetime | None:
    """The latest edit time that is after the item's sort time, if any."""
    later = [t for t in (item.update_time, *times) if t is not None and t > item.sort_time]
    return max(later) if later else None


def _from_item(item: _Item, base: str, blog: str, keys: frozenset[str]) -> Entry:
    """An entry from its item alone: first heading as title, the rest as body.

    A key event when the page's key-events box links to the item (*keys*).
    """
    heading = next(
        (h for h in item.node.css(_HEADINGS) if htmlwalk.inline_text(h)),
        None,
    )
    title = htmlwalk.inline_text(heading) if heading is not None else None
    shown = rendered.read(item.node, PROFILE, base, title=title, body_node=item.node)
    return Entry(
        id=item.id,
        published=item.sort_time,
        updated=_edited(item),
        title=title or None,
        body=shown.body or (),
        url=f"{blog}#{item.id}",
        authors=shown.authors,
        key_event=item.id in keys,
    )


def _cursor(items: list[_Item]) -> str | None:
    """The newest sort or update time of the list, in epoch ms (what the runtime polls with)."""
    times = [t for i in items for t in (i.sort_time, i.update_time) if t is not None]
    return str(int(max(times).timestamp() * 1000)) if times else None


def poll_url(page: str, cursor: str) -> str:
    """The page's own URL with ``amp_latest_update_time=<cursor>``, as the AMP runtime asks."""
    parts = urlsplit(page)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != POLL_PARAM]
    query.append((POLL_PARAM, cursor))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _page_of(url: str) -> str:
    """The fetched URL without its fragment and the poll parameter: what to poll."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != POLL_PARAM]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _title(tree: LexborHTMLParser) -> str:
    meta_title = tree.css_first(_TITLE)
    title = clean_inline(meta_title.attributes.get("content") or "") if meta_title else ""
    if title:
        return title
    headline = tree.css_first("h1")
    return htmlwalk.inline_text(headline) if headline is not None else ""


def parse_live_list(tree: LexborHTMLParser, url: str, source: str = "amp") -> Snapshot:
    """Read an AMP page's live list (and its JSON-LD, when it has one) into a snapshot.

    Args:
        tree: The parsed page.
        url: Where it was fetched (it names the blog; the poll asks it again).
        source: The name the snapshot carries.

    Raises:
        NotALiveBlog: The page holds no ``amp-live-list``.
        LayoutChanged: The list is there but none of its children is an item.

    """
    live_list = _choose(tree)
    container = _items_of(live_list)
    assert container is not None  # _choose picked a list with one
    items = _items(container)
    blog = blog_url(url)
    shown = [i for i in items if not i.tombstone]
    if not items and any(c.is_element_node for c in container.iter()):
        raise LayoutChanged(f"{host(url)}: an amp-live-list, but none of its children is an item")
    structured = _structured(tree, url)
    keys = rendered.key_event_ids(tree, PROFILE)
    by_item: dict[str, Entry] = {}
    if structured is not None and structured.entries:
        main = structured.main_image.url if structured.main_image else None
        page_images = ([main] if main else []) + meta.page_image_urls(tree)
        found = rendered.enrich(
            tree,
            structured.entries,
            base=url,
            profile=PROFILE,
            page_images=page_images,
            candidates=[i.node for i in shown],
            keys=keys,
        )
        for entry in found.entries:
            view = found.rendered.get(entry.id)
            if view is not None and view.element_id:
                by_item[view.element_id] = entry
        unmatched = len(structured.entries) - len(by_item)
        if unmatched:
            _log.info("%s: %d JSON-LD updates have no item in the list", host(url), unmatched)
    entries: list[Entry] = []
    for item in shown:
        given = by_item.get(item.id)
        if given is None:
            entries.append(_from_item(item, url, blog, keys))
            continue
        entries.append(
            given.with_changes(
                id=item.id,
                url=f"{blog}#{item.id}",
                published=item.sort_time,
                updated=_edited(item, given.updated),
            )
        )
    declared = (live_list.attributes.get(MAX_ITEMS) or "").strip()
    window = int(declared) if declared.isdigit() and int(declared) > 0 else len(shown)
    live: bool | None = structured.live if structured is not None else None
    if DISABLED in live_list.attributes:
        live = False  # the page has stopped updating its list
    return Snapshot(
        url=blog,
        source=source,
        entries=sort_newest_first(entries),
        title=(structured.title if structured is not None else "") or _title(tree),
        standfirst=structured.standfirst if structured is not None else "",
        live=live,
        main_image=structured.main_image if structured is not None else None,
        feed_ids=tuple(i.id for i in shown),
        kind="page",
        cursor=_cursor(items),
        source_data={"page": _page_of(url)},
        site_name=(structured.site_name if structured is not None else "") or meta.site_name(tree),
        removed_ids=tuple(i.id for i in items if i.tombstone),
        window=window or None,
    )
