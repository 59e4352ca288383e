"""The JSON APIs of the demo's publishers, as requests see them: which blog, what answer.

Two sites the demo imitates answer a blog's posts from an API of their own,
not from its page: the BBC's stream container (``/wc-data/container/stream``,
the blog named by ``liveTextStreamId``, the page by ``pageNumber``) and Al
Jazeera's GraphQL endpoint (``/graphql``, GET only, the operation by
``operationName``, its ``variables`` as JSON, and the ``wp-site`` header
without which it answers 400). Each function here picks the blog a request
names among the server's blogs and returns what to answer; the renderers draw
the answers, the server sends them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from liveread.demo.render.aljazeera import (
    CHILDREN_OP,
    SHELL_OP,
    UPDATE_OP,
    render_aljazeera_graphql,
)
from liveread.demo.render.bbc import render_bbc_stream, stream_id
from liveread.demo.story import BlogState

__all__ = ["AJ_GRAPHQL_PATH", "AJ_SITE_HEADER", "BBC_STREAM_PATH", "bbc_stream", "graphql"]

#: The BBC's stream container, which every News page's query names.
BBC_STREAM_PATH = "/wc-data/container/stream"
#: Al Jazeera's GraphQL endpoint and the header it needs.
AJ_GRAPHQL_PATH = "/graphql"
AJ_SITE_HEADER = "wp-site"

B = TypeVar("B", bound=BlogState)


def bbc_stream(blogs: Sequence[B], query: Mapping[str, str]) -> dict[str, Any] | None:
    """The stream page the query names, or None (the container answers an empty 200 then)."""
    wanted = query.get("liveTextStreamId", "")
    number = query.get("pageNumber", "1")
    if not number.isdigit() or int(number) < 1:
        return None
    for blog in blogs:
        if stream_id(blog) == wanted:
            return render_bbc_stream(blog, int(number))
    return None


def graphql(
    blogs: Sequence[B],
    query: Mapping[str, str],
    headers: Mapping[str, str],
    page_url: Callable[[B], str],
) -> tuple[int, dict[str, Any], B | None]:
    """``(status, answer, the blog it is about)`` for a GraphQL GET.

    Args:
        blogs: The server's blogs.
        query: The request's query parameters.
        headers: Its headers (``wp-site`` must be among them).
        page_url: Each blog's page URL in the Al Jazeera format.

    """
    if AJ_SITE_HEADER not in headers:
        return 400, _error(f"the {AJ_SITE_HEADER} header is required"), None
    try:
        variables = json.loads(query.get("variables") or "{}")
    except ValueError:
        return 400, _error("variables are not JSON"), None
    if not isinstance(variables, dict):
        return 400, _error("variables are not an object"), None
    operation = query.get("operationName", "")
    for blog in blogs:
        answer = render_aljazeera_graphql(blog, operation, variables, page_url=page_url(blog))
        if answer is not None:
            return 200, answer, blog
    if operation in (SHELL_OP, CHILDREN_OP):
        return 200, {"data": {"article": None}}, None
    if operation == UPDATE_OP:
        return 200, {"data": {"posts": None}}, None
    return 400, _error(f"unknown operation {operation!r}"), None


def _error(message: str) -> dict[str, Any]:
    return {"errors": [{"message": message}]}
