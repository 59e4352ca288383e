"""The data the demo HTTP server engine works with: requests, replies, statistics.

Also the two HTTP rules the engine applies to every reply: conditional GET
(:func:`not_modified`) and content negotiation for gzip (:func:`accepts_gzip`).
Stdlib only; see :mod:`liveread.demo.http` for the engine.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

__all__ = [
    "Handler",
    "Headers",
    "Reply",
    "Request",
    "RequestRecord",
    "ServerStats",
    "accepts_gzip",
    "http_date",
    "not_modified",
]


class Headers(Mapping[str, str]):
    """Request headers, looked up case-insensitively; repeated headers joined by ``, ``."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._items: dict[str, str] = {}
        for name, value in pairs:
            key = name.lower()
            self._items[key] = f"{self._items[key]}, {value}" if key in self._items else value

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass(frozen=True)
class Request:
    """What the handler sees of a request.

    Attributes:
        method: ``GET`` or ``HEAD``.
        path: The path, percent-encoding kept (``/world/live/x``).
        query: Query parameters, first value of each.
        headers: Case-insensitive request headers.
        target: The raw request target (path and query as sent).

    """

    method: str
    path: str
    query: dict[str, str]
    headers: Headers
    target: str


@dataclass
class Reply:
    """What the handler returns; the engine turns it into HTTP.

    Attributes:
        status: HTTP status.
        body: The full body (uncompressed; the engine gzips it if the client
            accepts gzip and it is over 1 KiB).
        content_type: Content-Type header.
        headers: Extra headers (override the engine's, except Content-Length).
        etag: ETag header, quoted (``'"v1"'``). ``None`` on a 200 means one is
            computed from the body, unless ``auto_etag`` is False.
        last_modified: Last-Modified header (an HTTP-date string or a datetime).
        max_age: Sent as ``Cache-Control: max-age=N``.
        auto_etag: Compute an ETag from the body when ``etag`` is None.

    """

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | datetime | None = None
    max_age: int | None = None
    auto_etag: bool = True


Handler = Callable[[Request], Reply]


@dataclass
class RequestRecord:
    """One served request, as the stats log keeps it.

    Attributes:
        method: Request method.
        path: Request path.
        target: Raw request target.
        status: Status sent (0 if the client left before any).
        header_bytes: Bytes of status line and headers sent.
        body_bytes: Bytes of body sent (compressed size when gzipped).
        if_none_match: The request carried If-None-Match.
        if_modified_since: The request carried If-Modified-Since.
        user_agent: The request's User-Agent.
        fault: How a responder made it misbehave (a test's staged fault), if it did.
        gzipped: The body was sent gzip-compressed.

    """

    method: str
    path: str
    target: str
    status: int = 0
    header_bytes: int = 0
    body_bytes: int = 0
    if_none_match: bool = False
    if_modified_since: bool = False
    user_agent: str | None = None
    fault: str | None = None
    gzipped: bool = False

    @property
    def bytes(self) -> int:
        """Header plus body bytes sent."""
        return self.header_bytes + self.body_bytes


class ServerStats:
    """Thread-safe request and byte counters; every read returns a copy."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: list[RequestRecord] = []

    def _begin(self, record: RequestRecord) -> None:
        with self._lock:
            self._log.append(record)

    def _sent(self, record: RequestRecord, *, head: int = 0, body: int = 0) -> None:
        with self._lock:
            record.header_bytes += head
            record.body_bytes += body

    def reset(self) -> None:
        """Forget everything counted so far."""
        with self._lock:
            self._log.clear()

    @property
    def requests(self) -> int:
        """Requests received."""
        with self._lock:
            return len(self._log)

    @property
    def header_bytes(self) -> int:
        """Bytes of status lines and headers sent."""
        with self._lock:
            return sum(r.header_bytes for r in self._log)

    @property
    def body_bytes(self) -> int:
        """Bytes of bodies sent (as sent: compressed when gzipped)."""
        with self._lock:
            return sum(r.body_bytes for r in self._log)

    @property
    def bytes_sent(self) -> int:
        """Header plus body bytes sent."""
        with self._lock:
            return sum(r.header_bytes + r.body_bytes for r in self._log)

    @property
    def per_path(self) -> dict[str, int]:
        """Request count per path."""
        with self._lock:
            return dict(Counter(r.path for r in self._log))

    @property
    def log(self) -> list[RequestRecord]:
        """A copy of every request record, oldest first."""
        with self._lock:
            return [replace(r) for r in self._log]

    def count(self, path: str) -> int:
        """Count the requests for exactly *path*."""
        with self._lock:
            return sum(1 for r in self._log if r.path == path)


# --------------------------------------------------------------------------- HTTP rules


def _strip_weak(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith(("W/", "w/")) else tag


def not_modified(headers: Headers, etag: str | None, last_modified: str | None) -> bool:
    """RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since."""
    inm = headers.get("if-none-match")
    if inm is not None:
        if not etag:
            return False
        tags = {_strip_weak(t) for t in inm.split(",")}
        return "*" in tags or _strip_weak(etag) in tags
    ims = headers.get("if-modified-since")
    if ims and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError):
            return False
    return False


def accepts_gzip(accept_encoding: str) -> bool:
    """Tell whether an Accept-Encoding header allows gzip (``q=0`` refuses it)."""
    for item in accept_encoding.split(","):
        name, _, params = item.partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            return True
    return False


def http_date(when: datetime) -> str:
    """*when* as an HTTP-date (``Wed, 21 Oct 2015 07:28:00 GMT``); naive means UTC."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)
