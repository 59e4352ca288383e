"""liveread's own exception hierarchy.

Every error a user can cause or meet (a bad URL, a page that is not a live blog,
a site whose layout changed, a broken cache, the network) is one of these, with
a message that fits on one line and says what happened and what to do. The CLI
turns them into ``liveread: <message>`` and an exit status; nothing else is
allowed to reach the user as a traceback.
"""

from __future__ import annotations


class LivereadError(Exception):
    """Base class of every error liveread reports to its user.

    Attributes:
        exit_status: The process exit status the CLI uses for this error.
    """

    exit_status: int = 1


class NotALiveBlog(LivereadError):
    """The content is not a live blog in any format liveread knows.

    The message names what was looked for, so the user can tell a wrong URL
    from a site liveread does not support yet.
    """

    exit_status = 2


class LayoutChanged(LivereadError):
    """A page was recognised as a known site but yielded nothing usable.

    Raised when a site's markers are present but its entries cannot be found:
    the site probably changed its markup, and the adapter says which site.
    """

    exit_status = 2


class RuleBroken(LayoutChanged):
    """A source returned a snapshot that breaks a rule of the contract (``docs/sources.md``).

    The message names the source and the rule: it is the source's author's to
    fix, not the site's. Reported and retried like any page that cannot be read.
    """


class CacheError(LivereadError):
    """The cache cannot be used (newer schema, locked, unwritable)."""


class UnknownBlog(LivereadError):
    """A URL was asked of the cache that it does not hold.

    Build it with :meth:`not_cached`: every command says it the same way.
    """

    @classmethod
    def not_cached(cls, url: str) -> UnknownBlog:
        """The one message for a blog the cache does not hold, and what to do."""
        return cls(
            f"{url} is not in the cache; follow it first (`liveread follow {url} --once`) "
            "or see `liveread list`"
        )


class UsageError(LivereadError):
    """The command was asked for something it cannot do as given (a bad ``--since``, no URL)."""

    exit_status = 2
