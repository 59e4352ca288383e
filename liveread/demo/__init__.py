"""The demo blog: an invented live blog that grows over time, and its renderers.

:class:`DemoBlog` is the blog's state (clock-free, deterministic);
:mod:`~liveread.demo.guardian_render` draws it as the Guardian's page, data
model and update-poll answers, :mod:`~liveread.demo.jsonld_render` as a
schema.org JSON-LD or microdata page, :mod:`~liveread.demo.reach_render` as a
Reach-platform live page and :mod:`~liveread.demo.amp_render` as an AMP
``amp-live-list`` page. The demo server (``server.py``) serves
these for ``liveread demo`` and the test-suite.
"""

from __future__ import annotations

from liveread.demo.amp_render import render_amp_page
from liveread.demo.guardian_render import render_model, render_page, render_poll
from liveread.demo.jsonld_render import render_jsonld_page, render_microdata_page
from liveread.demo.reach_render import render_reach_page
from liveread.demo.state import BlogState
from liveread.demo.story import Story, StoryBlock, StoryEntry, StoryStep, load_story
from liveread.demo.timeline import (
    DEFAULT_START,
    DEFAULT_URL,
    DemoBlog,
    Happening,
    PageLink,
    PageSlice,
    Post,
)

__all__ = [
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
    "render_amp_page",
    "render_jsonld_page",
    "render_microdata_page",
    "render_model",
    "render_page",
    "render_poll",
    "render_reach_page",
]
