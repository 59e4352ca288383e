"""The demo blog in the Guardian's shapes: the page, the article data model, the poll answer.

:func:`render_page`, :func:`render_model` and :func:`render_poll` (in
``_render``, with the rules taken from the Guardian's own renderer) build on
``_page`` (the page's frame: head, structured data, navigation), ``_markup``
(posts, carousels, the Liveness island), ``_elements`` (the data model's
elements) and ``_assets`` (icons and styles).
"""

from __future__ import annotations

from liveread.demo.render.guardian._page import SITE_NAME
from liveread.demo.render.guardian._render import render_model, render_page, render_poll

__all__ = ["SITE_NAME", "render_model", "render_page", "render_poll"]
