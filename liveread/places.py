"""Where the reader left each blog: the entry at the top of the feed when they last left it.

:class:`Places` keeps one small JSON file beside the cache (``places.json``),
a blog's URL to an entry id, so that reopening a blog returns to the entry the
reader was on. The file is the reader's convenience, nothing more: one that is
missing, unreadable, too large or not what liveread writes is an empty one;
it is written whole to a temporary file and moved into place, so a crash never
leaves half of it; at most :data:`MOST` blogs are kept (the latest left).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

__all__ = ["MAX_BYTES", "MOST", "Places"]

#: A larger file is not read (it is not one liveread wrote).
MAX_BYTES = 1_000_000
#: How many blogs' places are kept (the latest left first to stay).
MOST = 500
#: The longest entry id kept (a longer one is no entry id liveread stored).
_ID_MAX = 500


class Places:
    """The reader's place in each blog, kept in *path*.

    Args:
        path: The JSON file (created on the first :meth:`put`).

    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            if self.path.stat().st_size > MAX_BYTES:
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            url: entry_id
            for url, entry_id in data.items()
            if isinstance(url, str) and isinstance(entry_id, str) and 0 < len(entry_id) <= _ID_MAX
        }

    def get(self, url: str) -> str | None:
        """The entry the reader was on in the blog at *url*, or None."""
        return self._read().get(url)

    def put(self, url: str, entry_id: str) -> bool:
        """Remember that the reader was on *entry_id* in the blog at *url*; False if not written."""
        places = self._read()
        places.pop(url, None)
        places[url] = entry_id  # last: the latest left
        kept = dict(list(places.items())[-MOST:])
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return False
        return True
