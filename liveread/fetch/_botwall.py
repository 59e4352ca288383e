"""Telling a bot wall from any other refusal: Cloudflare's and DataDome's challenge answers.

Some sites answer automated clients with a challenge page instead of the
page (Reuters and the New York Times with DataDome; AP at times with
Cloudflare). liveread never disguises itself as a browser to get past one,
so it says so once, in plain words, instead of retrying a "network error".

The signs, as their makers and the people who met them document them:

- Cloudflare sets ``cf-mitigated: challenge`` on every challenge page, whatever
  its status (403, and 429 for some managed challenges); its challenge pages
  carry ``_cf_chl_opt``, a ``<title>Just a moment...``, or a script under
  ``/cdn-cgi/challenge-platform/`` (other than ``/scripts/jsd/``, a beacon
  ordinary pages load too).
- DataDome answers 401 or 403 with an ``x-datadome`` header, or a "You have
  been blocked" page that loads its script from ``captcha-delivery.com`` or
  ``datado.me`` and sets ``var dd={…}``.

A 2xx answer is never a wall unless Cloudflare's header says it is (a page
about Cloudflare is not a challenge). Only the first bytes of a refusal are
looked at.
"""

from __future__ import annotations

from collections.abc import Mapping

from liveread.fetch._errors import HTTPError
from liveread.urls import host

__all__ = ["HEAD_BYTES", "REFUSALS", "BotWall", "bot_wall", "wall_message"]

#: How much of a refusal's body is looked at for a challenge's markers.
HEAD_BYTES = 16_384
#: Statuses a challenge page comes with: the fetcher reads the head of these refusals.
REFUSALS = frozenset({401, 403, 429, 503})
_CLOUDFLARE_HEADER = ("cf-mitigated", "challenge")
_DATADOME_HEADERS = ("x-datadome", "x-datadome-cid")
_DATADOME_MARKS = ("captcha-delivery.com", "datado.me", "var dd={", "datadome")
_CLOUDFLARE_MARKS = ("_cf_chl_opt", "cf_chl_opt", "<title>just a moment", "cf-browser-verification")
_CLOUDFLARE_SCRIPTS = "/cdn-cgi/challenge-platform/"
_CLOUDFLARE_BEACON = "/cdn-cgi/challenge-platform/scripts/jsd/"


class BotWall(HTTPError):
    """The site turned liveread away with a bot check: said once, never retried.

    Attributes:
        wall: Whose check it is ("Cloudflare", "DataDome").

    """

    def __init__(self, url: str, wall: str, status: int) -> None:
        super().__init__(wall_message(url, wall, status), status=status, transient=False)
        self.wall = wall


def _lower_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {str(k).lower(): str(v).strip().lower() for k, v in headers.items()}


def _challenge_script(text: str) -> bool:
    start = text.find(_CLOUDFLARE_SCRIPTS)
    while start != -1:
        if not text.startswith(_CLOUDFLARE_BEACON, start):
            return True
        start = text.find(_CLOUDFLARE_SCRIPTS, start + 1)
    return False


def bot_wall(status: int, headers: Mapping[str, str], head: bytes | str = b"") -> str | None:
    """The name of the bot wall that answered ("Cloudflare", "DataDome"), or None.

    Args:
        status: The answer's HTTP status.
        headers: Its headers (any case).
        head: The first bytes of its body (only :data:`HEAD_BYTES` are read).

    """
    lowered = _lower_headers(headers)
    name, value = _CLOUDFLARE_HEADER
    if lowered.get(name) == value:
        return "Cloudflare"
    if status not in REFUSALS:
        return None
    if any(h in lowered for h in _DATADOME_HEADERS):
        return "DataDome"
    raw = head[:HEAD_BYTES]
    text = (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw).lower()
    if any(mark in text for mark in _DATADOME_MARKS):
        return "DataDome"
    if any(mark in text for mark in _CLOUDFLARE_MARKS) or _challenge_script(text):
        return "Cloudflare"
    return None


def wall_message(url: str, wall: str, status: int) -> str:
    """The one line that says a site turned liveread away, and what the user can do."""
    return (
        f"{host(url)} turned liveread away with a {wall} bot check (HTTP {status}); "
        "liveread does not get past bot checks: read this blog in a browser"
    )
