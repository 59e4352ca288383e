"""Al Jazeera's live blogs, as its GraphQL API answers them: the shell, the id list, one update.

:class:`AlJazeeraSource` is the source (:mod:`._source`).

:mod:`._profile` names the endpoint, the ``wp-site`` header, the three
operations and their variables; :mod:`._read` reads their answers
(:func:`read_shell`, :func:`read_children`, :func:`read_update`), splits a
WordPress caption's bracketed credit (:func:`split_credit`) and finds the
next day's blog a closing update links to (:func:`continuation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.aljazeera._profile import CHILDREN_OP as CHILDREN_OP
    from liveread.sources.aljazeera._profile import SHELL_OP as SHELL_OP
    from liveread.sources.aljazeera._profile import SITE_HEADER as SITE_HEADER
    from liveread.sources.aljazeera._profile import UPDATE_OP as UPDATE_OP
    from liveread.sources.aljazeera._profile import children_variables as children_variables
    from liveread.sources.aljazeera._profile import shell_variables as shell_variables
    from liveread.sources.aljazeera._profile import update_variables as update_variables
    from liveread.sources.aljazeera._read import Shell as Shell
    from liveread.sources.aljazeera._read import continuation as continuation
    from liveread.sources.aljazeera._read import is_shell as is_shell
    from liveread.sources.aljazeera._read import is_update as is_update
    from liveread.sources.aljazeera._read import read_children as read_children
    from liveread.sources.aljazeera._read import read_shell as read_shell
    from liveread.sources.aljazeera._read import read_update as read_update
    from liveread.sources.aljazeera._read import request_url as request_url
    from liveread.sources.aljazeera._read import site_of as site_of
    from liveread.sources.aljazeera._read import split_credit as split_credit
    from liveread.sources.aljazeera._read import update_url as update_url
    from liveread.sources.aljazeera._source import AlJazeeraSource as AlJazeeraSource

__getattr__, __all__ = facade(
    __name__,
    {
        "._source": ("AlJazeeraSource",),
        "._profile": (
            "CHILDREN_OP",
            "SHELL_OP",
            "SITE_HEADER",
            "UPDATE_OP",
            "children_variables",
            "shell_variables",
            "update_variables",
        ),
        "._read": (
            "Shell",
            "continuation",
            "is_shell",
            "is_update",
            "read_children",
            "read_shell",
            "read_update",
            "request_url",
            "site_of",
            "split_credit",
            "update_url",
        ),
    },
)
