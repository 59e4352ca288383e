"""The socket side of the demo HTTP server: http.server glue, response writing.

:class:`WireServer` (a :class:`~http.server.ThreadingHTTPServer`) accepts
connections and remembers them, so that stopping can end them at once;
:class:`RequestHandler` hands each GET or HEAD to the engine,
:class:`~liveread.demo.http.DemoHTTPServer`, which decides the answer;
:class:`Output` writes that answer, counting every byte into the request's
stats record, and can also stream, close after or reset the connection as the
faults need. Clients that hang up are not errors here.

Used by :mod:`liveread.demo.http` only; stdlib only.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import socketserver
import struct
import sys
import threading
from collections.abc import Iterator, Mapping
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from liveread.demo.http._model import RequestRecord

if TYPE_CHECKING:
    from liveread.demo.http._engine import DemoHTTPServer

__all__ = ["Output", "RequestHandler", "WireServer", "client_gone", "merge_headers"]

# The engine's logger: everything the demo server logs goes under one name.
log = logging.getLogger("liveread.demo.http._engine")

_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class Output:
    """Writes one response, counting every byte into its stats record."""

    def __init__(
        self, server: DemoHTTPServer, h: RequestHandler, record: RequestRecord, head_only: bool
    ) -> None:
        self.server = server
        self.h = h
        self.record = record
        self.head_only = head_only
        self._close = h.close_connection

    def close_after(self) -> None:
        """Close the connection after this response."""
        self._close = True

    def _head(self, status: int, headers: dict[str, str], length: int | None) -> bytes:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        lines = [
            f"HTTP/1.1 {status} {phrase}",
            f"Server: {self.h.server_version}",
            f"Date: {formatdate(usegmt=True)}",
        ]
        lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() != "content-length"]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        if self._close:
            lines.append("Connection: close")
            self.h.close_connection = True
        self.record.status = status
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")

    def send(self, status: int, headers: dict[str, str], body: bytes | None) -> None:
        """Send a whole response (``body=None``: no body and no Content-Length, as for 304)."""
        head = self._head(status, headers, None if body is None else len(body))
        payload = b"" if body is None or self.head_only else body
        # Count before writing: the client may look at the stats as soon as it has read.
        self.server.stats._sent(self.record, head=len(head), body=len(payload))
        self.h.wfile.write(head + payload)

    def stream(
        self, status: int, headers: dict[str, str], length: int | None, chunks: Iterator[bytes]
    ) -> None:
        """Send a head announcing *length*, then whatever *chunks* yields.

        With ``length=None`` there is no Content-Length: call :meth:`close_after`
        first, so the body ends with the connection.
        """
        head = self._head(status, headers, length)
        self.server.stats._sent(self.record, head=len(head))
        self.h.wfile.write(head)
        if self.head_only:
            return
        for chunk in chunks:
            if self.server._stopping.is_set():
                self.h.close_connection = True
                return
            self.server.stats._sent(self.record, body=len(chunk))
            self.h.wfile.write(chunk)

    def reset(self) -> None:
        """Abort the connection with a TCP RST instead of a clean close."""
        self.h.close_connection = True
        sock = self.h.connection
        try:
            # SO_LINGER on with a zero timeout: close() discards and sends RST.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            # makefile() objects hold references; the fd really closes only when
            # they are gone, so close them first.
            self.h.rfile.close()
            self.h.wfile.close()
            sock.close()
        except OSError:
            pass


class RequestHandler(BaseHTTPRequestHandler):
    """Glue between http.server and :class:`DemoHTTPServer`."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a poller's connection pool expects
    server_version = "liveread-demo"
    sys_version = ""
    disable_nagle_algorithm = True  # no 40 ms stall between head and body writes
    timeout = 120  # an idle keep-alive connection is dropped after this
    server: WireServer

    def do_GET(self) -> None:
        """Serve a GET."""
        self.server.engine._serve(self, head_only=False)

    def do_HEAD(self) -> None:
        """Serve a HEAD: the GET's head, no body."""
        self.server.engine._serve(self, head_only=True)

    def handle(self) -> None:
        """Serve the connection; a client that hangs up is not an error."""
        try:
            super().handle()
        except (*_DISCONNECTS, ValueError, OSError):
            # ValueError: I/O on a file closed by a RESET fault.
            self.close_connection = True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a request http.server could not parse, briefly, then close."""
        self.close_connection = True
        record = RequestRecord(
            method=str(getattr(self, "command", "") or ""),
            path=urlsplit(str(getattr(self, "path", "") or "")).path,
            target=str(getattr(self, "path", "") or ""),
        )
        self.server.engine.stats._begin(record)
        out = Output(self.server.engine, self, record, head_only=False)
        out.close_after()
        body = f"{code} {message or ''}\n".encode("latin-1", "replace")
        with contextlib.suppress(OSError):
            out.send(code, {"Content-Type": "text/plain; charset=utf-8"}, body)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the demo's own UI says what matters."""


class WireServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its engine and its open connections."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], engine: DemoHTTPServer) -> None:
        self.engine = engine
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, RequestHandler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse-DNS lookup of the host (slow offline)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def get_request(self) -> tuple[socket.socket, object]:
        """Accept a connection and remember it, so :meth:`close_connections` can end it."""
        sock, addr = super().get_request()
        with self._conns_lock:
            self._conns.add(sock)
        return sock, addr

    def shutdown_request(self, request: object) -> None:
        """Forget the connection, then close it."""
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)  # type: ignore[arg-type]

    def close_connections(self) -> None:
        """Wake every connection thread blocked on a client, so it ends now."""
        with self._conns_lock:
            conns = list(self._conns)
        for sock in conns:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: object, client_address: object) -> None:
        """No traceback on stderr for a client that went away; log anything else."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (*_DISCONNECTS, OSError, ValueError)):
            return
        log.warning("demo server error with %s", client_address, exc_info=True)


# --------------------------------------------------------------------------- helpers


def merge_headers(headers: dict[str, str], extra: Mapping[str, str]) -> None:
    """Add *extra* to *headers*, replacing same-named ones whatever their case."""
    for name, value in extra.items():
        for existing in [k for k in headers if k.lower() == name.lower()]:
            del headers[existing]
        headers[name] = value


def client_gone(sock: socket.socket) -> bool:
    """Tell whether the peer has closed its side (readable with nothing to read)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        return sock.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True
