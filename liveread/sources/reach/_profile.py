"""How Reach's live platform marks up its rendered entries: selectors, as data.

An entry is ``div.live-event-entry`` with ``id`` (the JSON-LD update URL's
fragment), ``data-type`` (``default`` or ``key-event``), ``data-post-time``
and ``data-last-modified-time`` (epoch ms); ``.entry-info`` holds a local
``<time>`` and the writer in ``<mark>``, which on a key event says "KEY
EVENT" instead; ``.entry-content`` the ``h3`` headline, paragraphs, embeds
and photos (``figure`` then ``figcaption`` with ``span.caption`` and
``span.credit``, the credit written "(Image: Agency)"). A
``.live-event-key-events`` box lists key events as ``.key-bubble a[data-id]``.
Matching an entry to its JSON-LD update needs none of this: the engine's
general signals (the id, the post time) find it.
"""

from __future__ import annotations

from liveread.sources.rendered import DEFAULT, STANDARD_EMBEDS, Embed, Profile

__all__ = ["PROFILE"]

PROFILE = Profile(
    name="reach",
    body=".entry-content",
    key_event='[data-type="key-event"]',
    key_event_links=".live-event-key-events .key-bubble a[data-id]",
    key_event_attr="data-id",
    byline=".entry-info mark",
    not_names=frozenset({"key event"}),
    caption="span.caption",
    credit="span.credit",
    # The platform's own video player, beside the standard widgets.
    embeds=(
        *STANDARD_EMBEDS,
        Embed("[data-embedded-content-path]", "video", "data-embedded-content-path"),
    ),
    skip=DEFAULT.skip,
)
