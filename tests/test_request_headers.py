"""A source's request may carry a site's API header, never a disguise or a credential.

Al Jazeera's API answers only requests that carry its ``wp-site`` header, so a
:class:`~liveread.model.Request` may name a few extra headers. The one rule
(:func:`liveread.model.header_problem`) is held where a source's request
arrives (the seam), where a stored one is read back, and by the fetcher
before it sends: never a User-Agent (liveread always names itself), a
cookie, credentials, a browser's ``sec-`` headers, nor one of the headers
liveread sets itself.
"""

from __future__ import annotations

import pytest

from liveread.demo.http import Reply
from liveread.demo.http import Request as Served
from liveread.demo.server import DemoServer
from liveread.errors import RuleBroken
from liveread.fetch import USER_AGENT, Fetcher
from liveread.model import Request, header_problem
from liveread.sources._seam import check_request

URL = "https://api.example.test/graphql"


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0)", "liveread's own, or would disguise it"),
        ("cookie", "session=1", "liveread's own, or would disguise it"),
        ("Authorization", "Bearer x", "liveread's own, or would disguise it"),
        ("Sec-Fetch-Mode", "navigate", "liveread's own, or would disguise it"),
        ("Proxy-Authorization", "x", "liveread's own, or would disguise it"),
        ("If-None-Match", '"v1"', "liveread's own, or would disguise it"),
        ("wp site", "aje", "a word of letters, digits and '-'"),
        ("wp-site", "aje\r\nX-Injected: 1", "printable ASCII"),
        ("wp-site", "x" * 201, "at most 200"),
    ],
)
def test_the_seam_refuses_a_header_a_source_may_not_set(name: str, value: str, says: str) -> None:
    with pytest.raises(RuleBroken, match="update_request") as caught:
        check_request(Request(URL, headers=((name, value),)), "probe")
    assert says in str(caught.value)
    assert header_problem(name, value) is not None


def test_a_sites_api_header_passes_and_a_few_at_most() -> None:
    fine = Request(URL, "application/json", (("wp-site", "aje"),))
    assert check_request(fine, "probe") == fine
    many = Request(URL, headers=tuple((f"x-{n}", "1") for n in range(5)))
    with pytest.raises(RuleBroken, match="at most 4"):
        check_request(many, "probe")


async def test_the_fetcher_sends_the_sites_header_and_never_a_forbidden_one(
    demo_server: DemoServer,
) -> None:
    seen: list[Served] = []

    def record(request: Served) -> Reply | None:
        seen.append(request)
        return Reply(body=b"{}", content_type="application/json")

    demo_server.intercept = record
    async with Fetcher() as fetcher:
        await fetcher.get(
            demo_server.origin + "/graphql",
            accept="application/json",
            headers=(
                ("wp-site", "aje"),
                ("User-Agent", "Mozilla/5.0"),
                ("Cookie", "session=1"),
                ("Accept", "text/html"),
            ),
        )
    (request,) = seen
    assert request.headers["wp-site"] == "aje"
    assert request.headers["user-agent"] == USER_AGENT
    assert "cookie" not in request.headers
    assert request.headers["accept"] == "application/json"
