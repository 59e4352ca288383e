"""Network faults staged on the demo HTTP server, for the tests: the plan and its responder.

:class:`FaultPlan` is a thread-safe list of rules: ``faults(server).add(Fault.ERROR_503,
times=2)`` makes the next two matching requests misbehave, after which normal
service resumes. :func:`faults` installs a server's plan as one of its
responders (:attr:`liveread.demo.http.DemoHTTPServer.responders`), which
answers at the wire level: half a body then a reset, a byte a second, a stall,
a gzip bomb. The payload builders here (gzip bomb, huge body, garbage) all
stream: none of them holds more than about a megabyte in memory.

Test support, not shipped: liveread's users never need a server that misbehaves.
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
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote
from weakref import WeakKeyDictionary

from liveread.demo.http import DemoHTTPServer, Output, Request, RequestHandler, http_date

if TYPE_CHECKING:
    from liveread.demo.server import DemoServer

__all__ = [
    "Fault",
    "FaultPlan",
    "FaultRule",
    "faults",
    "garbage_body",
    "gzip_bomb",
    "huge_body",
]

_MIB = 1024 * 1024
_LOOP = "/__liveread_loop/"
_CHAIN = "/__liveread_chain/"
_CHAIN_HOPS = 10


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

    def __call__(self, server: DemoHTTPServer, request: Request, out: Output) -> bool:
        """The responder: stage the first rule matching *request*, if any (see :func:`faults`)."""
        if request.path.startswith((_LOOP, _CHAIN)):
            self._builtin(request, out)
            return True
        rule = self.take(request.path)
        if rule is None:
            return False
        out.record.fault = rule.fault.value
        self._fault(server, rule, request, out)
        return True

    def _builtin(self, request: Request, out: Output) -> None:
        """Serve the endless loop and the long chain that the redirect faults point into."""
        if request.path.startswith(_LOOP):
            nxt = _LOOP + ("b" if request.path.endswith("/a") else "a")
            out.send(302, {"Location": nxt}, b"")
            return
        try:
            hop = int(request.path[len(_CHAIN) :])
        except ValueError:
            hop = _CHAIN_HOPS
        back = request.query.get("to", "/")
        if hop >= _CHAIN_HOPS:
            out.send(302, {"Location": back}, b"")
        else:
            out.send(302, {"Location": f"{_CHAIN}{hop + 1}?to={quote(back, safe='')}"}, b"")

    def _fault(
        self, server: DemoHTTPServer, rule: FaultRule, request: Request, out: Output
    ) -> None:
        fault = rule.fault
        text = "text/plain; charset=utf-8"
        retry = {"Retry-After": rule.retry_after} if rule.retry_after is not None else {}
        simple: dict[Fault, tuple[int, dict[str, str], bytes]] = {
            Fault.ERROR_500: (500, {"Content-Type": text}, b"internal server error\n"),
            Fault.ERROR_503: (503, {"Content-Type": text, **retry}, b"service unavailable\n"),
            Fault.TOO_MANY_429: (429, {"Content-Type": text, **retry}, b"too many requests\n"),
            Fault.NOT_FOUND_404: (404, {"Content-Type": text}, b"not found\n"),
            Fault.GONE_410: (410, {"Content-Type": text}, b"gone\n"),
            Fault.EMPTY: (200, {"Content-Type": "text/html; charset=utf-8"}, b""),
            Fault.REDIRECT_FILE: (302, {"Location": "file:///etc/passwd"}, b""),
            Fault.REDIRECT_LOOP: (302, {"Location": _LOOP + "a"}, b""),
            Fault.REDIRECT_CHAIN: (
                302,
                {"Location": f"{_CHAIN}1?to={quote(request.target, safe='')}"},
                b"",
            ),
        }
        if fault is Fault.GARBAGE:
            # Built only when asked for: ``size`` may be a bomb's gigabyte.
            garbage = garbage_body(rule.size or 8192)
            simple[fault] = (200, {"Content-Type": "text/html; charset=utf-8"}, garbage)
        if fault in simple:
            status, headers, body = simple[fault]
            out.send(status, headers, body)
        elif fault is Fault.NOT_MODIFIED_NO_VALIDATORS:
            out.send(304, {}, None)
        elif fault is Fault.GZIP_BOMB:
            length, chunks = gzip_bomb(rule.size or (1 << 30))
            headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
            out.stream(200, headers, length, chunks)
        elif fault in (Fault.HUGE, Fault.HUGE_UNSIZED):
            size = rule.size or 50_000_000
            if fault is Fault.HUGE_UNSIZED:
                out.close_after()  # the end of the body is the end of the connection
            declared = size if fault is Fault.HUGE else None  # unsized: no Content-Length
            out.stream(200, {"Content-Type": "text/html; charset=utf-8"}, declared, huge_body(size))
        elif fault is Fault.SLOW:
            if server.wait(out.h, rule.delay or 1.0):
                server.answer(request, out, server.reply(request))
        else:
            self._page_fault(server, rule, request, out)

    def _page_fault(
        self, server: DemoHTTPServer, rule: FaultRule, request: Request, out: Output
    ) -> None:
        """Faults that mangle the handler's own page."""
        reply = server.reply(request)
        body = reply.body or b"<html><body><p>liveread demo page</p></body></html>\n"
        headers = {"Content-Type": reply.content_type}
        fault = rule.fault
        if fault is Fault.WRONG_CHARSET:
            latin = body.decode("utf-8", "replace").encode("latin-1", "replace")
            out.send(200, {"Content-Type": "text/html; charset=utf-8"}, latin)
        elif fault is Fault.WRONG_CHARSET_REVERSE:
            out.send(200, {"Content-Type": "text/html; charset=iso-8859-1"}, body)
        elif fault is Fault.TRUNCATED:
            out.close_after()
            out.stream(200, headers, len(body), iter([body[: len(body) // 2]]))
        elif fault is Fault.RESET:
            out.stream(200, headers, len(body), iter([body[: len(body) // 2]]))
            server.wait(out.h, 0.05)  # let the client read the half and wait for more
            out.reset()
        elif fault is Fault.TRICKLE:
            out.close_after()
            out.stream(
                200, headers, len(body), self._trickle(server, out.h, body, rule.delay or 1.0)
            )
        elif fault is Fault.STALL:
            out.close_after()
            out.stream(200, headers, len(body), iter(()))
            server.wait(out.h, rule.delay if rule.delay is not None else 300.0)

    def _trickle(
        self, server: DemoHTTPServer, h: RequestHandler, body: bytes, delay: float
    ) -> Iterator[bytes]:
        for i in range(len(body)):
            yield body[i : i + 1]
            if not server.wait(h, delay):
                return


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


_PLANS: WeakKeyDictionary[DemoHTTPServer, FaultPlan] = WeakKeyDictionary()


def faults(server: DemoHTTPServer | DemoServer) -> FaultPlan:
    """The fault plan of *server* (a demo server or its engine), installed on first use."""
    http = server if isinstance(server, DemoHTTPServer) else server.http
    plan = _PLANS.get(http)
    if plan is None:
        plan = _PLANS[http] = FaultPlan()
        http.responders.append(plan)
    return plan
