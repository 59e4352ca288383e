"""The fetcher against a real HTTP server on 127.0.0.1, one test per fault.

Faults a local server cannot stage (DNS failure, connect timeout, a TLS error)
go through ``httpx.MockTransport``. Timeouts and deadlines are short so the
whole file runs in a few seconds.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from liveread import __version__
from liveread.cache import Validators
from liveread.demo.http import DemoHTTPServer, Reply, Request
from liveread.fetch import (
    USER_AGENT,
    BadContent,
    Fetcher,
    FetchError,
    HTTPError,
    NetworkError,
    RedirectError,
    TooLarge,
    parse_max_age,
    parse_retry_after,
)
from liveread.fetch._decode import BoundedDecoder, DecodeError, SizeExceeded
from tests.support.faults import Fault, faults, garbage_body

MB = 1024 * 1024
PAGE = ("<html><body>" + "<p>Le café est servi. Entrée №1.</p>\n" * 200 + "</body></html>").encode()


class Site:
    """A trivial handler: a dict of path → Reply, recording every request."""

    def __init__(self) -> None:
        self.pages: dict[str, Reply] = {"/blog": Reply(body=PAGE, max_age=5)}
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Reply:
        self.requests.append(request)
        return self.pages.get(request.path) or Reply(404, b"no such page", "text/plain")


@pytest.fixture
def site() -> Site:
    return Site()


@pytest.fixture
def server(site: Site) -> Iterator[DemoHTTPServer]:
    with DemoHTTPServer(site) as srv:
        yield srv


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(timeout=2.0, deadline=5.0) as f:
        yield f


def streamed(status: int, headers: dict[str, str], body: bytes) -> httpx.Response:
    """A response whose body arrives as a stream, as from a real connection."""

    async def chunks() -> AsyncIterator[bytes]:
        yield body

    return httpx.Response(status, headers=headers, content=chunks())


def mock_fetcher(raise_exc: BaseException) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        raise raise_exc

    return Fetcher(timeout=1.0, deadline=2.0, transport=httpx.MockTransport(handler))


# --------------------------------------------------------------------------- success paths


async def test_plain_get_sends_liveread_user_agent(
    server: DemoHTTPServer, site: Site, fetcher: Fetcher
) -> None:
    result = await fetcher.get(server.url + "/blog")
    assert result.status == 200 and not result.not_modified
    assert result.content == PAGE
    assert result.charset == "utf-8"
    assert result.url == server.url + "/blog"
    assert result.permanent_url is None
    assert result.etag and result.etag.startswith('"')
    assert result.max_age == 5.0
    assert result.elapsed < 2
    ua = site.requests[-1].headers["user-agent"]
    assert ua == USER_AGENT and ua.startswith(f"liveread/{__version__} ")
    assert server.stats.log[-1].user_agent == USER_AGENT


async def test_gzip_is_requested_and_decoded(server: DemoHTTPServer, site: Site) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.get(server.url + "/blog")
    assert site.requests[-1].headers["accept-encoding"] == "gzip, deflate"
    assert server.stats.log[-1].gzipped
    assert result.content == PAGE
    assert result.wire_bytes < len(PAGE) // 4  # the page compresses well


@dataclass(frozen=True)
class OtherValidators:
    """Not liveread.cache.Validators: any object with the two fields will do."""

    etag: str | None
    last_modified: str | None
    body_hash: str = "x"


async def test_conditional_get_round_trip(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    first = await fetcher.get(server.url + "/blog")
    second = await fetcher.get(server.url + "/blog", Validators(first.etag, None))
    assert second.status == 304 and second.not_modified
    assert second.content == b"" and second.charset is None
    assert second.etag == first.etag
    assert second.wire_bytes < 250, second.wire_bytes
    record = server.stats.log[-1]
    assert record.if_none_match and record.status == 304
    assert record.bytes < 250  # idle polling costs a couple of hundred bytes
    # Any object with .etag/.last_modified will do (ValidatorsLike).
    third = await fetcher.get(server.url + "/blog", OtherValidators(first.etag, None))
    assert third.not_modified


async def test_conditional_get_sees_a_change(
    server: DemoHTTPServer, site: Site, fetcher: Fetcher
) -> None:
    first = await fetcher.get(server.url + "/blog")
    site.pages["/blog"] = Reply(body=PAGE + b"<p>new</p>")
    second = await fetcher.get(server.url + "/blog", Validators(first.etag, None))
    assert second.status == 200 and not second.not_modified
    assert second.content.endswith(b"<p>new</p>")
    assert second.etag != first.etag


async def test_if_modified_since(server: DemoHTTPServer, site: Site, fetcher: Fetcher) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    site.pages["/lm"] = Reply(body=b"<p>x</p>", last_modified=stamp, auto_etag=False)
    first = await fetcher.get(server.url + "/lm")
    assert first.last_modified == stamp and first.etag is None
    second = await fetcher.get(server.url + "/lm", Validators(None, first.last_modified))
    assert second.not_modified and second.last_modified == stamp
    assert server.stats.log[-1].if_modified_since


# --------------------------------------------------------------------------- network faults


async def test_dns_failure() -> None:
    async with mock_fetcher(httpx.ConnectError("[Errno -2] Name or service not known")) as f:
        with pytest.raises(NetworkError) as info:
            await f.get("http://no-such-host.invalid/blog")
    assert info.value.reason == "dns" and info.value.transient
    assert str(info.value) == "could not find the server no-such-host.invalid (DNS lookup failed)"


async def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NetworkError) as info:
        await fetcher.get(f"http://127.0.0.1:{port}/blog")
    assert info.value.reason == "refused" and info.value.transient
    assert str(info.value) == f"could not connect to 127.0.0.1:{port} (connection refused)"


async def test_connect_timeout() -> None:
    async with mock_fetcher(httpx.ConnectTimeout("timed out")) as f:
        with pytest.raises(NetworkError) as info:
            await f.get("https://example.com/blog")
    assert info.value.reason == "connect_timeout" and info.value.transient
    assert "could not connect to example.com:443" in str(info.value)


async def test_byte_a_second_body_hits_the_deadline(server: DemoHTTPServer) -> None:
    faults(server).add(Fault.TRICKLE)
    async with Fetcher(timeout=5.0, deadline=2.0) as f:
        with pytest.raises(NetworkError) as info:
            await f.get(server.url + "/blog")
    # Each byte came within the 5 s read timeout: only the overall deadline can end it.
    assert info.value.reason == "deadline" and info.value.transient
    assert str(info.value) == "the server took longer than 2 s to send the page"


async def test_stalled_body_hits_the_read_timeout(server: DemoHTTPServer) -> None:
    faults(server).add(Fault.STALL)
    async with Fetcher(timeout=1.0, deadline=10.0) as f:
        with pytest.raises(NetworkError) as info:
            await f.get(server.url + "/blog")
    # The read timeout (1 s) ended it, not the deadline (10 s).
    assert info.value.reason == "read_timeout"
    assert "stopped sending (nothing for 1 s)" in str(info.value)


async def test_truncated_body(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.TRUNCATED)
    with pytest.raises(NetworkError) as info:
        await fetcher.get(server.url + "/blog")
    assert info.value.reason == "truncated" and info.value.transient
    assert "closed the connection before the whole page arrived" in str(info.value)


async def test_connection_reset(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.RESET)
    with pytest.raises(NetworkError) as info:
        await fetcher.get(server.url + "/blog")
    assert info.value.reason == "reset" and info.value.transient
    assert "was reset" in str(info.value)


async def test_tls_failure_is_a_network_error() -> None:
    async with mock_fetcher(ssl_error()) as f:
        with pytest.raises(NetworkError) as info:
            await f.get("https://example.com/")
    assert info.value.reason == "tls"


def ssl_error() -> BaseException:
    import ssl

    return ssl.SSLCertVerificationError(1, "certificate verify failed")


async def test_no_library_exception_escapes() -> None:
    for exc in (zlib.error("bad"), httpx.DecodingError("x"), httpx.InvalidURL("y")):
        async with mock_fetcher(exc) as f:
            with pytest.raises(FetchError) as info:
                await f.get("https://example.com/")
        assert "\n" not in str(info.value)


async def test_a_bug_is_not_dressed_up_as_a_network_fault() -> None:
    """An exception no library raises for a network reason is a bug: it escapes as itself."""
    async with mock_fetcher(RuntimeError("boom")) as f:
        with pytest.raises(RuntimeError, match="boom"):
            await f.get("https://example.com/")


async def test_non_http_url_is_refused(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="not an http or https URL"):
        await fetcher.get("file:///etc/passwd")


# --------------------------------------------------------------------------- status faults


async def test_server_error_is_transient(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.ERROR_500)
    with pytest.raises(HTTPError) as info:
        await fetcher.get(server.url + "/blog")
    err = info.value
    assert err.status == 500 and err.transient and not err.gone and err.retry_after is None
    assert str(err) == f"HTTP 500 from 127.0.0.1:{server.port} (Internal Server Error)"
    # The fault was for one request only: service resumes.
    assert (await fetcher.get(server.url + "/blog")).status == 200


def in_90_s() -> datetime:
    return datetime.now(timezone.utc) + timedelta(seconds=90)


@pytest.mark.parametrize("fault", [Fault.TOO_MANY_429, Fault.ERROR_503])
@pytest.mark.parametrize(
    ("retry_after", "low", "high"),
    [("40", 40, 40), (in_90_s, 80, 91), ("soon, maybe", None, None), (None, None, None)],
    ids=["seconds", "http-date", "garbage", "absent"],
)
async def test_retry_after(
    server: DemoHTTPServer,
    fetcher: Fetcher,
    fault: Fault,
    retry_after: object,
    low: float | None,
    high: float | None,
) -> None:
    value = retry_after() if callable(retry_after) else retry_after
    faults(server).add(fault, retry_after=value)  # type: ignore[arg-type]
    with pytest.raises(HTTPError) as info:
        await fetcher.get(server.url + "/blog")
    err = info.value
    assert err.transient and not err.gone  # never stop polling on 429/503
    assert err.status == (429 if fault is Fault.TOO_MANY_429 else 503)
    if low is None:
        assert err.retry_after is None
        assert "retry in" not in str(err)
    else:
        assert err.retry_after is not None and low <= err.retry_after <= high
        assert "retry in" in str(err)
    if value == "40":
        assert str(err).endswith("retry in 40 s)")


async def test_unasked_304(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.NOT_MODIFIED_NO_VALIDATORS)
    with pytest.raises(HTTPError) as info:
        await fetcher.get(server.url + "/blog")
    assert info.value.status == 304 and info.value.transient
    assert "304 Not Modified to an unconditional request" in str(info.value)


@pytest.mark.parametrize(("fault", "status"), [(Fault.NOT_FOUND_404, 404), (Fault.GONE_410, 410)])
async def test_gone(server: DemoHTTPServer, fetcher: Fetcher, fault: Fault, status: int) -> None:
    faults(server).add(fault)
    with pytest.raises(HTTPError) as info:
        await fetcher.get(server.url + "/blog")
    assert info.value.status == status and info.value.gone and not info.value.transient
    assert "stops following it" in str(info.value)


async def test_other_4xx_is_not_transient(
    server: DemoHTTPServer, site: Site, fetcher: Fetcher
) -> None:
    site.pages["/forbidden"] = Reply(403, b"no", "text/plain")
    with pytest.raises(HTTPError) as info:
        await fetcher.get(server.url + "/forbidden")
    assert info.value.status == 403 and not info.value.transient and not info.value.gone


# --------------------------------------------------------------------------- redirects


async def test_redirect_loop(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.REDIRECT_LOOP)
    with pytest.raises(RedirectError, match="redirect loop") as info:
        await fetcher.get(server.url + "/blog")
    assert not info.value.transient


async def test_too_many_redirects(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.REDIRECT_CHAIN)
    with pytest.raises(RedirectError, match="more than 5 redirects"):
        await fetcher.get(server.url + "/blog")
    assert server.stats.requests == 6  # the original request and 5 followed hops


async def test_redirect_to_file_is_refused(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.REDIRECT_FILE)
    with pytest.raises(RedirectError) as info:
        await fetcher.get(server.url + "/blog")
    assert str(info.value) == "redirect to a file: URL refused"
    assert server.stats.requests == 1


@pytest.mark.parametrize(
    ("hops", "permanent"),
    [
        ([301], "/blog"),
        ([308], "/blog"),
        ([302], None),
        ([307], None),
        ([301, 302], "/hop1"),  # remembered up to the first temporary hop
        ([302, 301], None),
    ],
)
async def test_redirect_permanence(
    server: DemoHTTPServer,
    site: Site,
    fetcher: Fetcher,
    hops: list[int],
    permanent: str | None,
) -> None:
    paths = ["/old"] + [f"/hop{i}" for i in range(1, len(hops))] + ["/blog"]
    for status, here, there in zip(hops, paths[:-1], paths[1:], strict=True):
        site.pages[here] = Reply(status, headers={"Location": there}, auto_etag=False)
    result = await fetcher.get(server.url + "/old")
    assert result.url == server.url + "/blog" and result.content == PAGE
    assert result.permanent_url == (server.url + permanent if permanent else None)


# --------------------------------------------------------------------------- bodies


async def test_gzip_bomb_is_stopped_with_bounded_memory(
    server: DemoHTTPServer, fetcher: Fetcher
) -> None:
    faults(server).add(Fault.GZIP_BOMB)  # ~1 MiB that inflates to 1 GiB
    faults(server).add(Fault.GZIP_BOMB)
    with pytest.raises(TooLarge):  # warm-up: the server builds its bomb once
        await fetcher.get(server.url + "/blog")
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge) as info:
            await fetcher.get(server.url + "/blog")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(info.value) == "the page is larger than 8 MiB after decompression"
    assert not info.value.transient and info.value.limit == 8 * MB
    print(f"gzip bomb: tracemalloc peak {peak / MB:.1f} MiB")
    assert peak < 100 * MB
    # The client hung up after ~8 MiB of output, i.e. a few KiB of the bomb.
    assert server.stats.log[-1].body_bytes < 2 * MB


async def test_huge_body_is_refused(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.HUGE)
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge, match="larger than 8 MiB"):
            await fetcher.get(server.url + "/blog")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"50 MB body: tracemalloc peak {peak / MB:.1f} MiB")
    assert peak < 100 * MB


async def test_huge_body_without_length_is_cut_while_reading(
    server: DemoHTTPServer, fetcher: Fetcher
) -> None:
    """No Content-Length to reject up front: the cap must hold during the read."""
    faults(server).add(Fault.HUGE_UNSIZED)
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge, match="larger than 8 MiB"):
            await fetcher.get(server.url + "/blog")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"50 MB body without length: tracemalloc peak {peak / MB:.1f} MiB")
    assert peak < 100 * MB
    assert server.stats.log[-1].body_bytes < 20 * MB  # the client hung up early


async def test_huge_chunked_body_is_cut_while_reading() -> None:
    """Chunked transfer (through a mock transport): the cap holds during the read."""
    sent = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        chunk = b"x" * (256 * 1024)
        for _ in range(200):  # 50 MiB
            sent += len(chunk)
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=body())

    tracemalloc.start()
    try:
        async with Fetcher(transport=httpx.MockTransport(handler)) as f:
            with pytest.raises(TooLarge):
                await f.get("http://example.com/")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sent <= 9 * MB
    assert peak < 100 * MB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc/self")
def test_memory_in_a_fresh_process_stays_bounded() -> None:
    """Peak RSS growth through the bomb and the 50 MB body, in a clean interpreter.

    Linux only: the peak (VmHWM) is reset just before each fetch, so the
    growth is exactly what the fetch added at its worst moment.
    """
    script = textwrap.dedent(
        """
        import asyncio, json, re
        from liveread.demo.http import DemoHTTPServer, Reply
        from tests.support.faults import Fault, faults, gzip_bomb
        from liveread.fetch import Fetcher, TooLarge

        def status(field):
            with open("/proc/self/status") as f:
                return int(re.search(field + r":\\s+(\\d+)", f.read()).group(1)) / 1024

        def reset_peak():
            # Linux: "5" resets the high-water mark (VmHWM) to the current RSS.
            try:
                with open("/proc/self/clear_refs", "w") as f:
                    f.write("5")
            except OSError:
                print(json.dumps({"unsupported": True}))
                raise SystemExit(0)
            return status("VmRSS")

        async def main():
            gzip_bomb(1 << 30)  # build the server's bomb before measuring
            out = {}
            with DemoHTTPServer(lambda r: Reply(body=b"<p>x</p>")) as srv:
                async with Fetcher() as f:
                    await f.get(srv.url + "/warm")
                    for fault in (Fault.GZIP_BOMB, Fault.HUGE, Fault.HUGE_UNSIZED):
                        before = reset_peak()
                        faults(srv).add(fault)
                        try:
                            await f.get(srv.url + "/p")
                        except TooLarge:
                            out[fault.name] = round(status("VmHWM") - before, 1)
            print(json.dumps(out))

        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    growth = json.loads(done.stdout)
    print(f"peak RSS growth (MiB): {growth}")
    if growth.get("unsupported"):
        pytest.skip("this kernel does not let a process reset its peak RSS")
    assert set(growth) == {"GZIP_BOMB", "HUGE", "HUGE_UNSIZED"}
    assert all(v < 100 for v in growth.values())
    assert "Traceback" not in done.stderr


