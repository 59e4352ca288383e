"""Bot walls told apart from other refusals: Cloudflare's and DataDome's challenge answers.

The answers here are written from what the walls' makers and the people who
met them document (headers, block-page markers), not copied from any site.
"""

from __future__ import annotations

import pytest

from liveread.fetch._botwall import HEAD_BYTES, bot_wall, wall_message

CF_PAGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<script>window._cf_chl_opt={cvId: '3'};</script></body></html>"
)
DD_PAGE = (
    "<html><head><title>You have been blocked</title></head><body>"
    "<p>Please enable JS and disable any ad blocker</p>"
    "<script>var dd={'cid':'x','hsh':'y','t':'fe','host':'geo.captcha-delivery.com'}</script>"
    "</body></html>"
)


@pytest.mark.parametrize("status", [403, 429, 503, 200])
def test_cloudflares_header_names_a_challenge_whatever_the_status(status: int) -> None:
    assert bot_wall(status, {"CF-Mitigated": "challenge"}) == "Cloudflare"


def test_cloudflare_challenge_pages_by_their_markers() -> None:
    assert bot_wall(403, {"Server": "cloudflare"}, CF_PAGE.encode()) == "Cloudflare"
    script = '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>'
    assert bot_wall(403, {}, script) == "Cloudflare"


def test_datadome_by_its_header_or_its_block_page() -> None:
    assert bot_wall(401, {"X-DataDome": "protected"}) == "DataDome"
    assert bot_wall(403, {}, DD_PAGE.encode()) == "DataDome"


def test_ordinary_refusals_and_pages_are_no_walls() -> None:
    beacon = '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>'
    assert (
        bot_wall(403, {"Server": "cloudflare"}, b"<h1>403 Forbidden</h1>" + beacon.encode()) is None
    )
    assert bot_wall(404, {}, DD_PAGE) is None  # a page that is gone is gone
    assert bot_wall(200, {}, CF_PAGE) is None  # an article about Cloudflare
    assert bot_wall(200, {"x-datadome": "protected"}, "<p>the page</p>") is None


def test_only_the_head_of_a_refusal_is_read() -> None:
    late = b"x" * HEAD_BYTES + DD_PAGE.encode()
    assert bot_wall(403, {}, late) is None


def test_the_message_is_one_line_naming_the_site_the_wall_and_what_to_do() -> None:
    line = wall_message("https://www.example.com/world/live/x?y=1", "DataDome", 401)
    assert line == (
        "www.example.com turned liveread away with a DataDome bot check (HTTP 401); "
        "liveread does not get past bot checks: read this blog in a browser"
    )
    assert "\n" not in line
