"""The faults the demo HTTP server can stage, and the plan that schedules them.

:class:`FaultPlan` is a thread-safe list of rules: ``plan.add(Fault.ERROR_503,
times=2)`` makes the next two matching requests misbehave, after which normal
service resumes. The payload builders here (gzip bomb, huge body, garbage) all
stream: none of them holds more than about a megabyte in memory.

Used by :mod:`liveread.demo.httpserver`; stdlib only.
"""

from __future__ import annotations

import enum
import functools
import random
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime

__all__ = [
    "Fault",
    "FaultPlan",
    "FaultRule",
    "garbage_body",
    "gzip_bomb",
    "http_date",
    "huge_body",
]

_MIB = 1024 * 1024


class Fault(enum.Enum):
    """One way for the server to misbehave (the faults a polite reader must survive)."""

    ERROR_500 = "500"
    """500 Internal Server Error."""
    ERROR_503 = "503"
    """503 Service Unavailable with the rule's Retry-After."""
    TOO_MANY_429 = "429"
    """429 Too Many Requests with the rule's Retry-After."""
    TRUNCATED = "truncated"
    """Content-Length promises the whole page, half is sent, then the connection closes."""
    GARBAGE = "garbage"
    """200 with random binary bytes declared as HTML."""
    GZIP_BOMB = "gzip-bomb"
    """About 1 MiB of gzip that inflates to ``size`` bytes (default 1 GiB) of zeros."""
    TRICKLE = "trickle"
    """The page one byte every ``delay`` seconds (default 1 s)."""
    STALL = "stall"
    """Headers, then nothing until the client gives up (or ``delay`` seconds if set)."""
    REDIRECT_FILE = "redirect-file"
    """302 to ``file:///etc/passwd``."""
    REDIRECT_LOOP = "redirect-loop"
    """302 into a two-URL loop that never ends."""
    REDIRECT_CHAIN = "redirect-chain"
    """302 through ten hops, then back to the page (a client allowing 5 gives up)."""
    RESET = "reset"
    """Half the page, then the socket is closed with RST (connection reset)."""
    NOT_FOUND_404 = "404"
    """404 Not Found."""
    GONE_410 = "410"
    """410 Gone."""
    EMPTY = "empty"
    """200 with an empty body."""
    NOT_MODIFIED_NO_VALIDATORS = "304-unasked"
    """304 Not Modified whatever the request said."""
    WRONG_CHARSET = "wrong-charset"
    """The page re-encoded as latin-1 but declared ``charset=utf-8``."""
    WRONG_CHARSET_REVERSE = "wrong-charset-reverse"
    """The page in UTF-8 but declared ``charset=iso-8859-1``."""
    HUGE = "huge"
    """A 50 MB uncompressed body (``size`` bytes), streamed."""
    HUGE_UNSIZED = "huge-unsized"
    """The same without Content-Length (ends when the connection closes)."""
    SLOW = "slow"
    """Wait ``delay`` seconds, then answer normally."""


@dataclass
class FaultRule:
    """One scheduled fault.

    Attributes:
        fault: What to do.
        remaining: Matching requests still to spoil; ``None`` means until cleared.
        path_prefix: Only requests whose path starts with this (``None``: all).
        retry_after: Retry-After header value for 429/503 (``None``: no header).
        delay: Seconds per byte for TRICKLE, before answering for SLOW, and the
            stall length for STALL (``None``: until the client leaves).
        size: Body size for HUGE and HUGE_UNSIZED (default 50 MB) and GZIP_BOMB (default 1 GiB).

    """

    fault: Fault
    remaining: int | None = 1
    path_prefix: str | None = None
    retry_after: str | None = "5"
    delay: float | None = None
    size: int | None = None

    def matches(self, path: str) -> bool:
        """Tell whether this rule applies to a request for *path*."""
        return self.path_prefix is None or path.startswith(self.path_prefix)


