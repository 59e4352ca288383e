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

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.fetch._botwall import BotWall as BotWall
    from liveread.fetch._client import DEFAULT_ACCEPT as DEFAULT_ACCEPT
    from liveread.fetch._client import USER_AGENT as USER_AGENT
    from liveread.fetch._client import Fetcher as Fetcher
    from liveread.fetch._client import FetchResult as FetchResult
    from liveread.fetch._client import ValidatorsLike as ValidatorsLike
    from liveread.fetch._decode import MAX_DELAY as MAX_DELAY
    from liveread.fetch._decode import human_size as human_size
    from liveread.fetch._decode import parse_max_age as parse_max_age
    from liveread.fetch._decode import parse_retry_after as parse_retry_after
    from liveread.fetch._errors import BadContent as BadContent
    from liveread.fetch._errors import FetchError as FetchError
    from liveread.fetch._errors import HTTPError as HTTPError
    from liveread.fetch._errors import NetworkError as NetworkError
    from liveread.fetch._errors import RedirectError as RedirectError
    from liveread.fetch._errors import TooLarge as TooLarge

__getattr__, __all__ = facade(
    __name__,
    {
        "._botwall": ("BotWall",),
        "._client": (
            "DEFAULT_ACCEPT",
            "USER_AGENT",
            "Fetcher",
            "FetchResult",
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
