"""The data model: entries made of ordered body blocks, and the three things that hold them.

- a :class:`Snapshot` is what one response says (a page, or an update
  endpoint's answer): a source builds it, the cache applies it;
- a :class:`Blog` is the archive's view of a blog: every :class:`StoredEntry`
  ever seen, with its revisions and removals; the cache loads it;
- a :class:`FollowState` is what a follower remembers between runs.

Everything here is plain, frozen data with a JSON form. Strings in it have
already been through :mod:`liveread.sanitize`; nothing here touches the
network, the disk or the screen. Names are imported on first use: a reader
opening the cache builds no class of what a response says (``_snapshot``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.model._blog import Blog as Blog
    from liveread.model._blog import Pages as Pages
    from liveread.model._blog import history_note as history_note
    from liveread.model._entry import BLOCK_KINDS as BLOCK_KINDS
    from liveread.model._entry import EMBED_KINDS as EMBED_KINDS
    from liveread.model._entry import Block as Block
    from liveread.model._entry import Entry as Entry
    from liveread.model._entry import Image as Image
    from liveread.model._entry import Revision as Revision
    from liveread.model._entry import StoredEntry as StoredEntry
    from liveread.model._entry import sort_newest_first as sort_newest_first
    from liveread.model._live import LiveState as LiveState
    from liveread.model._snapshot import MAX_HEADERS as MAX_HEADERS
    from liveread.model._snapshot import RESERVED_HEADERS as RESERVED_HEADERS
    from liveread.model._snapshot import EntryRef as EntryRef
    from liveread.model._snapshot import FollowState as FollowState
    from liveread.model._snapshot import Request as Request
    from liveread.model._snapshot import Snapshot as Snapshot
    from liveread.model._snapshot import WalkMode as WalkMode
    from liveread.model._snapshot import header_problem as header_problem

__getattr__, __all__ = facade(
    __name__,
    {
        "._blog": ("Blog", "Pages", "history_note"),
        "._entry": (
            "BLOCK_KINDS",
            "EMBED_KINDS",
            "Block",
            "Entry",
            "Image",
            "Revision",
            "StoredEntry",
            "sort_newest_first",
        ),
        "._live": ("LiveState",),
        "._snapshot": (
            "MAX_HEADERS",
            "RESERVED_HEADERS",
            "EntryRef",
            "FollowState",
            "Request",
            "Snapshot",
            "WalkMode",
            "header_problem",
        ),
    },
)
