"""A small HTTP/1.1 server engine for the demo and the tests.

A *handler* (``Callable[[Request], Reply]``) decides what each URL returns; the
engine does the HTTP: conditional GET against the reply's ETag/Last-Modified
(304 with no body), gzip for clients that accept it (bodies over 1 KiB),
Cache-Control max-age, Content-Length, keep-alive, and byte counting for the
polling-cost tests. *Responders* (:attr:`DemoHTTPServer.responders`) come
before the handler and may answer a request themselves at the wire level
(stream, stall, reset): the test-suite stages its network faults that way,
so none of that ships to users.

Runs in a background daemon thread (:meth:`DemoHTTPServer.start`, for tests
and the TUI) or in the foreground (:meth:`DemoHTTPServer.serve_forever`, for
``liveread demo --serve``). Stdlib only; client disconnects are ignored quietly.
The data types live in ``_model`` and the socket side (http.server glue,
response writing) in ``_wire``; :mod:`liveread.demo.http` exports what a
caller needs.

Example::

    def handler(request: Request) -> Reply:
        return Reply(body=b"<h1>hello</h1>", max_age=5)

    with DemoHTTPServer(handler) as server:
        ...  # fetch server.url + "/blog"
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from liveread.demo.http._model import (
    Handler,
    Headers,
    Reply,
    Request,
    RequestRecord,
    ServerStats,
    accepts_gzip,
    http_date,
    not_modified,
)
from liveread.demo.http._wire import Output, RequestHandler, WireServer, client_gone, merge_headers

__all__ = ["GZIP_MIN", "DemoHTTPServer", "Responder"]

log = logging.getLogger(__name__)

GZIP_MIN = 1024
"""Bodies larger than this are gzipped for clients that accept gzip."""

Responder = Callable[["DemoHTTPServer", Request, Output], bool]
"""``responder(server, request, out)``: answer *request* through *out* and return True,
or return False (having written nothing) to let the next responder or the handler answer."""


# --------------------------------------------------------------------------- server


class DemoHTTPServer:
    """An HTTP server on a local port, serving *handler* (after any responders).

    The socket is bound in the constructor, so :attr:`url` is valid before
    :meth:`start`.

    Args:
        handler: Decides the reply for each request.
        host: Address to bind (default loopback only).
        port: Port to bind; 0 picks a free one.

    Attributes:
        responders: Asked in order before the handler (see :data:`Responder`).
        stats: Request and byte counters.
        errors: Exceptions raised by the handler (each answered with a 500).

    """

    def __init__(self, handler: Handler, host: str = "127.0.0.1", port: int = 0) -> None:
        self.handler = handler
        self.host = host
        self.responders: list[Responder] = []
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
        for responder in list(self.responders):
            if responder(self, request, out):
                return
        self.answer(request, out, self.reply(request))

    def reply(self, request: Request) -> Reply:
        """The handler's reply to *request* (a handler bug: a 500, kept in :attr:`errors`)."""
        try:
            return self.handler(request)
        except Exception as exc:  # a handler bug must not kill the connection thread
            self.errors.append(exc)
            log.exception("demo handler failed for %s", request.target)
            return Reply(500, b"handler error\n", "text/plain; charset=utf-8", auto_etag=False)

    def answer(self, request: Request, out: Output, reply: Reply) -> None:
        """Send *reply* to *request* as HTTP: validators, 304, gzip, max-age."""
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

    def wait(self, h: RequestHandler, seconds: float) -> bool:
        """Sleep up to *seconds*; False as soon as the server stops or the client leaves."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self._stopping.wait(min(left, 0.1)):
                return False
            if client_gone(h.connection):
                return False
        return True
