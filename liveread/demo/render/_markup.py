"""Small helpers every demo renderer shares: escaping, JSON in attributes, times, ids.

The Guardian's renderer (dotcom-rendering) writes times three ways at once: an
ISO string with milliseconds in ``time[dateTime]``, epoch milliseconds in
island props and the data model, and display strings ("14.35 GMT", with a
no-break space) in the edition's time zone. Those display strings are for
people; parsers must use the first two. The helpers here produce all three.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from liveread.demo.story import Post, StoryBlock

__all__ = [
    "VOID",
    "attr",
    "blocks_html",
    "class_name",
    "compact_json",
    "dateline",
    "display_time",
    "element_id",
    "epoch_ms",
    "esc",
    "h",
    "iso_ms",
    "json_attr",
    "london",
    "plain_blocks",
    "time_ago",
    "time_title",
    "tweet_html",
]

try:  # the edition's zone; fall back to UTC where no tz database is installed
    from zoneinfo import ZoneInfo

    _LONDON: Any = ZoneInfo("Europe/London")
except Exception:
    _LONDON = timezone.utc

_NBSP = "\u00a0"


def esc(text: str) -> str:
    """Escape text for an HTML text node (``&``, ``<``, ``>``; quotes left as they are)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML attribute value."""
    return html.escape(text, quote=True)


#: Elements without content or end tag.
VOID = frozenset({"img", "input", "source", "meta", "link", "br"})


def h(name: str, attrs: Mapping[str, str | int | None] | None = None, *children: str) -> str:
    """Return an element: attribute values are escaped here, *children* are HTML already.

    Attributes whose value is None are left out, so optional ones read naturally.
    """
    parts = [name]
    for key, value in (attrs or {}).items():
        if value is not None:
            parts.append(f'{key}="{attr(str(value))}"')
    start = "<" + " ".join(parts) + ">"
    if name in VOID:
        return start
    return start + "".join(children) + f"</{name}>"


def compact_json(data: Any) -> str:
    """Return JSON as ``JSON.stringify`` writes it: compact, non-ASCII kept as it is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_attr(data: Any) -> str:
    r"""Return JSON for a ``props``/``config`` attribute, HTML-escaped as the renderer does.

    Non-ASCII stays as it is (``JSON.stringify`` does not escape it); control
    characters below 0x20 come out as ``\u001b`` escapes, C1 and bidi
    characters raw, exactly as in a real page.
    """
    return attr(compact_json(data))


def epoch_ms(moment: datetime) -> int:
    """Epoch milliseconds of an aware datetime."""
    return round(moment.timestamp() * 1000)


def iso_ms(moment: datetime) -> str:
    """``Date.toISOString()``: UTC with milliseconds, e.g. ``2026-11-27T14:35:40.000Z``."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _local(moment: datetime) -> datetime:
    return moment.astimezone(_LONDON)


def london(moment: datetime) -> datetime:
    """*moment* on a British site's clock (Europe/London; UTC without a tz database)."""
    return _local(moment)


def display_time(moment: datetime, *, zone: bool = True) -> str:
    """Return the edition's display time, ``14.35 GMT`` (no-break space) or ``14.35``."""
    local = _local(moment)
    text = local.strftime("%H.%M")
    return f"{text}{_NBSP}{local.tzname() or 'GMT'}" if zone else text


def dateline(moment: datetime) -> str:
    """Return a block's date line, ``Fri 27 Nov 2026 14.35 GMT``."""
    local = _local(moment)
    return f"{local:%a} {local.day} {local:%b %Y} {display_time(moment)}"


def time_title(moment: datetime) -> str:
    """Return a ``time[title]`` (in UTC, as the real renderer writes it).

    For example ``Friday, 27 November 2026 at 14:35 Coordinated Universal Time``.
    """
    utc = moment.astimezone(timezone.utc)
    return f"{utc:%A}, {utc.day} {utc:%B %Y} at {utc:%H:%M} Coordinated Universal Time"


def time_ago(then: datetime, now: datetime) -> str:
    """Return the frozen relative text ``timeAgo`` renders on the server ("52s ago", "3h ago")."""
    seconds = max(0, int((now - then) / timedelta(seconds=1)))
    if seconds < 60:
        return f"{seconds}s ago"
    if seconds < 3600:
        return f"{seconds // 60}m ago"
    if seconds < 86400:
        return f"{seconds // 3600}h ago"
    local = _local(then)
    return f"{local.day} {local:%b}"


def element_id(*parts: str) -> str:
    """Return a stable UUID-shaped element id derived from *parts*."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"


def class_name(component: str) -> str:
    """Return a generated ``dcr-xxxxxx`` class name for a component (never select on these)."""
    digest = hashlib.blake2b(component.encode("utf-8"), digest_size=5).digest()
    number = int.from_bytes(digest, "big")
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(7):
        number, rest = divmod(number, 36)
        out += chars[rest]
    return "dcr-" + out


def tweet_html(block: StoryBlock, post: Post, *, nojs: bool = False) -> str:
    """Return a tweet's embed HTML (``twitter-tweet``; ``nojs-tweet`` as the page shows it)."""
    when = post.entry.published
    date = f"{when:%B} {when.day}, {when.year}"
    url = block.url or ""
    css = "nojs-tweet" if nojs else "twitter-tweet"
    return (
        f'<blockquote class="{css}"><p lang="en" dir="ltr">{esc(block.text)}</p>&mdash; '
        f'{esc(block.by)} <a href="{attr(url)}?ref_src=twsrc%5Etfw">'
        f"{date}</a></blockquote>\n"
    )


def blocks_html(
    blocks: Iterable[StoryBlock],
    block_html: Callable[[StoryBlock], str],
    list_attrs: Mapping[str, str | int | None] | None = None,
) -> str:
    """A post's body: each run of list items as one ``ul``, the other blocks by *block_html*.

    Args:
        blocks: The post's story blocks, in order.
        block_html: Draws one block that is not a list item ("" leaves it out).
        list_attrs: The list element's attributes, as the format writes them.

    """
    out: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.kind == "list_item":
            items.append(h("li", None, block.inner_html))
            continue
        if items:
            out.append(h("ul", list_attrs, *items))
            items = []
        out.append(block_html(block))
    if items:
        out.append(h("ul", list_attrs, *items))
    return "".join(out)


def plain_blocks(
    post: Post, figure: Callable[[StoryBlock], str], video_class: str
) -> Callable[[StoryBlock], str]:
    """Draw a post's blocks as plain HTML, as the Brightspot and Sky renderings write them.

    Paragraphs, ``h3`` headings, a quote's ``blockquote``, the photo by the
    format's own *figure*, the tweet, a YouTube frame in a ``div`` of
    *video_class*, a link as its own paragraph; an unknown kind draws nothing.
    """

    def draw(block: StoryBlock) -> str:
        if block.kind == "paragraph":
            return h("p", None, block.inner_html)
        if block.kind == "heading":
            return h("h3", None, block.inner_html)
        if block.kind == "quote":
            return h("blockquote", None, h("p", None, block.inner_html))
        if block.kind == "image":
            return figure(block)
        if block.kind == "tweet":
            return tweet_html(block, post)
        if block.kind == "video":
            src = f"https://www.youtube.com/embed/{block.asset_id}"
            frame = h("iframe", {"src": src, "title": block.title, "allowfullscreen": ""})
            return h("div", {"class": video_class}, frame)
        if block.kind == "link":
            return h("p", None, h("a", {"href": block.url}, esc(block.text)))
        return ""

    return draw
