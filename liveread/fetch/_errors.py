"""The errors of liveread's fetcher, and the translation of library errors into them.

Every failure of :meth:`liveread.fetch.Fetcher.get` is a :class:`FetchError`
with a one-line message in plain words, a ``transient`` flag and the server's
Retry-After; :func:`network_error` and friends turn httpx, socket and ssl
exceptions into those. Import the classes from :mod:`liveread.fetch`.
"""

from __future__ import annotations

import socket
import ssl
from http import HTTPStatus

import httpx

from liveread.errors import LivereadError
from liveread.fetch._decode import parse_retry_after
from liveread.sanitize import clean_inline
from liveread.times import human_seconds
from liveread.urls import host, host_port

__all__ = [
    "BadContent",
    "FetchError",
    "HTTPError",
    "NetworkError",
    "RedirectError",
    "TooLarge",
    "network_error",
    "os_error",
    "status_error",
]


class FetchError(LivereadError):
    """A page could not be fetched; the message is one line in plain words.

    Whatever the server put in it (a reason phrase, a header quoted by the HTTP
    library) is page text: the message is cleaned as page text is, so no
    control or bidi character reaches an error line or the cache's last error.

    Attributes:
        transient: True when trying again later may work (network trouble,
            5xx, 429); False when it will not (404, 410, a refused redirect).
        retry_after: Seconds the server asked us to wait, if it said.

    """

    def __init__(
        self, message: str, *, transient: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(clean_inline(message))  # one clean line, whatever went in
        self.transient = transient
        self.retry_after = retry_after


class NetworkError(FetchError):
    """The conversation with the server failed (DNS, refused, timeout, reset, cut short).

    Attributes:
        reason: A short machine-readable tag: ``"dns"``, ``"refused"``,
            ``"connect_timeout"``, ``"read_timeout"``, ``"deadline"``,
            ``"truncated"``, ``"reset"``, ``"tls"``, ``"protocol"`` or ``"other"``.

    """

    def __init__(self, message: str, *, reason: str = "other", transient: bool = True) -> None:
        super().__init__(message, transient=transient)
        self.reason = reason


class HTTPError(FetchError):
    """The server answered with an error status.

    5xx, 408 and 429 are transient; 404 and 410 mean the page is ``gone`` (stop
    following it); other 4xx are neither.

    Attributes:
        status: The HTTP status code.
        gone: True for 404 and 410.

    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        retry_after: float | None = None,
        transient: bool | None = None,
    ) -> None:
        if transient is None:
            transient = status >= 500 or status in (408, 429)
        super().__init__(message, transient=transient, retry_after=retry_after)
        self.status = status
        self.gone = status in (404, 410)


class TooLarge(FetchError):
    """The page passed the size cap (counted after decompression).

    Attributes:
        limit: The cap in bytes.

    """

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message, transient=False)
        self.limit = limit


class RedirectError(FetchError):
    """A redirect liveread will not follow: a loop, too many, or a non-http(s) target."""


class BadContent(FetchError):
    """The body could not be decoded (corrupt compression, unknown encoding)."""


# --------------------------------------------------------------------------- translation


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _causes(exc: BaseException) -> list[BaseException]:
    """*exc* and everything it was raised from or during, without cycles."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def status_error(response: httpx.Response, url: str) -> HTTPError:
    """Describe an error status (with its Retry-After) as an :class:`HTTPError`."""
    status = response.status_code
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = response.reason_phrase or "unexpected status"
    if status == 404:
        detail = "page not found; liveread stops following it"
    elif status == 410:
        detail = "the page is gone; liveread stops following it"
    elif retry_after is not None:
        detail = f"{phrase}; retry in {human_seconds(retry_after)}"
    else:
        detail = phrase
    return HTTPError(
        f"HTTP {status} from {host(url)} ({detail})", status=status, retry_after=retry_after
    )


def network_error(exc: httpx.HTTPError, url: str, timeout: float) -> FetchError:
    """Translate an httpx exception into one of ours, in plain words."""
    chain = _causes(exc)
    where = host_port(url)
    if isinstance(exc, httpx.ConnectTimeout):
        return NetworkError(
            f"could not connect to {where} (no answer within {timeout:g} s)",
            reason="connect_timeout",
        )
    if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout)):
        return NetworkError(
            f"{host(url)} stopped sending (nothing for {timeout:g} s)", reason="read_timeout"
        )
    if isinstance(exc, httpx.ConnectError):
        text = " ".join(str(e) for e in chain).lower()
        if any(isinstance(e, socket.gaierror) for e in chain) or any(
            marker in text
            for marker in (
                "name or service not known",
                "nodename nor servname",
                "temporary failure in name resolution",
                "no address associated",
                "getaddrinfo failed",
                "name resolution",
            )
        ):
            return NetworkError(
                f"could not find the server {host(url)} (DNS lookup failed)", reason="dns"
            )
        if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text:
            return NetworkError(
                f"could not connect to {where} (connection refused)", reason="refused"
            )
        if any(isinstance(e, ssl.SSLError) for e in chain) or "ssl" in text:
            return NetworkError(
                f"secure connection to {host(url)} failed ({_first_line(chain[-1])})",
                reason="tls",
            )
        return NetworkError(f"could not connect to {where} ({_first_line(chain[-1])})")
    if isinstance(exc, httpx.RemoteProtocolError):
        text = str(exc).lower()
        if "incomplete" in text or "peer closed" in text or "without sending" in text:
            return NetworkError(
                f"{host(url)} closed the connection before the whole page arrived",
                reason="truncated",
            )
        return NetworkError(
            f"{host(url)} sent a malformed HTTP response ({_first_line(exc)})",
            reason="protocol",
        )
    if isinstance(exc, (httpx.ReadError, httpx.WriteError)):
        if any(isinstance(e, (ConnectionResetError, ConnectionAbortedError)) for e in chain):
            return NetworkError(f"the connection to {host(url)} was reset", reason="reset")
        return NetworkError(
            f"the connection to {host(url)} broke ({_first_line(chain[-1])})", reason="reset"
        )
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(f"not an http or https URL: {url[:200]}")
    if isinstance(exc, httpx.InvalidURL):
        return FetchError(f"not a usable URL: {url[:200]}")
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(f"{host(url)} timed out", reason="read_timeout")
    return NetworkError(f"fetching {host(url)} failed ({_first_line(exc)})")


def os_error(exc: OSError, url: str) -> NetworkError:
    """Translate a bare socket/ssl error (some transports do not wrap them)."""
    if isinstance(exc, ssl.SSLError):
        return NetworkError(
            f"secure connection to {host(url)} failed ({_first_line(exc)})", reason="tls"
        )
    if isinstance(exc, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
        return NetworkError(f"the connection to {host(url)} was reset", reason="reset")
    if isinstance(exc, socket.gaierror):
        return NetworkError(
            f"could not find the server {host(url)} (DNS lookup failed)", reason="dns"
        )
    if isinstance(exc, ConnectionRefusedError):
        return NetworkError(
            f"could not connect to {host_port(url)} (connection refused)", reason="refused"
        )
    return NetworkError(f"fetching {host(url)} failed ({_first_line(exc)})")
