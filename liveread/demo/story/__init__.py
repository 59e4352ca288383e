"""The demo's story: what happens to the invented blog, and when, with no clock of its own.

The script (``story.txt``, read by :func:`load_story`) tells an invented storm
in the fictional Marlhaven as entries and later steps (publish, edit, remove,
pin, a new key event, the end). :class:`BlogState` holds what is published at
a moment (posts, pin, key-event flags, live or ended) and pages it as sites do;
:class:`DemoBlog` drives that state through the script, one
:class:`Happening` at a time, and keeps it growing with generated entries once
the script runs out. Renderers draw a :class:`DemoBlog`; the server asks it to
advance as its clock runs.

Inside: ``_script`` (the story's types and reader), ``_state`` (the published
state), ``_blog`` (the blog over time), ``_paging`` (pages and the poll's
window), ``_convert`` (story blocks to model blocks), ``_generate`` (entries
after the script).
"""

from __future__ import annotations

from liveread.demo.story._blog import (
    DEFAULT_START,
    DEFAULT_URL,
    DemoBlog,
    Happening,
    PageLink,
    PageSlice,
    Post,
)
from liveread.demo.story._convert import model_block, story_block
from liveread.demo.story._paging import bare_id, page_for_query, page_slice, page_with, window_after
from liveread.demo.story._script import (
    TEAM,
    TEAM_ROLES,
    Story,
    StoryBlock,
    StoryEntry,
    StoryStep,
    inline_html,
    load_story,
    parse_story,
)
from liveread.demo.story._state import BlogState, Change

__all__ = [
    "DEFAULT_START",
    "DEFAULT_URL",
    "TEAM",
    "TEAM_ROLES",
    "BlogState",
    "Change",
    "DemoBlog",
    "Happening",
    "PageLink",
    "PageSlice",
    "Post",
    "Story",
    "StoryBlock",
    "StoryEntry",
    "StoryStep",
    "bare_id",
    "inline_html",
    "load_story",
    "model_block",
    "page_for_query",
    "page_slice",
    "page_with",
    "parse_story",
    "story_block",
    "window_after",
]
