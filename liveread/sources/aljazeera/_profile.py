"""Al Jazeera's live-blog API: its endpoint, operations and fields, as data.

The site's front end reads a live blog from its GraphQL endpoint with GET
requests (``/graphql?wp-site=aje&operationName=…&variables=…&extensions={}``)
that must carry the header ``wp-site`` (``aje`` for aljazeera.com, ``aja``
for aljazeera.net); the server resolves each request by its operation name.
Three operations make a live blog: the shell (title, summary bullets, every
update's id and publication time in ``childrenMeta``), the list of update
ids, and one update. Recorded production answers put the shell and the id
list under ``data.article`` and an update under ``data.posts`` (another
client reads ``data.post``; both are accepted).
"""

from __future__ import annotations

import re

__all__ = [
    "BLOG_TYPE",
    "CHILDREN_OP",
    "CREDIT",
    "GRAPHQL_PATH",
    "ROOTS",
    "SHELL_OP",
    "SITE_HEADER",
    "SITE_OF_HOST",
    "UPDATE_OP",
    "UPDATE_PARAM",
    "UPDATE_TYPE",
    "children_variables",
    "shell_variables",
    "update_variables",
]

GRAPHQL_PATH = "/graphql"
#: The header (and query parameter) naming the site the API answers for.
SITE_HEADER = "wp-site"
#: The ``wp-site`` of each site; any other host (a copy on 127.0.0.1) is asked as English.
SITE_OF_HOST = {"aljazeera.com": "aje", "aljazeera.net": "aja"}

SHELL_OP = "ArchipelagoSingleLiveBlogQuery"
CHILDREN_OP = "SingleLiveBlogChildrensQuery"
UPDATE_OP = "LiveBlogUpdateQuery"

#: Where an answer's object sits: ``data.<one of these>``.
ROOTS = ("article", "posts", "post")
BLOG_TYPE = "liveblog"
UPDATE_TYPE = "liveblog-update"
#: The query parameter of an update's permalink: ``<blog>?update=<id>``.
UPDATE_PARAM = "update"

#: The credit WordPress captions carry at their end, in square brackets.
CREDIT = re.compile(r"\s*\[([^\[\]]+)\]\s*$")


def shell_variables(slug: str) -> dict[str, object]:
    """The shell's variables, as the recorder of the production answers sent them.

    (m4rk4's aje.py sends ``postType: "liveblog"``; the recorded answer came
    back for ``"post"``, and says ``postType: "liveblog"`` itself.)
    """
    return {"name": slug, "postType": "post", "preview": ""}


def children_variables(slug: str) -> dict[str, object]:
    """The id list's variables."""
    return {"postName": slug}


def update_variables(update_id: int) -> dict[str, object]:
    """One update's variables, as the recorder of the production answers sent them.

    The PoC's mock says the production signature is ``(postID: Int!,
    postType: String!)``; m4rk4's aje.py adds ``preview`` and ``isAmp``.
    """
    return {"postID": update_id, "postType": "post"}
