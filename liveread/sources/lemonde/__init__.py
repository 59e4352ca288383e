"""Le Monde's "en direct" pages: posts, "L'Essentiel" as key events, readers' questions, the end.

:class:`LeMondeSource` is the source; :mod:`._profile` is the markup;
:func:`read_page` reads a page and :func:`continuation` finds the next live
an ended one links to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.lemonde._read import continuation, paris_to_utc, read_page, read_post
    from liveread.sources.lemonde._source import LeMondeSource

__all__ = ["LeMondeSource", "continuation", "paris_to_utc", "read_page", "read_post"]

__getattr__ = attach(
    __name__,
    {
        "._read": ("continuation", "paris_to_utc", "read_page", "read_post"),
        "._source": ("LeMondeSource",),
    },
)
