"""A loopback HTTP server that answers with exactly the bytes a test gives it.

The demo server writes well-formed heads (its headers are Latin-1, a port in a
Location is whatever it is told, but a U+202E cannot be sent as UTF-8 bytes).
Hostile servers send what no well-behaved engine would: raw UTF-8 or 8-bit
control bytes in a ``Location``, a port out of range. :class:`RawServer`
answers each request with ``respond(path, head)`` (the request's head as
bytes), the whole response as bytes, and closes the connection.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from types import TracebackType

__all__ = ["RawServer", "redirect", "response"]


def response(body: bytes, status: str = "200 OK", headers: bytes = b"") -> bytes:
    """A complete response holding *body*; *headers*: more header lines, each ending in CRLF.

    The body is HTML (UTF-8) unless *headers* name another Content-Type.
    """
    head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
    if b"content-type" not in headers.lower():
        head += "Content-Type: text/html; charset=utf-8\r\n"
    return head.encode() + headers + b"\r\n" + body


def redirect(location: bytes, status: int = 302) -> bytes:
    """A complete redirect response whose Location header holds *location*, byte for byte."""
    return (
        f"HTTP/1.1 {status} Moved\r\n".encode()
        + b"Location: "
        + location
        + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )


class RawServer:
    """Serve raw responses on 127.0.0.1 in a background thread.

    Args:
        respond: The response, as bytes, to a request for a path (given the request's head).

    Attributes:
        paths: Every path asked for, in order.

    """

    def __init__(self, respond: Callable[[str, bytes], bytes]) -> None:
        self.respond = respond
        self.paths: list[str] = []
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port: int = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                head = b""
                try:
                    while b"\r\n\r\n" not in head and len(head) < 65536:
                        chunk = conn.recv(4096)
                        if not chunk:
                            break
                        head += chunk
                    parts = head.split(b" ", 2)
                    path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
                    self.paths.append(path)
                    conn.sendall(self.respond(path, head))
                except OSError:
                    continue
