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

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.aljazeera._profile import (
        CHILDREN_OP,
        SHELL_OP,
        SITE_HEADER,
        UPDATE_OP,
        children_variables,
        shell_variables,
        update_variables,
    )
    from liveread.sources.aljazeera._read import (
        Shell,
        continuation,
        is_shell,
        is_update,
        read_children,
        read_shell,
        read_update,
        request_url,
        site_of,
        split_credit,
        update_url,
    )
    from liveread.sources.aljazeera._source import AlJazeeraSource

__all__ = [
    "CHILDREN_OP",
    "SHELL_OP",
    "SITE_HEADER",
    "UPDATE_OP",
    "AlJazeeraSource",
    "Shell",
    "children_variables",
    "continuation",
    "is_shell",
    "is_update",
    "read_children",
    "read_shell",
    "read_update",
    "request_url",
    "shell_variables",
    "site_of",
    "split_credit",
    "update_url",
    "update_variables",
]

__getattr__ = attach(
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
