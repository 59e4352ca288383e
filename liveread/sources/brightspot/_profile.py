"""How Brightspot's live blogs (AP News, the Los Angeles Times…) mark up their posts, as data.

A post is ``bsp-liveblog-post.LiveBlogPost`` with ``data-post-id`` and
``data-posted-date-timestamp`` (epoch milliseconds), its headline in
``.LiveBlogPost-headline``, its content in ``.LiveBlogPost-body``, its
permalink in ``bsp-copy-link[data-link]``. The list is ``bsp-liveblog``: its
``data-posts-endpoint`` is where the page's script asks for new posts, every
15 s while the element carries ``data-live-event``, with
``?since=<the newest post's timestamp>&_=<now rounded down to 15 s>``; the
answer's ``.LiveBlogPage-currentPosts`` holds the new posts (Brightspot's
LiveBlog.js). Captions and bylines inside a post follow no documented
Brightspot markup: the general reading (figcaption, credit classes, byline
classes) applies.
"""

from __future__ import annotations

from liveread.sources.rendered import DEFAULT, Profile

__all__ = [
    "BODY",
    "COPY_LINK",
    "CURRENT_POSTS",
    "DELTA_MS",
    "ENDPOINT",
    "HEADLINE",
    "LIST",
    "LIVE",
    "NOW_PARAM",
    "POST",
    "POST_ID",
    "POST_TIME",
    "PROFILE",
    "SINCE_PARAM",
]

POST = "bsp-liveblog-post"
POST_ID = "data-post-id"
#: Epoch milliseconds of the post's publication.
POST_TIME = "data-posted-date-timestamp"
HEADLINE = ".LiveBlogPost-headline"
BODY = ".LiveBlogPost-body"
#: The permalink the page's "copy link" button copies.
COPY_LINK = "bsp-copy-link[data-link]"
LIST = "bsp-liveblog"
ENDPOINT = "data-posts-endpoint"
#: Present while the blog is being written: only then does the page poll.
LIVE = "data-live-event"
#: Where an endpoint answer (and the page) holds its current posts.
CURRENT_POSTS = ".LiveBlogPage-currentPosts"
SINCE_PARAM = "since"
#: The cache-busting parameter: the poll time rounded down to DELTA_MS.
NOW_PARAM = "_"
#: The page script's poll interval (CONTENT_DELTA_RANGE).
DELTA_MS = 15_000

#: How a post's content is read: the body element, trusted; chrome left out.
PROFILE = Profile(
    name="brightspot",
    body=BODY,
    skip=f"{DEFAULT.skip}, {COPY_LINK}, bsp-copy-link, {HEADLINE}",
)
