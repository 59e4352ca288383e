"""Pieces of the HTTP fetcher that need no network: header parsing and bounded decoding.

:mod:`liveread.fetch` re-exports :func:`parse_retry_after` and
:func:`parse_max_age`; this module exists so that the fetcher itself stays
readable. Nothing here imports httpx.

The bounded decoder is the gzip-bomb defence: httpx's own decoder inflates a
chunk without a limit (one 64 KiB read of a bomb became 64 MiB in memory), so
the fetcher reads raw bytes and feeds them here, where every ``decompress``
call is capped by ``max_length`` and the running total is checked against the
size cap before the next call is made.
"""

from __future__ import annotations

import math
import re
import zlib
from datetime import datetime, timezone

__all__ = [
    "MAX_DELAY",
    "BoundedDecoder",
    "DecodeError",
    "SizeExceeded",
    "human_size",
    "parse_max_age",
    "parse_retry_after",
]

MAX_DELAY = 24 * 60 * 60.0
"""Longest delay a server may impose through Retry-After or max-age (24 h)."""

# Output of one decompress call; keeps the overshoot past the cap small.
_STEP = 64 * 1024
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_AGE = re.compile(r'^\s*max-age\s*=\s*"?(\d+)"?\s*$', re.IGNORECASE)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Turn a Retry-After header into seconds to wait.

    Args:
        value: The header value: delay-seconds (``"120"``) or an HTTP-date
            (``"Wed, 21 Oct 2015 07:28:00 GMT"``).
        now: The current time for HTTP-dates (default: now, UTC). A naive
            datetime is taken as UTC.

    Returns:
        Seconds to wait, at least 0 (a date in the past means "now") and at most
        24 h; ``None`` when the header is absent or garbage.

    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _SECONDS.match(text):
        return min(float(text), MAX_DELAY)
    try:
        # Imported here: email.utils costs ~7 ms at start-up (the TUI imports this
        # module for a constant), and an HTTP-date Retry-After is rare.
        from email.utils import parsedate_to_datetime

        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:  # older Pythons return None instead of raising
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now or datetime.now(timezone.utc)
    if current.tzinfo is None:
        current = current.replace(tzinfo=timezone.utc)
    delay = (when - current).total_seconds()
    if math.isnan(delay):
        return None
    return min(max(delay, 0.0), MAX_DELAY)


def parse_max_age(cache_control: str | None) -> float | None:
    """Read the ``max-age`` of a Cache-Control header, in seconds.

    Only ``max-age`` counts (``s-maxage`` is for shared caches; liveread is a
    private one). The first ``max-age`` wins; the value is capped at 24 h.

    Args:
        cache_control: The header value, e.g. ``"public, max-age=5"``.

    Returns:
        Seconds, or ``None`` when absent or not a non-negative integer.

    """
    if not cache_control:
        return None
    for directive in cache_control.split(","):
        if directive.strip().lower().startswith("max-age"):
            match = _MAX_AGE.match(directive)
            if match is None:
                return None
            return min(float(match.group(1)), MAX_DELAY)
    return None


def human_size(n: int) -> str:
    """``8388608`` → ``"8 MiB"``; sizes that are not whole MiB/KiB keep a decimal."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


class DecodeError(Exception):
    """The compressed body is corrupt or cut short (message says which)."""


class SizeExceeded(Exception):
    """The decoded body passed the size cap."""


class BoundedDecoder:
    """Incremental decoder for one Content-Encoding that never exceeds a size cap.

    Memory held is at most ``limit`` plus one step (64 KiB) of output, whatever
    the compression ratio of the input.

    Args:
        encoding: ``""``/``"identity"``, ``"gzip"``/``"x-gzip"`` or ``"deflate"``.
        limit: Most decoded bytes accepted; one more raises :class:`SizeExceeded`.

    Raises:
        DecodeError: For an encoding it does not know.

    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.encoding = encoding.strip().lower()
        self._parts: list[bytes] = []
        self._fed = False
        self._deflate_probe = self.encoding == "deflate"
        if self.encoding in ("", "identity"):
            self._zlib = None
        elif self.encoding in ("gzip", "x-gzip"):
            # 32 + MAX_WBITS: accept a gzip or a zlib header (servers mix them up).
            self._zlib = zlib.decompressobj(32 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            # "deflate" should be zlib-wrapped; some servers send raw deflate.
            # Try zlib first and fall back to raw on the first chunk (as browsers do).
            self._zlib = zlib.decompressobj()
        else:
            raise DecodeError(f"the server used an encoding liveread cannot read ({encoding})")

    def feed(self, data: bytes) -> None:
        """Decode one raw chunk, keeping the output.

        Raises:
            SizeExceeded: As soon as the decoded total passes the limit.
            DecodeError: When the compressed data is corrupt.

        """
        if not data:
            return
        if self._zlib is None:
            self._add(data)
            return
        if self._deflate_probe:
            self._deflate_probe = False
            try:
                self._inflate(data)
            except zlib.error:
                if self.size:
                    raise DecodeError("the server sent a corrupt deflate body") from None
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._parts.clear()
                self._run(data)
            self._fed = True
            return
        self._run(data)
        self._fed = True

    def _run(self, data: bytes) -> None:
        try:
            self._inflate(data)
        except zlib.error:
            raise DecodeError(f"the server sent a corrupt {self.encoding} body") from None

    def _inflate(self, data: bytes) -> None:
        assert self._zlib is not None
        pending = data
        while pending:
            # Never ask for more than one step past the cap: a bomb can only
            # get one step of output into memory before SizeExceeded.
            room = self.limit - self.size + 1
            out = self._zlib.decompress(pending, min(_STEP, room))
            self._add(out)
            pending = self._zlib.unconsumed_tail
            if self._zlib.eof:
                rest = self._zlib.unused_data
                if self.encoding == "deflate" or not rest.strip(b"\x00"):
                    return  # trailing padding after the stream: ignore
                # A second gzip member follows (concatenated gzip is legal).
                self._zlib = zlib.decompressobj(32 + zlib.MAX_WBITS)
                pending = rest

    def _add(self, out: bytes) -> None:
        if not out:
            return
        self.size += len(out)
        if self.size > self.limit:
            self._parts.clear()  # let the memory go at once
            raise SizeExceeded
        self._parts.append(out)

    def so_far(self) -> bytes:
        """What has been decoded so far, without flushing (the head of a body)."""
        return b"".join(self._parts)

    def finish(self) -> bytes:
        """Flush the decoder and return the whole decoded body.

        Raises:
            SizeExceeded: If the final flush passes the limit.
            DecodeError: If the compressed stream ended before its end marker.

        """
        if self._zlib is not None and self._fed:
            try:
                self._add(self._zlib.flush())
            except zlib.error:
                raise DecodeError(f"the server sent a corrupt {self.encoding} body") from None
            if not self._zlib.eof:
                raise DecodeError(f"the {self.encoding}-compressed page ended early")
        body = b"".join(self._parts)
        self._parts = [body] if body else []
        return body
