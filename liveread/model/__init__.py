"""The data model: entries made of ordered body blocks, and the three things that hold them.

- a :class:`Snapshot` is what one response says (a page, or an update
  endpoint's answer): a source builds it, the cache applies it;
- a :class:`Blog` is the archive's view of a blog: every :class:`StoredEntry`
  ever seen, with its revisions and removals; the cache loads it;
- a :class:`FollowState` is what a follower remembers between runs.

Everything here is plain, frozen data with a JSON form. Strings in it have
already been through :mod:`liveread.sanitize`; nothing here touches the
network, the disk or the screen.
"""

from liveread.model._blog import (
    MAX_HEADERS,
    RESERVED_HEADERS,
    Blog,
    EntryRef,
    FollowState,
    Pages,
    Request,
    Snapshot,
    WalkMode,
    header_problem,
    history_note,
)
from liveread.model._entry import (
    BLOCK_KINDS,
    EMBED_KINDS,
    Block,
    Entry,
    Image,
    Revision,
    StoredEntry,
    sort_newest_first,
)

__all__ = [
    "BLOCK_KINDS",
    "EMBED_KINDS",
    "MAX_HEADERS",
    "RESERVED_HEADERS",
    "Block",
    "Blog",
    "Entry",
    "EntryRef",
    "FollowState",
    "Image",
    "Pages",
    "Request",
    "Revision",
    "Snapshot",
    "StoredEntry",
    "WalkMode",
    "header_problem",
    "history_note",
    "sort_newest_first",
]
