"""The demo: an invented live blog that grows over time, drawn in every format, served locally.

Three concepts, a package each, and the site that ties them together:

- :mod:`liveread.demo.story`: what happens (the script, the blog's state over
  time: :class:`DemoBlog`);
- :mod:`liveread.demo.render`: how it looks, one renderer per format;
- :mod:`liveread.demo.http`: how it is served (a small HTTP/1.1 engine);
- :mod:`liveread.demo.server`: :class:`DemoServer`, the demo site on
  127.0.0.1 that ``liveread demo`` and the test-suite run: each format's URLs
  answered by its renderer, the blog advancing on a story clock.

Names are imported on first use, so asking for the list of formats costs
nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.demo.formats import DEFAULT_FORMAT, FORMATS, DemoFormat
    from liveread.demo.render.amp import render_amp_page
    from liveread.demo.render.guardian import render_model, render_page, render_poll
    from liveread.demo.render.jsonld import render_jsonld_page, render_microdata_page
    from liveread.demo.render.reach import render_reach_page
    from liveread.demo.server import BLOG_PATH, DemoServer
    from liveread.demo.story import (
        DEFAULT_START,
        DEFAULT_URL,
        BlogState,
        DemoBlog,
        Happening,
        PageLink,
        PageSlice,
        Post,
        Story,
        StoryBlock,
        StoryEntry,
        StoryStep,
        load_story,
    )

__all__ = [
    "BLOG_PATH",
    "DEFAULT_FORMAT",
    "DEFAULT_START",
    "DEFAULT_URL",
    "FORMATS",
    "BlogState",
    "DemoBlog",
    "DemoFormat",
    "DemoServer",
    "Happening",
    "PageLink",
    "PageSlice",
    "Post",
    "Story",
    "StoryBlock",
    "StoryEntry",
    "StoryStep",
    "load_story",
    "render_amp_page",
    "render_jsonld_page",
    "render_microdata_page",
    "render_model",
    "render_page",
    "render_poll",
    "render_reach_page",
]

__getattr__ = attach(
    __name__,
    {
        ".formats": ("DEFAULT_FORMAT", "FORMATS", "DemoFormat"),
        ".render.amp": ("render_amp_page",),
        ".render.guardian": ("render_model", "render_page", "render_poll"),
        ".render.jsonld": ("render_jsonld_page", "render_microdata_page"),
        ".render.reach": ("render_reach_page",),
        ".server": ("BLOG_PATH", "DemoServer"),
        ".story": (
            "DEFAULT_START",
            "DEFAULT_URL",
            "BlogState",
            "DemoBlog",
            "Happening",
            "PageLink",
            "PageSlice",
            "Post",
            "Story",
            "StoryBlock",
            "StoryEntry",
            "StoryStep",
            "load_story",
        ),
    },
)