class FaultPlan:
    """Thread-safe schedule of faults, consulted once per request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []

    def add(
        self,
        fault: Fault,
        times: int | None = 1,
        path_prefix: str | None = None,
        retry_after: str | float | datetime | None = "5",
        *,
        delay: float | None = None,
        size: int | None = None,
    ) -> FaultRule:
        """Make the next *times* requests matching *path_prefix* misbehave.

        Rules are tried in the order added; the first match is used.

        Args:
            fault: The misbehaviour.
            times: How many requests; ``None`` for every request until :meth:`clear`.
            path_prefix: Restrict to paths starting with this.
            retry_after: For 429/503: seconds (``"40"``, ``40``), a datetime (sent
                as an HTTP-date), any other string (sent verbatim, e.g. garbage),
                or ``None`` for no header.
            delay: See :class:`FaultRule`.
            size: See :class:`FaultRule`.

        Returns:
            The rule (its ``remaining`` counts down as it is used).

        """
        if isinstance(retry_after, datetime):
            header: str | None = http_date(retry_after)
        elif isinstance(retry_after, (int, float)):
            header = f"{retry_after:g}"
        else:
            header = retry_after
        rule = FaultRule(fault, times, path_prefix, header, delay, size)
        with self._lock:
            self._rules.append(rule)
        return rule

    def take(self, path: str) -> FaultRule | None:
        """Return the rule that applies to a request for *path*, counting it as used."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(path):
                    if rule.remaining is not None:
                        rule.remaining -= 1
                        if rule.remaining <= 0:
                            self._rules.remove(rule)
                    return rule
        return None

    def clear(self) -> None:
        """Drop every pending rule: normal service from the next request."""
        with self._lock:
            self._rules.clear()

    @property
    def pending(self) -> list[FaultRule]:
        """A copy of the rules still waiting."""
        with self._lock:
            return list(self._rules)

    def __len__(self) -> int:
        with self._lock:
            return len(self._rules)


def http_date(when: datetime) -> str:
    """*when* as an HTTP-date (``Wed, 21 Oct 2015 07:28:00 GMT``); naive means UTC."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


@functools.lru_cache(maxsize=4)
def _bomb_parts(mib: int) -> tuple[bytes, bytes, bytes]:
    """Header, one repeated deflate block (1 MiB of zeros), and the tail."""
    # A full flush resets the compressor, so every 1 MiB block of zeros
    # compresses to the same ~1 KiB: the stream is that block repeated.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(_MIB)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no mtime
    tail = final + struct.pack("<II", crc, (mib * _MIB) & 0xFFFFFFFF)
    return header, block, tail


def gzip_bomb(size: int = 1 << 30) -> tuple[int, Iterator[bytes]]:
    """Build a valid gzip stream of *size* zero bytes (rounded up to whole MiB), streamed.

    Returns:
        (length of the compressed stream, iterator over its chunks).

    """
    mib = max(1, -(-size // _MIB))
    header, block, tail = _bomb_parts(mib)

    def chunks() -> Iterator[bytes]:
        yield header
        group = block * 64  # ~64 KiB writes
        full, rest = divmod(mib, 64)
        for _ in range(full):
            yield group
        if rest:
            yield block * rest
        yield tail

    return len(header) + len(block) * mib + len(tail), chunks()


_FILLER_LINE = b"<p>liveread demo: a very long page that nobody should read in full.</p>\n"
_FILLER = _FILLER_LINE * (64 * 1024 // len(_FILLER_LINE) + 1)


def huge_body(size: int = 50_000_000) -> Iterator[bytes]:
    """*size* bytes of HTML-ish filler in 64 KiB chunks, never built whole."""
    left = size
    while left > 0:
        piece = _FILLER[: min(left, 64 * 1024)]
        left -= len(piece)
        yield piece


def garbage_body(size: int = 8192, seed: int = 0x11FE) -> bytes:
    """*size* random bytes, the same every time for a given *seed*."""
    return random.Random(seed).randbytes(size)
