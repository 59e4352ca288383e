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

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.demo.formats import DEFAULT_FORMAT as DEFAULT_FORMAT
    from liveread.demo.formats import FORMATS as FORMATS
    from liveread.demo.formats import DemoFormat as DemoFormat
    from liveread.demo.render.amp import render_amp_page as render_amp_page
    from liveread.demo.render.guardian import render_model as render_model
    from liveread.demo.render.guardian import render_page as render_page
    from liveread.demo.render.guardian import render_poll as render_poll
    from liveread.demo.render.jsonld import render_jsonld_page as render_jsonld_page
    from liveread.demo.render.jsonld import render_microdata_page as render_microdata_page
    from liveread.demo.render.reach import render_reach_page as render_reach_page
    from liveread.demo.server import BLOG_PATH as BLOG_PATH
    from liveread.demo.server import DemoServer as DemoServer
    from liveread.demo.story import DEFAULT_START as DEFAULT_START
    from liveread.demo.story import DEFAULT_URL as DEFAULT_URL
    from liveread.demo.story import BlogState as BlogState
    from liveread.demo.story import DemoBlog as DemoBlog
    from liveread.demo.story import Happening as Happening
    from liveread.demo.story import PageLink as PageLink
    from liveread.demo.story import PageSlice as PageSlice
    from liveread.demo.story import Post as Post
    from liveread.demo.story import Story as Story
    from liveread.demo.story import StoryBlock as StoryBlock
    from liveread.demo.story import StoryEntry as StoryEntry
    from liveread.demo.story import StoryStep as StoryStep
    from liveread.demo.story import load_story as load_story

__getattr__, __all__ = facade(
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
