"""liveread's HTTP fetcher: one GET, polite and bounded, or one plain-words error.

:class:`Fetcher` wraps an ``httpx.AsyncClient`` with a User-Agent, an overall
deadline, hand-followed redirects, a size cap applied while decompressing and
conditional GET; every failure is a :class:`FetchError` with a one-line
message, a ``transient`` flag and the server's Retry-After.

Inside: ``_client`` (the fetcher), ``_botwall`` (bot walls told apart from
other refusals, :class:`BotWall`), ``_decode`` (bounded decompression and
header values), ``_errors`` (the error classes and the translation of httpx
and OS exceptions into them). No Textual here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.fetch._botwall import BotWall
    from liveread.fetch._client import (
        DEFAULT_ACCEPT,
        USER_AGENT,
        Fetcher,
        FetchResult,
        Validators,
        ValidatorsLike,
    )
    from liveread.fetch._decode import MAX_DELAY, human_size, parse_max_age, parse_retry_after
    from liveread.fetch._errors import (
        BadContent,
        FetchError,
        HTTPError,
        NetworkError,
        RedirectError,
        TooLarge,
    )

__all__ = [
    "DEFAULT_ACCEPT",
    "MAX_DELAY",
    "USER_AGENT",
    "BadContent",
    "BotWall",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "HTTPError",
    "NetworkError",
    "RedirectError",
    "TooLarge",
    "Validators",
    "ValidatorsLike",
    "human_size",
    "parse_max_age",
    "parse_retry_after",
]

__getattr__ = attach(
    __name__,
    {
        "._botwall": ("BotWall",),
        "._client": (
            "DEFAULT_ACCEPT",
            "USER_AGENT",
            "Fetcher",
            "FetchResult",
            "Validators",
            "ValidatorsLike",
        ),
        "._decode": (
            "MAX_DELAY",
            "human_size",
            "parse_max_age",
            "parse_retry_after",
        ),
        "._errors": (
            "BadContent",
            "FetchError",
            "HTTPError",
            "NetworkError",
            "RedirectError",
            "TooLarge",
        ),
    },
)
