"""The HTTP side of the feed server: a read-only, threaded server from the standard library.

GET and HEAD only; every answer comes from :class:`~liveread.serve._book.FeedBook`,
which reads the cache and nothing else (no file is ever opened for a path,
nothing is fetched). Conditional GET: ``If-None-Match`` is answered from the
blog's version alone (no document built), ``If-Modified-Since`` (when no
``If-None-Match`` came) from the document's Last-Modified.

Bound to a loopback address (the default), the server answers only requests
whose ``Host`` names this machine (``localhost``, ``127.x.x.x``, ``[::1]``):
a web page elsewhere that points a name of its own at 127.0.0.1 (DNS
rebinding) cannot read the feeds through the user's browser.
"""

from __future__ import annotations

import errno
import re
import socket
import socketserver
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from liveread._version import __version__
from liveread.errors import LivereadError
from liveread.serve._book import FeedBook, Representation
from liveread.serve._routes import route
from liveread.urls import is_loopback

__all__ = ["FeedServer", "ServeError", "address_url"]

_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})(?::[0-9]{1,5})?")
#: Sent with every answer: revalidate each time (cheap: a 304), never sniff, run nothing.
_COMMON_HEADERS = (
    ("Cache-Control", "no-cache"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", "default-src 'none'"),
    ("Referrer-Policy", "no-referrer"),
)


class ServeError(LivereadError):
    """The server cannot start (the port is taken, the address is not this machine's)."""


def address_url(host: str, port: int) -> str:
    """``http://host:port`` for a bound address (IPv6 in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class FeedServer(ThreadingHTTPServer):
    """The feed server: one thread per connection, every answer from one :class:`FeedBook`.

    Attributes:
        book: Where documents come from.
        loopback: Bound to a loopback address (only loopback Host names are answered).
        url: The server's own address, ``http://host:port``.

    """

    daemon_threads = True

    def __init__(self, book: FeedBook, host: str, port: int) -> None:
        """Bind *host*:*port* (port 0: any free one).

        Raises:
            ServeError: the port is taken, or the address is not this machine's.

        """
        self.book = book
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise ServeError(_bind_error(host, port, exc)) from None
        self.loopback = is_loopback(address_url(host, 1))
        self.url = address_url(host, self.server_address[1])
        # Unspecified addresses (0.0.0.0, ::) are no address to give a reader.
        wildcard = host in ("0.0.0.0", "::", "")
        self.fallback_base = (
            address_url("127.0.0.1", self.server_address[1]) if wildcard else self.url
        )

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS look-up of the address (slow, and unused)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def base_for(self, host_header: str | None) -> str | None:
        """The base URL the documents of one request name, or None when its Host is refused."""
        if host_header is None:  # HTTP/1.0 without Host
            return self.fallback_base
        host = host_header.strip()
        if not _HOST.fullmatch(host):
            return None
        if self.loopback and not is_loopback("http://" + host):
            return None
        return "http://" + host.lower()


def _bind_error(host: str, port: int, exc: OSError) -> str:
    """The one line that says why the server could not start, and what to do."""
    where = f"cannot serve on {address_url(host, port).removeprefix('http://')}"
    if exc.errno == errno.EADDRINUSE:
        return f"{where}: the port is taken (another liveread serve?); choose another with --port"
    if exc.errno == errno.EACCES:
        return f"{where}: permission denied (ports below 1024 need privileges); try another --port"
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return f"{where}: that is not an address of this machine; check --bind"
    return f"{where}: {exc.strerror or exc}"


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match's weak comparison: any listed tag (W/ or not) equal to ours, or ``*``."""
    if header.strip() == "*":
        return True
    tags = (tag.strip().removeprefix("W/") for tag in header.split(","))
    return etag in tags


def _not_modified_since(header: str, modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        return False
    return int(modified.timestamp()) <= int(since.timestamp())


class _Handler(BaseHTTPRequestHandler):
    """One connection's requests (HTTP/1.1 keep-alive: a poller reuses its connection)."""

    server: FeedServer
    protocol_version = "HTTP/1.1"
    server_version = f"liveread/{__version__}"
    timeout = 60  # an idle kept-alive connection is closed after this long

    def do_GET(self) -> None:
        """Answer a GET."""
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD: a GET's headers, no body."""
        self._answer(send_body=False)

    def _read_only(self) -> None:
        self._text(405, "read-only: only GET and HEAD", extra=(("Allow", "GET, HEAD"),))

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _read_only

    def version_string(self) -> str:
        """The Server header: liveread's name and version, not Python's."""
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing per request: a reader polling every minute would fill the terminal."""

    def _answer(self, send_body: bool) -> None:
        base = self.server.base_for(self.headers.get("Host"))
        if base is None:
            self._text(421, "this server answers to this machine's own names only; see --bind")
            return
        wanted = route(self.path)
        etag = self.server.book.etag(wanted, base) if wanted else None
        if wanted is None or etag is None:
            self._text(404, "no such feed: see / for the list", send_body=send_body)
            return
        match = self.headers.get("If-None-Match")
        if match is not None and _etag_matches(match, etag):
            self._not_modified(etag)
            return
        doc = self.server.book.get(wanted, base)
        if doc is None:
            self._text(404, "no such feed: see / for the list", send_body=send_body)
            return
        since = self.headers.get("If-Modified-Since")
        if match is None and since and doc.modified and _not_modified_since(since, doc.modified):
            self._not_modified(doc.etag, doc.modified)
            return
        self._document(doc, send_body)

    def _headers(self, status: int, headers: tuple[tuple[str, str], ...]) -> None:
        self.send_response(status)
        for name, value in (*headers, *_COMMON_HEADERS):
            self.send_header(name, value)
        self.end_headers()

    def _not_modified(self, etag: str, modified: datetime | None = None) -> None:
        headers = [("ETag", etag)]
        if modified is not None:
            headers.append(("Last-Modified", _http_date(modified)))
        self._headers(304, tuple(headers))

    def _document(self, doc: Representation, send_body: bool) -> None:
        headers = [
            ("Content-Type", f"{doc.media_type}; charset=utf-8"),
            ("Content-Length", str(len(doc.body))),
            ("ETag", doc.etag),
        ]
        if doc.modified is not None:
            headers.append(("Last-Modified", _http_date(doc.modified)))
        self._headers(200, tuple(headers))
        if send_body:
            self.wfile.write(doc.body)

    def _text(
        self,
        status: int,
        message: str,
        *,
        send_body: bool = True,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        body = f"liveread serve: {message}\n".encode()
        headers = (
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            *extra,
        )
        self._headers(status, headers)
        if send_body:
            self.wfile.write(body)


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)
