"""liveread's HTTP fetcher: one GET, polite and bounded, or one plain-words error.

:class:`Fetcher` wraps an ``httpx.AsyncClient`` and adds what httpx leaves to
its caller:

- a User-Agent naming liveread and its version;
- an overall deadline per request on top of httpx's per-operation timeouts,
  so a server trickling a byte a second cannot hold a request forever;
- redirects followed by hand: at most 5, http/https only, loops detected, and
  the new URL remembered only when every hop so far was permanent (301/308);
  a ``Location`` is read as UTF-8 (else Latin-1) and its path and query
  percent-encoded, as browsers do, so no control character of a header ever
  reaches a URL, a message or the cache; one that names a port out of range
  or a host with no name is refused like any bad redirect;
- credentials: a URL's user info is never sent in the URL nor kept in it; the
  user name and password typed for an origin (:func:`liveread.urls.credentials`)
  go with every request to that origin as HTTP Basic authentication, and
  with no other;
- a size cap applied *after* decompression *while* reading: raw bytes are
  streamed and inflated by a bounded decoder, so a gzip bomb never reaches
  memory (``Accept-Encoding`` offers gzip and deflate only, the encodings that
  can be bounded with the standard library);
- conditional GET from stored validators (ETag / Last-Modified);
- a bot wall (a challenge page of Cloudflare or DataDome, told apart by
  :mod:`liveread.fetch._botwall` from the head of a 401/403/429/503, at most
  16 KiB of it) raised as :class:`BotWall`, one line that says what it is
  and that the user can read the blog in a browser, never retried: liveread
  does not disguise itself as a browser to get past one;
- every failure turned into a :class:`FetchError` with a one-line message, a
  ``transient`` flag (worth retrying later) and the server's Retry-After.

No Textual here: the headless commands and the TUI share this module.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol
from urllib.parse import quote, urljoin, urlsplit

import httpx

from liveread._version import __version__
from liveread.fetch._botwall import HEAD_BYTES, REFUSALS, BotWall, bot_wall
from liveread.fetch._decode import (
    BoundedDecoder,
    DecodeError,
    SizeExceeded,
    human_size,
    parse_max_age,
    parse_retry_after,
)
from liveread.fetch._errors import (
    BadContent,
    FetchError,
    HTTPError,
    NetworkError,
    RedirectError,
    TooLarge,
    network_error,
    os_error,
    status_error,
)
from liveread.model import header_problem
from liveread.urls import credentials, host, strip_credentials

__all__ = [
    "DEFAULT_ACCEPT",
    "USER_AGENT",
    "BadContent",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "HTTPError",
    "NetworkError",
    "RedirectError",
    "TooLarge",
    "Validators",
    "ValidatorsLike",
    "parse_max_age",
    "parse_retry_after",
]

USER_AGENT = f"liveread/{__version__} (+https://github.com/liveread/liveread)"
DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_RAW_CHUNK = 64 * 1024
# What stays as it is when a redirect's path and query are percent-encoded:
# the URL syntax characters and "%" (escapes already made); anything else that
# is not an ASCII letter or digit (spaces, controls, non-ASCII) is encoded.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"


# --------------------------------------------------------------------------- results


class ValidatorsLike(Protocol):
    """Anything with ``etag`` and ``last_modified`` (e.g. ``liveread.cache.Validators``)."""

    @property
    def etag(self) -> str | None:
        """The ETag exactly as the server sent it."""
        ...

    @property
    def last_modified(self) -> str | None:
        """The Last-Modified value exactly as the server sent it."""
        ...


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends back: the page's ETag and Last-Modified, verbatim."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """One successful fetch (200-class or 304).

    Attributes:
        url: Final URL after redirects.
        permanent_url: The URL to remember instead of the requested one; set
            only when 301/308 redirects (and only those) moved the page.
        status: HTTP status of the final answer (200 or 304, or another 2xx).
        not_modified: True on a 304 to a conditional request.
        content: The decompressed body; ``b""`` on 304.
        charset: The charset named by the Content-Type header, if any.
        etag: ETag as received (on 304 without one: the one we sent).
        last_modified: Last-Modified as received (likewise).
        retry_after: Seconds from Retry-After (capped at 24 h), if sent.
        max_age: Cache-Control max-age in seconds (capped at 24 h), if sent.
        wire_bytes: Bytes received: response heads (approximate) plus bodies as sent.
        elapsed: Seconds the whole fetch took, redirects included.

    """

    url: str
    permanent_url: str | None
    status: int
    not_modified: bool
    content: bytes
    charset: str | None
    etag: str | None
    last_modified: str | None
    retry_after: float | None
    max_age: float | None
    wire_bytes: int
    elapsed: float


# --------------------------------------------------------------------------- fetcher


class Fetcher:
    """An HTTP client for live-blog pages with liveread's limits built in.

    Use one per application (it pools connections), as an async context
    manager or by calling :meth:`aclose`.

    Args:
        timeout: Seconds allowed for each network operation (connect, each read...).
        deadline: Seconds allowed for a whole :meth:`get`, redirects and body included.
        max_bytes: Largest body accepted, counted after decompression.
        max_redirects: Most redirects followed per request.
        transport: An httpx transport to use instead of the network (tests).
        user_agent: Replaces :data:`USER_AGENT`.
        keepalive: Idle connections kept open for the next request (one per
            host followed: a follower of 50 blogs on 50 hosts reconnects for
            none of its polls).

    """

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        deadline: float = 30.0,
        max_bytes: int = 8 * 1024 * 1024,
        max_redirects: int = 5,
        transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str | None = None,
        keepalive: int = 20,
    ) -> None:
        self.timeout = timeout
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent or USER_AGENT
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(timeout),
            transport=transport,
            limits=httpx.Limits(
                max_connections=max(100, keepalive), max_keepalive_connections=keepalive
            ),
            headers={
                "User-Agent": self.user_agent,
                # Only what a bounded stdlib decoder can inflate (no br, no zstd).
                "Accept-Encoding": "gzip, deflate",
            },
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close pooled connections."""
        await self._client.aclose()

    async def get(
        self,
        url: str,
        validators: ValidatorsLike | None = None,
        *,
        accept: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
    ) -> FetchResult:
        """Fetch *url*, conditionally when *validators* are given.

        Args:
            url: An absolute http or https URL.
            validators: ETag / Last-Modified from the last successful fetch.
            accept: The Accept header (default :data:`DEFAULT_ACCEPT`).
            headers: Extra headers a source's request carries (a site's API
                key word, such as Al Jazeera's ``wp-site``); one that
                :func:`liveread.model.header_problem` refuses (a User-Agent,
                a cookie, credentials) is never sent.

        Returns:
            The result; ``not_modified`` is True when the server answered 304.

        Raises:
            FetchError: A subclass saying what went wrong with the network, the
                server or the body; only a bug in liveread raises anything else.

        """
        started = time.monotonic()
        url = strip_credentials(url)  # its user info goes as Basic auth, never in the URL
        try:
            return await asyncio.wait_for(
                self._get(url, validators, accept, headers, started), timeout=self.deadline
            )
        except asyncio.TimeoutError:
            raise NetworkError(
                f"the server took longer than {self.deadline:g} s to send the page",
                reason="deadline",
            ) from None
        except FetchError:
            raise
        except (httpx.InvalidURL, httpx.StreamError) as exc:
            # What httpx raises outside its HTTPError tree: a URL it cannot use,
            # a stream misused. Not the network's fault, so not worth retrying.
            raise FetchError(
                f"cannot fetch {host(url)}: {type(exc).__name__}: {exc}", transient=False
            ) from exc
        except zlib.error as exc:
            raise BadContent(f"{host(url)} sent a body that does not decompress ({exc})") from exc
        # Anything else is a bug in liveread, not trouble with the site: it is
        # not dressed up as a network fault to be retried for ever.

    async def _get(
        self,
        url: str,
        validators: ValidatorsLike | None,
        accept: str | None,
        extra: Sequence[tuple[str, str]],
        started: float,
    ) -> FetchResult:
        try:
            parts = urlsplit(url)
            _ = parts.port  # a port past 65535 would overflow deep in the socket layer
        except ValueError:
            raise FetchError(f"not a usable URL: {url[:200]}") from None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http or https URL: {url[:200]}")
        headers = {name: value for name, value in extra if header_problem(name, value) is None}
        headers["Accept"] = accept or DEFAULT_ACCEPT
        etag = _header_safe(getattr(validators, "etag", None))
        last_modified = _header_safe(getattr(validators, "last_modified", None))
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        conditional = bool(etag or last_modified)

        current = url
        seen = {url}
        permanent_url: str | None = None
        still_permanent = True  # every hop so far was 301/308
        wire = 0
        for hop in range(self.max_redirects + 1):
            login = credentials(current)
            auth = httpx.BasicAuth(*login) if login else httpx.USE_CLIENT_DEFAULT
            try:
                async with self._client.stream(
                    "GET", current, headers=headers, auth=auth
                ) as response:
                    wire += _head_size(response)
                    status = response.status_code
                    if status in _REDIRECTS:
                        target = self._redirect_target(response, current, hop, seen)
                        if still_permanent and status in _PERMANENT:
                            permanent_url = target
                        else:
                            still_permanent = False
                        current = target
                        continue
                    if status == 304:
                        if not conditional:
                            raise HTTPError(
                                f"{host(current)} answered 304 Not Modified "
                                "to an unconditional request",
                                status=304,
                                transient=True,
                            )
                        return self._result(
                            response,
                            current,
                            permanent_url,
                            b"",
                            wire,
                            started,
                            sent_etag=etag,
                            sent_last_modified=last_modified,
                        )
                    if status in REFUSALS or "cf-mitigated" in response.headers:
                        # A refusal's head tells a challenge page; any other body is left as is.
                        head = await self._read_head(response) if status in REFUSALS else b""
                        wall = bot_wall(status, response.headers, head)
                        if wall is not None:
                            raise BotWall(current, wall, status)
                    if not 200 <= status < 300:
                        raise status_error(response, current)
                    body, raw_size = await self._read_body(response, current)
                    wire += raw_size
                    return self._result(response, current, permanent_url, body, wire, started)
            except httpx.HTTPError as exc:
                raise network_error(exc, current, self.timeout) from exc
            except OSError as exc:
                raise os_error(exc, current) from exc
        raise RedirectError(  # pragma: no cover - the loop above raises first
            f"more than {self.max_redirects} redirects from {host(url)}"
        )

    def _redirect_target(
        self, response: httpx.Response, current: str, hop: int, seen: set[str]
    ) -> str:
        location = _location(response)
        if not location:
            raise RedirectError(
                f"HTTP {response.status_code} redirect from {host(current)} without a Location"
            )
        try:
            parts = urlsplit(urljoin(current, location))
            scheme, hostname, _ = parts.scheme.lower(), parts.hostname, parts.port
        except ValueError as exc:  # an unclosed "[", a port past 65535 (urllib's own words)
            raise RedirectError(
                f"redirect from {host(current)} to a URL that cannot be used ({exc}) refused"
            ) from None
        if scheme not in ("http", "https"):
            # Only an ASCII word of letters can stand here: a scheme is nothing else.
            shown = scheme if scheme.isascii() and scheme.isalpha() else "non-http"
            raise RedirectError(f"redirect to a {shown or 'schemeless'}: URL refused")
        if not hostname or not all(c.isprintable() and not c.isspace() for c in hostname):
            raise RedirectError(f"redirect from {host(current)} to a URL without a host refused")
        target = parts._replace(
            path=quote(parts.path, safe=_URL_SAFE),
            query=quote(parts.query, safe=_URL_SAFE),
            fragment="",
        ).geturl()
        if target in seen:
            raise RedirectError(f"redirect loop at {host(current)} (back to {target[:200]})")
        if hop >= self.max_redirects:
            raise RedirectError(f"more than {self.max_redirects} redirects from {host(current)}")
        seen.add(target)
        return target

    async def _read_body(self, response: httpx.Response, url: str) -> tuple[bytes, int]:
        """Read and decode the body under the size cap; return (body, raw bytes)."""
        encoding = response.headers.get("Content-Encoding", "")
        # "gzip, identity" and friends: keep the real codings only.
        codings = [
            c.strip() for c in encoding.split(",") if c.strip().lower() not in ("", "identity")
        ]
        if len(codings) > 1:
            raise BadContent(f"{host(url)} compressed the page twice ({encoding}); not supported")
        too_large = TooLarge(
            f"the page is larger than {human_size(self.max_bytes)}"
            + (" after decompression" if codings else ""),
            limit=self.max_bytes,
        )
        length = response.headers.get("Content-Length", "")
        if not codings and length.isdigit() and int(length) > self.max_bytes:
            raise too_large  # no need to read what we will not keep
        try:
            decoder = BoundedDecoder(codings[0] if codings else "", self.max_bytes)
        except DecodeError as exc:
            raise BadContent(str(exc)) from None
        raw = 0
        try:
            async for chunk in response.aiter_raw(_RAW_CHUNK):
                raw += len(chunk)
                decoder.feed(chunk)
            return decoder.finish(), raw
        except SizeExceeded:
            raise too_large from None
        except DecodeError as exc:
            raise BadContent(str(exc), transient=True) from None

    async def _read_head(self, response: httpx.Response) -> bytes:
        """The first :data:`HEAD_BYTES` of a refusal's body, decoded (b"" when it cannot be).

        Enough to tell a bot wall's challenge page; never more is read of it.
        """
        codings = [c.strip() for c in response.headers.get("Content-Encoding", "").split(",")]
        codings = [c for c in codings if c.lower() not in ("", "identity")]
        if len(codings) > 1:
            return b""
        try:
            decoder = BoundedDecoder(codings[0] if codings else "", 2 * HEAD_BYTES)
            async for chunk in response.aiter_raw(4096):
                decoder.feed(chunk)
                if decoder.size >= HEAD_BYTES:
                    break
        except (DecodeError, SizeExceeded):
            return b""
        return decoder.so_far()[:HEAD_BYTES]

    def _result(
        self,
        response: httpx.Response,
        url: str,
        permanent_url: str | None,
        body: bytes,
        wire: int,
        started: float,
        *,
        sent_etag: str | None = None,
        sent_last_modified: str | None = None,
    ) -> FetchResult:
        headers = response.headers
        not_modified = response.status_code == 304
        return FetchResult(
            url=url,
            permanent_url=permanent_url,
            status=response.status_code,
            not_modified=not_modified,
            content=body,
            charset=None if not_modified else response.charset_encoding,
            etag=headers.get("ETag") or sent_etag,
            last_modified=headers.get("Last-Modified") or sent_last_modified,
            retry_after=parse_retry_after(headers.get("Retry-After")),
            max_age=parse_max_age(headers.get("Cache-Control")),
            wire_bytes=wire,
            elapsed=time.monotonic() - started,
        )


# --------------------------------------------------------------------------- helpers


def _location(response: httpx.Response) -> str:
    """The Location header as the server sent it: UTF-8 when it is, else Latin-1; trimmed."""
    for name, value in response.headers.raw:
        if name.lower() == b"location":
            try:
                return value.decode("utf-8").strip()
            except UnicodeDecodeError:
                return value.decode("latin-1").strip()
    return ""


def _header_safe(value: str | None) -> str | None:
    """Return a stored validator, or None if it cannot be sent back as a header."""
    if not value or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return None
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return None
    return value


def _head_size(response: httpx.Response) -> int:
    """Approximate bytes of the status line and headers as they came over the wire."""
    size = len(b"HTTP/1.1 000 ") + len(response.reason_phrase) + 2 + 2
    for name, value in response.headers.raw:
        size += len(name) + 2 + len(value) + 2
    return size