async def test_bomb_is_valid_gzip(server: DemoHTTPServer) -> None:
    """The staged bomb is a real gzip stream: with a large enough cap it inflates fully."""
    faults(server).add(Fault.GZIP_BOMB, size=4 * MB)
    async with Fetcher(max_bytes=16 * MB) as f:
        result = await f.get(server.url + "/blog")
    assert result.content == bytes(4 * MB)


@pytest.mark.parametrize(
    ("fault", "charset", "needle"),
    [
        (Fault.WRONG_CHARSET, "utf-8", "café".encode("latin-1")),
        (Fault.WRONG_CHARSET_REVERSE, "iso-8859-1", "café".encode()),
    ],
)
async def test_wrong_charset_reports_the_header(
    server: DemoHTTPServer, fetcher: Fetcher, fault: Fault, charset: str, needle: bytes
) -> None:
    faults(server).add(fault)
    result = await fetcher.get(server.url + "/blog")
    assert result.charset == charset  # what the header said; the parser checks the bytes
    assert needle in result.content


async def test_empty_body(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.EMPTY)
    result = await fetcher.get(server.url + "/blog")
    assert result.status == 200 and result.content == b""


async def test_binary_body_is_returned(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    faults(server).add(Fault.GARBAGE)
    result = await fetcher.get(server.url + "/blog")
    assert result.content == garbage_body(8192)  # the parser rejects it, not the fetcher


@pytest.mark.parametrize(
    ("encoding", "packer"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as IIS sends
    ],
)
async def test_encodings(encoding: str, packer: object) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = packer(PAGE)  # type: ignore[operator]
        return streamed(200, {"Content-Encoding": encoding}, body)

    async with Fetcher(transport=httpx.MockTransport(handler)) as f:
        result = await f.get("http://example.com/")
    assert result.content == PAGE


async def test_corrupt_gzip_is_bad_content() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return streamed(200, {"Content-Encoding": "gzip"}, b"\x1f\x8b\x08garbage!")

    async with Fetcher(transport=httpx.MockTransport(handler)) as f:
        with pytest.raises(BadContent, match="corrupt gzip"):
            await f.get("http://example.com/")


async def test_unknown_encoding_is_bad_content() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return streamed(200, {"Content-Encoding": "br"}, b"\x00\x01")

    async with Fetcher(transport=httpx.MockTransport(handler)) as f:
        with pytest.raises(BadContent, match=r"cannot read \(br\)"):
            await f.get("http://example.com/")


# --------------------------------------------------------------------------- decoder units


def test_decoder_caps_each_step() -> None:
    bomb = gzip.compress(bytes(64 * MB))
    decoder = BoundedDecoder("gzip", MB)
    with pytest.raises(SizeExceeded):
        decoder.feed(bomb)
    assert decoder.size <= MB + 64 * 1024 + 1


def test_decoder_concatenated_gzip_members() -> None:
    decoder = BoundedDecoder("gzip", MB)
    decoder.feed(gzip.compress(b"one ") + gzip.compress(b"two"))
    assert decoder.finish() == b"one two"


def test_decoder_truncated_stream() -> None:
    decoder = BoundedDecoder("gzip", MB)
    decoder.feed(gzip.compress(PAGE)[:-20])
    with pytest.raises(DecodeError, match="ended early"):
        decoder.finish()


# --------------------------------------------------------------------------- header parsing


NOW = datetime(2024, 6, 19, 12, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        ("999999999", 86400.0),  # capped at 24 h
        ("Wed, 19 Jun 2024 12:00:40 GMT", 40.0),
        ("Wed, 19 Jun 2024 11:00:00 GMT", 0.0),  # in the past: now
        ("Thu, 20 Jun 2024 18:00:00 GMT", 86400.0),  # more than a day ahead: capped
        ("Wednesday, 19-Jun-24 12:01:00 GMT", 60.0),  # obsolete RFC 850 form
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Wed, 99 Foo 2024 12:00:40 GMT", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_parse_retry_after_default_now() -> None:
    soon = (datetime.now(timezone.utc) + timedelta(seconds=30)).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    delay = parse_retry_after(soon)
    assert delay is not None and 25 <= delay <= 31


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-age=5", 5.0),
        ("public, max-age=30, must-revalidate", 30.0),
        ("MAX-AGE = 7", 7.0),
        ('max-age="12"', 12.0),
        ("s-maxage=60", None),
        ("s-maxage=60, max-age=10", 10.0),
        ("max-age=999999999", 86400.0),
        ("max-age=-1", None),
        ("max-age=abc", None),
        ("no-cache", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_max_age(value: str | None, expected: float | None) -> None:
    assert parse_max_age(value) == expected


# --------------------------------------------------------------------------- the engine itself


async def test_fault_plan_times_prefix_and_clear(
    server: DemoHTTPServer, site: Site, fetcher: Fetcher
) -> None:
    site.pages["/other"] = Reply(body=b"other")
    faults(server).add(Fault.ERROR_503, times=2, path_prefix="/blog")
    assert (await fetcher.get(server.url + "/other")).content == b"other"
    for _ in range(2):
        with pytest.raises(HTTPError):
            await fetcher.get(server.url + "/blog")
    assert (await fetcher.get(server.url + "/blog")).status == 200
    faults(server).add(Fault.ERROR_500, times=None)
    for _ in range(3):
        with pytest.raises(HTTPError):
            await fetcher.get(server.url + "/blog")
    faults(server).clear()
    assert (await fetcher.get(server.url + "/blog")).status == 200
    assert [r.fault for r in server.stats.log].count("503") == 2


async def test_stats_count_bytes_and_paths(server: DemoHTTPServer, fetcher: Fetcher) -> None:
    result = await fetcher.get(server.url + "/blog")
    await fetcher.get(server.url + "/blog", Validators(result.etag, None))
    await fetcher.get(server.url + "/blog?page=2", Validators(result.etag, None))
    stats = server.stats
    assert stats.requests == 3 and stats.per_path == {"/blog": 3} and stats.count("/blog") == 3
    assert stats.bytes_sent == stats.header_bytes + stats.body_bytes
    assert stats.bytes_sent == sum(r.bytes for r in stats.log)
    assert [r.status for r in stats.log] == [200, 304, 304]
    assert stats.log[2].target == "/blog?page=2"
    # What the client counted matches what the server sent, within header noise.
    assert abs(result.wire_bytes - stats.log[0].bytes) < 40
    stats.reset()
    assert stats.requests == 0 and stats.bytes_sent == 0


async def test_client_disconnects_are_quiet(
    server: DemoHTTPServer, fetcher: Fetcher, capfd: pytest.CaptureFixture[str]
) -> None:
    for fault in (Fault.HUGE, Fault.GZIP_BOMB, Fault.RESET, Fault.TRUNCATED):
        faults(server).add(fault, size=64 * MB if fault is Fault.GZIP_BOMB else None)
        with pytest.raises(FetchError):
            await fetcher.get(server.url + "/blog")
    async with Fetcher(timeout=5.0, deadline=0.5) as quick:
        faults(server).add(Fault.TRICKLE)
        with pytest.raises(NetworkError):
            await quick.get(server.url + "/blog")
    await asyncio.sleep(0.3)  # let the server notice the hang-ups
    assert (await fetcher.get(server.url + "/blog")).status == 200  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err


def test_head_and_malformed_requests() -> None:
    with DemoHTTPServer(Site()) as srv:
        with socket.create_connection(("127.0.0.1", srv.port)) as sock:
            sock.sendall(b"HEAD /blog HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            head = recv_all(sock)
        assert head.startswith(b"HTTP/1.1 200 OK\r\n")
        assert head.endswith(b"\r\n\r\n")  # headers only
        assert f"Content-Length: {len(PAGE)}".encode() in head
        with socket.create_connection(("127.0.0.1", srv.port)) as sock:
            sock.sendall(b"NONSENSE\r\n\r\n")
            assert recv_all(sock).startswith(b"HTTP/1.1 400 ")
        assert httpx.get(srv.url + "/blog").status_code == 200


def recv_all(sock: socket.socket) -> bytes:
    sock.settimeout(5)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_stop_ends_a_stall_promptly() -> None:
    srv = DemoHTTPServer(Site())
    srv.start()
    faults(srv).add(Fault.STALL)
    with socket.create_connection(("127.0.0.1", srv.port)) as sock:
        sock.sendall(b"GET /blog HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
        srv.stop()  # returns: the stalled connection does not hold it
        recv_all(sock)  # the connection is closed, not left hanging
