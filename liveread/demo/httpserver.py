"""A small HTTP/1.1 server engine with staged faults, for the demo and the tests.

A *handler* (``Callable[[Request], Reply]``) decides what each URL returns; the
engine does the HTTP: conditional GET against the reply's ETag/Last-Modified
(304 with no body), gzip for clients that accept it (bodies over 1 KiB),
Cache-Control max-age, Content-Length, keep-alive, and byte counting for the
polling-cost tests. :class:`~liveread.demo.httpfaults.FaultPlan` (``server.faults``)
makes chosen requests misbehave in every way a polite reader must survive.

Runs in a background daemon thread (:meth:`DemoHTTPServer.start`, for tests
and the TUI) or in the foreground (:meth:`DemoHTTPServer.serve_forever`, for
``liveread demo --serve``). Stdlib only; client disconnects are ignored quietly.
The data types live in :mod:`liveread.demo.httpmodel`, the faults in
:mod:`liveread.demo.httpfaults` and the socket side (http.server glue,
response writing) in :mod:`liveread.demo.httpwire`; everything a caller
needs is re-exported here.

Example::

    def handler(request: Request) -> Reply:
        return Reply(body=b"<h1>hello</h1>", max_age=5)

    with DemoHTTPServer(handler) as server:
        server.faults.add(Fault.ERROR_503, retry_after="40")
        ...  # fetch server.url + "/blog"
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from datetime import datetime
from types import TracebackType
from urllib.parse import parse_qs, quote, urlsplit

from liveread.demo.httpfaults import (
    Fault,
    FaultPlan,
    FaultRule,
    garbage_body,
    gzip_bomb,
    http_date,
    huge_body,
)
from liveread.demo.httpmodel import (
    Handler,
    Headers,
    Reply,
    Request,
    RequestRecord,
    ServerStats,
    accepts_gzip,
    not_modified,
)
from liveread.demo.httpwire import Output, RequestHandler, WireServer, client_gone, merge_headers

__all__ = [
    "DemoHTTPServer",
    "Fault",
    "FaultPlan",
    "FaultRule",
    "Handler",
    "Headers",
    "Reply",
    "Request",
    "RequestRecord",
    "ServerStats",
    "http_date",
]

log = logging.getLogger(__name__)

GZIP_MIN = 1024
"""Bodies larger than this are gzipped for clients that accept gzip."""

_LOOP = "/__liveread_loop/"
_CHAIN = "/__liveread_chain/"
_CHAIN_HOPS = 10


# --------------------------------------------------------------------------- server


class DemoHTTPServer:
    """An HTTP server on a local port, serving *handler* with optional faults.

    The socket is bound in the constructor, so :attr:`url` is valid before
    :meth:`start`.

    Args:
        handler: Decides the reply for each request.
        host: Address to bind (default loopback only).
        port: Port to bind; 0 picks a free one.

    Attributes:
        faults: The fault schedule.
        stats: Request and byte counters.
        errors: Exceptions raised by the handler (each answered with a 500).

    """

    def __init__(self, handler: Handler, host: str = "127.0.0.1", port: int = 0) -> None:
        self.handler = handler
        self.host = host
        self.faults = FaultPlan()
        self.stats = ServerStats()
        self.errors: list[BaseException] = []
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._serving = False
        self._gzip_cache: OrderedDict[bytes, bytes] = OrderedDict()
        self._gzip_lock = threading.Lock()
        self._server = WireServer((host, port), self)

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> None:
        """Serve in a background daemon thread; returns at once."""
        if self._thread is not None:
            return
        self._serving = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"liveread-demo-http:{self.port}",
            daemon=True,
        )
        self._thread.start()

    def serve_forever(self) -> None:
        """Serve in this thread until :meth:`stop` is called from another (or Ctrl-C)."""
        self._serving = True
        try:
            self._server.serve_forever(poll_interval=0.1)
        finally:
            self._serving = False
            self._close()

    def stop(self) -> None:
        """Stop serving, end staged stalls and trickles, close open connections."""
        self._stopping.set()
        if self._serving:
            self._server.shutdown()  # waits for the serve loop to exit
            self._serving = False
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._close()

    def _close(self) -> None:
        self._stopping.set()
        self._server.close_connections()
        self._server.server_close()

    def __enter__(self) -> DemoHTTPServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- per request ---------------------------------------------------------

    def _serve(self, h: RequestHandler, head_only: bool) -> None:
        parts = urlsplit(h.path)
        request = Request(
            method=h.command,
            path=parts.path or "/",
            query={k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
            headers=Headers(h.headers.items()),
            target=h.path,
        )
        record = RequestRecord(
            method=request.method,
            path=request.path,
            target=request.target,
            if_none_match="if-none-match" in request.headers,
            if_modified_since="if-modified-since" in request.headers,
            user_agent=request.headers.get("user-agent"),
        )
        self.stats._begin(record)
        out = Output(self, h, record, head_only)
        if request.path.startswith((_LOOP, _CHAIN)):
            self._builtin(request, out)
            return
        rule = self.faults.take(request.path)
        if rule is None:
            self._normal(request, out, self._reply(request))
            return
        record.fault = rule.fault.value
        self._fault(rule, request, out)

    def _reply(self, request: Request) -> Reply:
        try:
            return self.handler(request)
        except Exception as exc:  # a handler bug must not kill the connection thread
            self.errors.append(exc)
            log.exception("demo handler failed for %s", request.target)
            return Reply(500, b"handler error\n", "text/plain; charset=utf-8", auto_etag=False)

    def _normal(self, request: Request, out: Output, reply: Reply) -> None:
        headers: dict[str, str] = {}
        etag = reply.etag
        if etag is None and reply.status == 200 and reply.auto_etag:
            etag = '"' + hashlib.sha256(reply.body).hexdigest()[:24] + '"'
        last_modified = reply.last_modified
        if isinstance(last_modified, datetime):
            last_modified = http_date(last_modified)
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        if reply.max_age is not None:
            headers["Cache-Control"] = f"max-age={reply.max_age}"
        if reply.status == 200 and not_modified(request.headers, etag, last_modified):
            merge_headers(headers, reply.headers)
            out.send(304, headers, None)
            return
        body = reply.body
        headers["Content-Type"] = reply.content_type
        custom_encoding = any(k.lower() == "content-encoding" for k in reply.headers)
        if reply.status not in (204, 304) and len(body) > GZIP_MIN and not custom_encoding:
            headers["Vary"] = "Accept-Encoding"
            if accepts_gzip(request.headers.get("accept-encoding", "")):
                body = self._gzip(body)
                headers["Content-Encoding"] = "gzip"
                out.record.gzipped = True
        merge_headers(headers, reply.headers)
        out.send(reply.status, headers, None if reply.status in (204, 304) else body)

    def _gzip(self, body: bytes) -> bytes:
        # Pollers fetch the same page again and again: compress each body once.
        with self._gzip_lock:
            cached = self._gzip_cache.get(body)
            if cached is not None:
                self._gzip_cache.move_to_end(body)
                return cached
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        with self._gzip_lock:
            self._gzip_cache[body] = packed
            while len(self._gzip_cache) > 8:
                self._gzip_cache.popitem(last=False)
        return packed

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

    def _fault(self, rule: FaultRule, request: Request, out: Output) -> None:
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
            if self._wait(out.h, rule.delay or 1.0):
                self._normal(request, out, self._reply(request))
        else:
            self._page_fault(rule, request, out)

    def _page_fault(self, rule: FaultRule, request: Request, out: Output) -> None:
        """Faults that mangle the handler's own page."""
        reply = self._reply(request)
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
            self._wait(out.h, 0.05)  # let the client read the half and wait for more
            out.reset()
        elif fault is Fault.TRICKLE:
            out.close_after()
            out.stream(200, headers, len(body), self._trickle(out.h, body, rule.delay or 1.0))
        elif fault is Fault.STALL:
            out.close_after()
            out.stream(200, headers, len(body), iter(()))
            self._wait(out.h, rule.delay if rule.delay is not None else 300.0)

    def _trickle(self, h: RequestHandler, body: bytes, delay: float) -> Iterator[bytes]:
        for i in range(len(body)):
            yield body[i : i + 1]
            if not self._wait(h, delay):
                return

    def _wait(self, h: RequestHandler, seconds: float) -> bool:
        """Sleep up to *seconds*; False as soon as the server stops or the client leaves."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self._stopping.wait(min(left, 0.1)):
                return False
            if client_gone(h.connection):
                return False
        return True
