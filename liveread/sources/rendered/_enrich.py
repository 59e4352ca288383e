"""Enriching structured updates with what their rendered entries show, placeholders dropped.

See :mod:`liveread.sources.rendered` for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.model import Block, Entry, Image
from liveread.sources._meta import same_picture
from liveread.sources.rendered._dom import fragment
from liveread.sources.rendered._match import match
from liveread.sources.rendered._profile import DEFAULT, Profile
from liveread.sources.rendered._read import Rendered, key_event_ids, read

__all__ = ["Enriched", "enrich"]

#: Share of the structured text's words a rendered body must hold to replace it.
_SAME_TEXT = 0.8
#: Updates that must all carry one image (or one author list) for it to be a placeholder.
_REPEATED = 3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Enriched:
    """Structured updates after the rendered entries had their say.

    Attributes:
        entries: The updates, in the order given, enriched where matched.
        partial: Ids of the updates shown only through the structured data on
            a page that renders entries (thinner views of their entries).
        rendered: What each matched update's element showed, by entry id.

    """

    entries: tuple[Entry, ...]
    partial: tuple[str, ...] = ()
    rendered: dict[str, Rendered] = field(default_factory=dict)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _same_text(structured: str, rendered: str) -> bool:
    """Tell whether a rendered body holds (most of) the structured text's words."""
    words = _words(structured)
    if not words:
        return True
    return len(words & _words(rendered)) >= _SAME_TEXT * len(words)


def _repeated(entries: Sequence[Entry]) -> tuple[set[str], tuple[str, ...] | None]:
    """Image URLs on every update, and the author list every update shares (placeholders)."""
    if len(entries) < _REPEATED:
        return set(), None
    image_sets = [{i.url for i in e.images if i.url} for e in entries]
    common = set.intersection(*image_sets) if image_sets else set()
    authors = {e.authors for e in entries}
    shared = next(iter(authors)) if len(authors) == 1 and next(iter(authors)) else None
    return common, shared


def _merge_images(shown: Sequence[Image], given: Sequence[Image]) -> list[Image]:
    """The rendered photos, with what the structured data says of the same picture filled in."""
    merged = []
    for image in shown:
        twin = next((g for g in given if same_picture(g.url, image.url)), None)
        if twin is not None:
            image = Image(image.caption or twin.caption, image.credit or twin.credit, image.url)
        merged.append(image)
    return merged


def _without_placeholders(
    entry: Entry, page_images: Collection[str], repeated: Collection[str]
) -> tuple[Block, ...]:
    def placeholder(url: str | None) -> bool:
        return url in repeated or any(same_picture(url, page) for page in page_images)

    return tuple(
        b
        for b in entry.body
        if b.kind != "image" or b.image is None or not placeholder(b.image.url)
    )


def _enriched_body(entry: Entry, shown: Rendered) -> tuple[Block, ...]:
    """The body of a matched update: the rendering's where trusted, else text plus its media.

    *entry* comes without its placeholder pictures. The photos are those the
    rendered entry shows (what the structured data says of the same picture
    filling gaps); when it shows none, the structured data's own (not
    placeholders) stay: a page may load its pictures by script.
    """
    given = [b.image for b in entry.body if b.kind == "image" and b.image is not None]
    text_blocks = [b for b in entry.body if b.kind != "image"]
    text = "\n".join(b.as_text() for b in text_blocks)
    extra = [] if shown.images else [Block("image", image=i) for i in given]
    if shown.body is not None:
        rendered_text = "\n".join(b.as_text() for b in shown.body)
        has_text = any(b.kind != "image" and b.kind != "embed" for b in shown.body)
        if (has_text or not text.strip()) and _same_text(text, rendered_text):
            merged = iter(_merge_images([b.image for b in shown.body if b.image], given))
            body = tuple(
                Block("image", image=next(merged)) if b.kind == "image" and b.image else b
                for b in shown.body
            )
            return (*body, *extra)
    known = {(b.embed, b.url) for b in text_blocks if b.kind == "embed"}
    embeds = [b for b in shown.embeds if (b.embed, b.url) not in known]
    photos = [Block("image", image=i) for i in _merge_images(shown.images, given)] or extra
    return (*text_blocks, *photos, *embeds)


def enrich(
    tree: LexborHTMLParser | None,
    entries: Sequence[Entry],
    *,
    base: str,
    profile: Profile = DEFAULT,
    page_images: Collection[str] = (),
    candidates: Sequence[LexborNode] | None = None,
    keys: frozenset[str] | None = None,
) -> Enriched:
    """Match structured updates to their rendered entries and take what they lack.

    Args:
        tree: The page, or None (bare JSON-LD: only placeholders are dropped).
        entries: The structured updates.
        base: The page URL.
        profile: What this publisher family marks, and how.
        page_images: The page's own pictures (its main image, ``og:image``):
            never an update's photo unless its rendered entry shows it.
        candidates: Only these elements may be entries (see :func:`match`).
        keys: The entry ids the page's key-events list names, when the caller
            has read them already (:func:`key_event_ids`); else read here.

    """
    repeated, shared_authors = _repeated(entries)
    found = match(tree, entries, candidates) if tree is not None and entries else {}
    if keys is None:
        keys = key_event_ids(tree, profile) if tree is not None else frozenset()
    shown = {i: read(node, profile, base, title=entries[i].title) for i, node in found.items()}
    # The site names a writer per entry, and not these: the shared list is the page's.
    per_entry = shared_authors is not None and any(
        r.authors and r.authors != shared_authors for r in shown.values()
    )
    out: list[Entry] = []
    partial: list[str] = []
    rendered: dict[str, Rendered] = {}
    for index, given in enumerate(entries):
        placeholder_authors = per_entry and given.authors == shared_authors
        key = given.key_event or fragment(given) in keys
        # The page's own picture, or one on every update, is nobody's photo.
        entry = given.with_changes(body=_without_placeholders(given, page_images, repeated))
        view = shown.get(index)
        if view is None:
            if found:
                partial.append(entry.id)
            out.append(
                entry.with_changes(
                    authors=() if placeholder_authors else entry.authors,
                    key_event=key,
                )
            )
            continue
        rendered[entry.id] = view
        # The structured authors stand unless they are the page's list (or missing).
        authors = view.authors if placeholder_authors or not entry.authors else entry.authors
        if placeholder_authors and not view.authors:
            authors = ()
        updated = entry.updated
        if view.updated is not None and view.updated > entry.published:
            updated = view.updated if updated is None else max(updated, view.updated)
        out.append(
            replace(
                entry,
                body=_enriched_body(entry, view),
                authors=authors,
                key_event=key or view.key_event or view.element_id in keys,
                updated=updated,
            )
        )
    return Enriched(tuple(out), tuple(partial), rendered)
