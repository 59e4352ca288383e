"""Photos fetched on demand and kept beside the cache: bounded downloads, checked bytes.

:class:`PhotoStore` keeps one file per photo URL in a directory beside the
cache (``photos/``, named by the URL's SHA-256, so a URL never becomes a
path). :meth:`PhotoStore.fetch` downloads a photo only when asked (the
reader's key, never on its own), through liveread's :class:`~liveread.fetch.Fetcher`
with its own caps: at most :data:`MAX_BYTES` (the Content-Length is refused
before reading, and the count is kept while reading), :data:`DEADLINE`
seconds for the whole download, redirects bounded. What arrives is kept only
when its first bytes are those of a PNG, JPEG, GIF or WebP image
(:func:`image_type`: the bytes are checked, not what the server says they
are); it is written to a temporary file and moved into place, so a
half-written photo is never kept. :meth:`PhotoStore.cached` is what offline
mode shows. Every failure is a :class:`PhotoError` with one line saying what
and why. No Textual here: the TUI shows the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.errors import LivereadError
from liveread.fetch import human_size
from liveread.urls import host, is_safe_link

if TYPE_CHECKING:
    from liveread.fetch import Fetcher

__all__ = ["ACCEPT", "DEADLINE", "MAX_BYTES", "PhotoError", "PhotoStore", "image_type"]

#: The largest photo downloaded, in bytes.
MAX_BYTES = 8 * 1024 * 1024
#: Seconds a whole download may take (redirects included).
DEADLINE = 15.0
#: The Accept header of a photo request.
ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1"
#: The first bytes of each image format kept, and its name.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


class PhotoError(LivereadError):
    """A photo could not be had; the message is one line in plain words."""


def image_type(data: bytes) -> str | None:
    """The image format *data* starts as ("png", "jpeg", "gif", "webp"), or None."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


class PhotoStore:
    """Photos downloaded on demand, one file per URL, in *directory*.

    Args:
        directory: Where photos are kept (created when the first one is).

    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @classmethod
    def beside(cls, cache_file: Path) -> PhotoStore:
        """The photos kept beside a cache file (``photos/`` in its directory)."""
        return cls(cache_file.with_name("photos"))

    def path_for(self, url: str) -> Path:
        """Where the photo of *url* is (or would be) kept."""
        return self.directory / hashlib.sha256(url.encode("utf-8")).hexdigest()

    def cached(self, url: str) -> Path | None:
        """The photo of *url* when it was fetched before, else None."""
        path = self.path_for(url)
        return path if path.is_file() else None

    async def fetch(self, url: str, fetcher: Fetcher | None = None) -> Path:
        """The photo of *url*: the one kept, or downloaded now (bounded) and kept.

        Args:
            url: The photo's URL (an http or https address).
            fetcher: The fetcher to use (default: one of its own, closed after).

        Raises:
            PhotoError: Not a plain web address, the download failed, went
                past its caps, or what came is no image; nothing is kept then.

        """
        found = self.cached(url)
        if found is not None:
            return found
        if not is_safe_link(url):
            raise PhotoError("the photo's address is not a plain http(s) address")
        data = await self._download(url, fetcher)
        if image_type(data) is None:
            kinds = "PNG, JPEG, GIF, WebP"
            raise PhotoError(f"{host(url)} sent something that is not a photo ({kinds})")
        return self._keep(url, data)

    async def _download(self, url: str, fetcher: Fetcher | None) -> bytes:
        from liveread.fetch import Fetcher, FetchError, TooLarge

        own = fetcher is None
        client = fetcher or Fetcher(max_bytes=MAX_BYTES, deadline=DEADLINE)
        try:
            result = await client.get(url, accept=ACCEPT)
        except TooLarge:
            raise PhotoError(f"the photo is larger than {human_size(MAX_BYTES)}") from None
        except FetchError as exc:
            raise PhotoError(f"the photo could not be fetched: {exc}") from None
        finally:
            if own:
                await client.aclose()
        if len(result.content) > MAX_BYTES:  # a fetcher of the caller's, with a larger cap
            raise PhotoError(f"the photo is larger than {human_size(MAX_BYTES)}")
        return result.content

    def _keep(self, url: str, data: bytes) -> Path:
        """Write *data* as the photo of *url*: to a temporary file, then moved into place."""
        path = self.path_for(url)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            where = self.directory
            raise PhotoError(f"the photo could not be kept in {where}: {exc.strerror}") from None
        return path
