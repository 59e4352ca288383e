"""HTML microdata (``itemscope`` / ``itemprop``) read into JSON-LD-shaped dicts.

A microdata item becomes a dict ``{"@type": [...], "@id": ..., "@anchor":
..., "<prop>": [values]}`` so the schema.org adapter can read it with the same
code as JSON-LD. Each value is a nested item (a dict, when the property's
element has ``itemscope``) or a :class:`Prop` (the element and the value its
attributes give). Properties belong to their nearest ``itemscope`` ancestor
only, as the microdata spec says: an update's headline is not the blog's.
``itemref`` is not followed (no live-blog page in the corpus uses it).

The page is not re-parsed: one CSS pass finds every ``itemprop`` element and
each is assigned to its owner by walking up its ancestors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["Items", "Prop", "local_name"]

#: Elements whose microdata value is a URL attribute, and which attribute.
_LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "audio": "src",
    "embed": "src",
    "iframe": "src",
    "img": "src",
    "source": "src",
    "track": "src",
    "video": "src",
    "object": "data",
}
#: Items nested deeper than this are read as plain properties (hostile pages
#: can nest thousands of itemscopes; nothing useful is that deep).
_MAX_DEPTH = 8


def local_name(term: str) -> str:
    """Return the last segment of a type or property name: ``https://schema.org/X`` -> ``X``."""
    term = term.strip().rstrip("/")
    for sep in ("/", "#", ":"):
        term = term.rsplit(sep, 1)[-1]
    return term


@dataclass(frozen=True)
class Prop:
    """One microdata property value that is not a nested item.

    Attributes:
        node: The element carrying ``itemprop``.
        content: The value as text when an attribute gives it (``meta``
            ``content``, any element's ``content``, ``time`` ``datetime``,
            ``data``/``meter`` ``value``), entities already decoded; else None
            (the value is the element's text).
        link: The URL attribute of a link or media element (``href``, ``src``,
            ``data``), or None.

    """

    node: LexborNode
    content: str | None
    link: str | None


class Items:
    """The microdata items of one parsed page, with each property assigned to its owner."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        """Index *tree*: which ``itemscope`` element owns each ``itemprop`` element."""
        self._scopes = {node.mem_id for node in tree.css("[itemscope]")}
        self._props: dict[int, list[LexborNode]] = {}
        if not self._scopes:
            return
        for node in tree.css("[itemprop]"):
            owner = self._owner(node)
            if owner is not None:
                self._props.setdefault(owner, []).append(node)

    def _owner(self, node: LexborNode) -> int | None:
        """Return the ``mem_id`` of the nearest ``itemscope`` ancestor of *node*, or None."""
        parent = node.parent
        while parent is not None:
            if parent.mem_id in self._scopes:
                return parent.mem_id
            parent = parent.parent
        return None

    def item(self, node: LexborNode, depth: int = 0) -> dict[str, Any]:
        """Read the item whose ``itemscope`` is on *node*.

        Args:
            node: An element with ``itemscope``.
            depth: How deep this item is nested (callers leave it at 0).

        Returns:
            ``{"@type": [local type names], "@id"?: itemid, "@anchor"?: the
            element's id, "<property>": [values in document order]}``.

        """
        attrs = node.attributes
        item: dict[str, Any] = {
            "@type": [local_name(t) for t in (attrs.get("itemtype") or "").split() if t]
        }
        if attrs.get("itemid"):
            item["@id"] = attrs["itemid"]
        if attrs.get("id"):
            item["@anchor"] = attrs["id"]
        for prop in self._props.get(node.mem_id, ()):
            names = (prop.attributes.get("itemprop") or "").split()
            if not names:
                continue
            value = self._value(prop, depth)
            for name in names:
                item.setdefault(local_name(name), []).append(value)
        return item

    def _value(self, node: LexborNode, depth: int) -> dict[str, Any] | Prop:
        """Return the value of one property element: a nested item or a :class:`Prop`."""
        attrs = node.attributes
        if "itemscope" in attrs and depth < _MAX_DEPTH:
            return self.item(node, depth + 1)
        tag = node.tag or ""
        content: str | None = None
        if tag == "meta" or attrs.get("content") is not None:
            # Many sites put ``content=`` on spans too (RDFa habit); honour it.
            content = attrs.get("content") or ""
        elif tag == "time" and attrs.get("datetime"):
            content = attrs["datetime"]
        elif tag in ("data", "meter") and attrs.get("value") is not None:
            content = attrs["value"]
        link_attr = _LINK_ATTRS.get(tag)
        link = attrs.get(link_attr) if link_attr else None
        return Prop(node, content, link or None)
