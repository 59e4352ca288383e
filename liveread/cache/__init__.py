"""The SQLite cache: every blog followed, every entry seen, every revision of it.

:class:`Cache` is the one way in. ``apply`` merges what one response said into
the cache in a single ``BEGIN IMMEDIATE`` transaction and says what changed
(:class:`Changes`); ``load(url)`` gives the whole cached blog back; ``search``
looks through every entry. No entry seen is ever deleted: an edit adds a
revision (an entry keeps at most :data:`MAX_REVISIONS`, the first and the
newest; a text that returns to an earlier version is that version again), an
entry that vanished upstream is flagged ``removed``; only
:meth:`Cache.remove_blog` deletes, when the user asks.

Inside: ``_schema`` (tables, migrations, opening a file safely), ``_apply``
(the merge rules), ``_read`` (the read queries), ``_rows`` (rows to model
objects, search syntax), ``_types`` and ``_records`` (the result records: a
blog's opening reads only the first), ``_store`` (the
:class:`Cache` class that ties them together).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.cache._apply import MAX_REVISIONS as MAX_REVISIONS
    from liveread.cache._lease import Lease as Lease
    from liveread.cache._log import Change as Change
    from liveread.cache._log import ChangeKind as ChangeKind
    from liveread.cache._log import Logged as Logged
    from liveread.cache._log import Origin as Origin
    from liveread.cache._records import Changes as Changes
    from liveread.cache._records import SearchHit as SearchHit
    from liveread.cache._records import Validators as Validators
    from liveread.cache._schema import CacheCheck as CacheCheck
    from liveread.cache._store import Cache as Cache
    from liveread.cache._types import BlogSummary as BlogSummary
    from liveread.cache._types import SinceReport as SinceReport

__getattr__, __all__ = facade(
    __name__,
    {
        "._apply": ("MAX_REVISIONS",),
        "._lease": ("Lease",),
        "._log": ("Change", "ChangeKind", "Logged", "Origin"),
        "._schema": ("CacheCheck",),
        "._store": ("Cache",),
        "._records": ("Changes", "SearchHit", "Validators"),
        "._types": ("BlogSummary", "SinceReport"),
    },
)
