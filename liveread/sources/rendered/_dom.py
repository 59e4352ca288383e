"""Small DOM and text helpers the parts of :mod:`liveread.sources.rendered` share.

Times read from attributes, how headings and fragments are compared,
ancestors and containment, one-line text leaving elements out, and what a
usable link is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta, timezone

from selectolax.lexbor import LexborNode

from liveread.model import Entry
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.times import parse_time

__all__ = [
    "FIGCAPTION",
    "HEADINGS",
    "HEADING_TAGS",
    "IMAGES",
    "INLINE",
    "ancestors",
    "element_time",
    "epoch_time",
    "fold",
    "fragment",
    "matches",
    "second",
    "text_without",
    "within",
]

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HEADINGS = ", ".join(sorted(HEADING_TAGS))
#: Elements the shared walker reads as inline text, whole.
INLINE = frozenset({"a", "span", "em", "strong", "b", "i", "small", "mark", "label", "u", "s"})
IMAGES = "img, amp-img"
FIGCAPTION = "figcaption"
#: An epoch value below this is seconds, above it milliseconds (1973 in ms, 5138 in s).
_MS_THRESHOLD = 100_000_000_000


def epoch_time(value: str | None) -> datetime | None:
    """Read a time attribute: epoch milliseconds or seconds, or ISO 8601; None if neither."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        seconds, millis = divmod(number, 1000) if number >= _MS_THRESHOLD else (number, 0)
        try:  # in whole numbers: a float would turn .921 into .920999
            return datetime.fromtimestamp(seconds, tz=timezone.utc) + timedelta(milliseconds=millis)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parse_time(text)
    except ValueError:
        return None


def element_time(node: LexborNode, attrs: Iterable[str]) -> datetime | None:
    """The first of *attrs* that *node* carries and that reads as a time."""
    for name in attrs:
        moment = epoch_time(node.attributes.get(name))
        if moment is not None:
            return moment
    return None


def second(moment: datetime) -> int:
    """A moment to the second (signals are compared at that precision)."""
    return int(moment.timestamp() // 1)


def fold(text: str | None) -> str:
    """Text as headings are compared: sanitized, whitespace collapsed, case folded."""
    return " ".join(clean_inline(text or "").split()).casefold()


def fragment(entry: Entry) -> str:
    """The fragment of an entry's URL ("" when it has none): how its page names it."""
    return entry.url.partition("#")[2]


def ancestors(node: LexborNode) -> list[LexborNode]:
    """*node*'s ancestors, nearest first, up to (not including) the document."""
    found = []
    parent = node.parent
    while parent is not None and parent.tag not in ("-document", "html"):
        found.append(parent)
        parent = parent.parent
    return found


def matches(node: LexborNode, selector: str) -> bool:
    """Tell whether *node* itself (not only something inside it) matches *selector*."""
    if not selector:
        return False
    first = node.css_first(selector)  # document order: the node itself comes first
    return first is not None and first.mem_id == node.mem_id


def within(node: LexborNode, ids: Collection[int]) -> bool:
    """Tell whether *node*, or one of its ancestors, is among the elements *ids* (``mem_id``)."""
    return node.mem_id in ids or any(a.mem_id in ids for a in ancestors(node))


def text_without(node: LexborNode, skip: Collection[int]) -> str:
    """*node*'s one-line text, leaving out the elements in *skip*."""
    out: list[str] = []

    def walk(current: LexborNode) -> None:
        for child in current.iter(include_text=True):
            if child.tag == "-text":
                out.append(child.text_content or "")
            elif child.mem_id in skip or child.tag in htmlwalk.DROP_TAGS:
                continue
            else:
                if child.tag in ("div", "p", "br", "span-block"):
                    out.append(" ")
                walk(child)

    walk(node)
    return clean_inline(" ".join("".join(out).split()))
