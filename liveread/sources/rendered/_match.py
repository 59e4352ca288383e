"""Matching structured updates to the elements a page renders them as, by general signals.

See :mod:`liveread.sources.rendered` for the signals and why an ambiguous one
matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.model import Entry
from liveread.sources import _html as htmlwalk
from liveread.sources.rendered._dom import (
    HEADINGS,
    ancestors,
    element_time,
    epoch_time,
    fold,
    fragment,
    second,
)
from liveread.sources.rendered._profile import POST_TIME_ATTRS

__all__ = ["match"]

_TIME_ELEMENTS = "time[datetime]"
#: Elements an entry cannot be: matching never climbs this far.
_TOO_BIG = frozenset({"html", "body", "head", "main"})


def _unique(found: dict[int, list[LexborNode]]) -> dict[int, LexborNode]:
    """Keep the updates for which exactly one distinct element was found."""
    out: dict[int, LexborNode] = {}
    for index, nodes in found.items():
        distinct = {n.mem_id: n for n in nodes}
        if len(distinct) == 1:
            out[index] = next(iter(distinct.values()))
    return out


def _by_id(tree: LexborHTMLParser, entries: Sequence[Entry]) -> dict[int, list[LexborNode]]:
    wanted: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        anchor = fragment(entry)
        if anchor:
            wanted.setdefault(anchor, []).append(index)
    found: dict[int, list[LexborNode]] = {}
    if not wanted:
        return found
    for node in tree.css("[id]"):
        indexes = wanted.get(node.attributes.get("id") or "")
        if indexes is None or len(indexes) > 1:
            continue  # a fragment several updates share names none of them
        found.setdefault(indexes[0], []).append(node)
    return found


def _by_key(
    entries: Sequence[Entry], nodes: Iterable[tuple[int | str, LexborNode]], key: str
) -> dict[int, list[LexborNode]]:
    """Match signal nodes to the one update with the same key ("time" or "title")."""
    owners: dict[int | str, list[int]] = {}
    for index, entry in enumerate(entries):
        value: int | str | None = (
            second(entry.published) if key == "time" else fold(entry.title) or None
        )
        if value is not None:
            owners.setdefault(value, []).append(index)
    found: dict[int, list[LexborNode]] = {}
    for value, node in nodes:
        indexes = owners.get(value)
        if indexes is not None and len(indexes) == 1:
            found.setdefault(indexes[0], []).append(node)
    return found


def _climb(inner: dict[int, list[LexborNode]]) -> dict[int, list[LexborNode]]:
    """For signals inside entries: each one's largest ancestor holding no other update's signal."""
    owners: dict[int, set[int]] = {}  # element -> the updates with a signal under it
    chains: list[tuple[int, LexborNode, list[LexborNode]]] = []
    for index, nodes in inner.items():
        for node in nodes:
            chain = ancestors(node)
            chains.append((index, node, chain))
            for ancestor in (node, *chain):
                owners.setdefault(ancestor.mem_id, set()).add(index)
    found: dict[int, list[LexborNode]] = {}
    for index, node, chain in chains:
        best: LexborNode | None = None
        for ancestor in (node, *chain):
            if ancestor.tag in _TOO_BIG:
                best = None  # nothing bounded it: no list of entries to tell them apart
                break
            if owners[ancestor.mem_id] != {index}:
                break  # the list: its child holding this signal is the entry
            best = ancestor
        else:
            best = None
        if best is not None and best is not node:
            found.setdefault(index, []).append(best)
    return found


def match(
    tree: LexborHTMLParser,
    entries: Sequence[Entry],
    candidates: Sequence[LexborNode] | None = None,
) -> dict[int, LexborNode]:
    """Find the rendered element of each update: ``{index in entries: element}``.

    Args:
        tree: The page.
        entries: The structured updates (their ``url`` fragment, ``published``
            and ``title`` are the signals).
        candidates: When given, only these elements may be entries (an AMP
            list's items); the general search is skipped.

    """
    if candidates is not None:
        timed = ((second(t), n) for n in candidates if (t := element_time(n, POST_TIME_ATTRS)))
        in_list = _unique(_by_key(entries, timed, "time"))
        return _settle([_unique(_by_id_among(candidates, entries)), in_list])
    named = _by_id(tree, entries)
    # An empty anchor (``<a id=…></a>``) marks where an entry starts: climb from it.
    empty = {i: [n for n in ns if _is_marker(n)] for i, ns in named.items()}
    by_id = {i: [n for n in ns if not _is_marker(n)] for i, ns in named.items()}
    timed_nodes = tree.css(", ".join(f"[{a}]" for a in POST_TIME_ATTRS))
    timed = ((second(t), n) for n in timed_nodes if (t := element_time(n, POST_TIME_ATTRS)))
    direct = _by_key(entries, timed, "time")
    stamps = (
        (second(t), n)
        for n in tree.css(_TIME_ELEMENTS)
        if (t := epoch_time(n.attributes.get("datetime")))
    )
    heads = ((fold(htmlwalk.inline_text(n)), n) for n in tree.css(HEADINGS))
    inner: dict[int, list[LexborNode]] = {}
    for source in (_by_key(entries, stamps, "time"), _by_key(entries, heads, "title"), empty):
        for index, nodes in source.items():
            inner.setdefault(index, []).extend(nodes)
    return _settle([_unique(by_id), _unique(direct), _unique(_climb(inner))])


def _by_id_among(
    candidates: Sequence[LexborNode], entries: Sequence[Entry]
) -> dict[int, list[LexborNode]]:
    ids = {n.attributes.get("id") or "": n for n in candidates}
    found: dict[int, list[LexborNode]] = {}
    for index, entry in enumerate(entries):
        node = ids.get(fragment(entry))
        if node is not None and fragment(entry):
            found.setdefault(index, []).append(node)
    return found


def _is_marker(node: LexborNode) -> bool:
    """An element with nothing in it: an anchor marking a place, not an entry."""
    return node.first_child is None


def _settle(levels: list[dict[int, LexborNode]]) -> dict[int, LexborNode]:
    """Combine matches, strongest signal first.

    An element two updates claim at one level is nobody's. A weaker match
    inside or around an element a stronger one settled is dropped (a heading
    that quotes another update's headline is not that update). Within one
    level, an element holding another update's element is a list, not an
    entry. Containment is decided on ancestor sets, so the cost stays linear.
    """
    settled: dict[int, LexborNode] = {}
    held: set[int] = set()  # the settled elements
    around: set[int] = set()  # every ancestor of a settled element
    for level in levels:
        claims: dict[int, list[int]] = {}
        for index, node in level.items():
            if index not in settled and node.mem_id not in held:
                claims.setdefault(node.mem_id, []).append(index)
        fresh: dict[int, tuple[LexborNode, set[int]]] = {}
        for indexes in claims.values():
            if len(indexes) != 1:
                continue
            node = level[indexes[0]]
            above = {a.mem_id for a in ancestors(node)}
            if above & held or node.mem_id in around:
                continue
            fresh[indexes[0]] = (node, above)
        lists = {m for _, above in fresh.values() for m in above}
        for index, (node, above) in fresh.items():
            if node.mem_id in lists:
                continue
            settled[index] = node
            held.add(node.mem_id)
            around |= above
    return settled
