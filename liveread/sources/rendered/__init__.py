"""Rendered entries enrich structured data: find each update's element on the page, read it.

Structured data (schema.org JSON-LD or microdata) says what an update is,
but not everything a reader sees: key events, the entry's own photos with
caption and credit, its writer, its embeds are usually only in the rendered
entry. This package finds, for each structured update, the element the page
renders it as, and reads from that element what the structured data lacks or
gets wrong.

**Matching rests on general signals**, shared by many publishers, never on one
site's class names (liveread meets pages of publishers it has never seen):

- an element whose ``id`` is the update URL's fragment (``…#751105``);
- an element carrying a per-entry time attribute (:data:`POST_TIME_ATTRS`,
  epoch milliseconds or seconds, or ISO 8601) equal to the update's
  publication time, to the second;
- inside an entry, a ``<time datetime>`` equal to it, or a heading equal to
  the update's headline: the entry is then the largest ancestor of that
  signal holding no other update's signal (entries of a list are siblings).

A signal that fits several updates, or an element that several updates claim,
matches none of them: a wrong match is worse than none.

**What is taken from a matched element** is described by a :class:`Profile`:
data, not code, so the site-specific part of a publisher family (its
key-event marker, its caption and credit markup, where its writer's name
sits) lives beside that family's source. :data:`DEFAULT` is what an unknown
publisher gets: figcaption text as the caption, common credit classes, common
byline markup, the usual embed widgets, key events from a box of in-page
links named for them (:data:`KEY_EVENT_BOX_LINKS`), and its rendered text is not trusted
as the body (the structured text is kept; photos and embeds are added).

**Placeholders are not content.** Structured data often repeats the page's
own picture and its author list on every update. The page's own picture
(its main image, ``og:image``) and an image on every update are nobody's
photo; a rendered entry's photos are its photos (one that shows none keeps
only the structured data's own, which a page may load by script); authors
shared by every update are dropped where the rendered entries show that the
site names a writer per entry and this entry names none.

An update with no rendered element keeps what the structured data gives; on
a page that renders other updates it is a thinner view of its entry, so it is
reported in :attr:`Enriched.partial` (the cache never lets it overwrite a
fuller version read earlier).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.rendered._dom import element_time as element_time
    from liveread.sources.rendered._dom import epoch_time as epoch_time
    from liveread.sources.rendered._enrich import Enriched as Enriched
    from liveread.sources.rendered._enrich import enrich as enrich
    from liveread.sources.rendered._match import match as match
    from liveread.sources.rendered._profile import DEFAULT as DEFAULT
    from liveread.sources.rendered._profile import EDIT_TIME_ATTRS as EDIT_TIME_ATTRS
    from liveread.sources.rendered._profile import KEY_EVENT_BOX_LINKS as KEY_EVENT_BOX_LINKS
    from liveread.sources.rendered._profile import POST_TIME_ATTRS as POST_TIME_ATTRS
    from liveread.sources.rendered._profile import STANDARD_EMBEDS as STANDARD_EMBEDS
    from liveread.sources.rendered._profile import Embed as Embed
    from liveread.sources.rendered._profile import Profile as Profile
    from liveread.sources.rendered._read import Rendered as Rendered
    from liveread.sources.rendered._read import credit_text as credit_text
    from liveread.sources.rendered._read import key_event_ids as key_event_ids
    from liveread.sources.rendered._read import read as read
    from liveread.sources.rendered._read import tweet as tweet

__getattr__, __all__ = facade(
    __name__,
    {
        "._dom": ("element_time", "epoch_time"),
        "._enrich": ("Enriched", "enrich"),
        "._match": ("match",),
        "._profile": (
            "DEFAULT",
            "EDIT_TIME_ATTRS",
            "KEY_EVENT_BOX_LINKS",
            "POST_TIME_ATTRS",
            "STANDARD_EMBEDS",
            "Embed",
            "Profile",
        ),
        "._read": ("Rendered", "credit_text", "key_event_ids", "read", "tweet"),
    },
)
