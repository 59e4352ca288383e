"""The demo blog as Al Jazeera's live blogs serve it (an invented channel, *Marlhaven Today*).

The page (:func:`render_aljazeera_page`) is the site's front end: it names
the blog (title, canonical URL ``/news/liveblog/YYYY/M/D/<slug>``, site name)
and holds none of its updates. Those come from the site's GraphQL endpoint,
asked with GET and the ``wp-site`` header (:func:`render_aljazeera_graphql`
answers what the recorded production answers hold):

- ``ArchipelagoSingleLiveBlogQuery`` (variables ``name``: the slug): the
  shell, ``data.article``: title, subheading, ``date`` and ``modified_gmt``
  (UTC, no offset), ``isLive``, the summary bullets in ``content`` (the
  newest summary's points, as a list), the featured picture, ``children``
  (every update id, newest first) and ``childrenMeta`` (each id with its
  publication time in epoch seconds, as strings);
- ``SingleLiveBlogChildrensQuery`` (``postName``): ``data.article.children``;
- ``LiveBlogUpdateQuery`` (``postID``): one update, ``data.posts``: its
  ``link`` is the blog's, ``date`` its publication and ``modified_gmt`` its
  last edit (UTC), ``authorTagline`` the reporter's line, ``content``
  WordPress HTML whose pictures are WordPress captions ending in the credit
  in square brackets ("… [Name/Agency]").

A removed update leaves ``children``; a closed blog says ``isLive: false``
and its last update links the next one. Summaries are bullets in the shell
and updates as well; no key-event marker is documented (``postLabel`` is
empty), so the demo marks none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from liveread.demo.render._markup import blocks_html, esc, h, tweet_html
from liveread.demo.story import TEAM_ROLES

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "CHILDREN_OP",
    "SHELL_OP",
    "SITE_NAME",
    "UPDATE_OP",
    "aljazeera_caption",
    "render_aljazeera_graphql",
    "render_aljazeera_page",
    "render_children",
    "render_shell",
    "render_update",
    "update_id",
]

#: The (invented) channel this renderer's pages belong to.
SITE_NAME = "Marlhaven Today"
#: The operations the front end asks (names as the site's).
SHELL_OP = "ArchipelagoSingleLiveBlogQuery"
CHILDREN_OP = "SingleLiveBlogChildrensQuery"
UPDATE_OP = "LiveBlogUpdateQuery"
#: Update ids are numbers of one WordPress site: each demo blog gets its own range.
_ID_RANGE = 20_000_000


def _blog_number(blog: BlogState) -> int:
    digest = hashlib.blake2b(blog.page_id.encode(), digest_size=4).digest()
    return 10 + int.from_bytes(digest, "big") % 90


def update_id(blog: BlogState, post: Post) -> int:
    """An update's WordPress id (the blog's range, plus its demo id's counter)."""
    return _blog_number(blog) * _ID_RANGE + int(post.id[-6:], 16)


def aljazeera_caption(block: StoryBlock) -> str:
    """A picture's WordPress caption: the caption, then the credit in brackets."""
    credit = block.credit.removeprefix("Photograph:").strip()
    return f"{block.caption} [{credit}]" if credit else block.caption


def _wp_time(moment: datetime) -> str:
    """WordPress's GMT time: ``2026-11-27T14:35:00``, UTC without an offset."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _link(page_url: str) -> str:
    return urlsplit(page_url).path


def _figure(block: StoryBlock, number: int) -> str:
    width, height = block.size
    img = h(
        "img",
        {
            "class": f"size-full wp-image-{number}",
            "src": block.url,
            "alt": block.alt,
            "width": width,
            "height": height,
        },
    )
    caption = h("figcaption", {"class": "wp-caption-text"}, esc(aljazeera_caption(block)))
    return h(
        "figure",
        {
            "id": f"attachment_{number}",
            "class": "wp-caption aligncenter",
            "style": f"width: {width}px",
        },
        img,
        caption,
    )


def _content(blog: BlogState, post: Post) -> str:
    number = update_id(blog, post) * 10

    def draw(block: StoryBlock) -> str:
        nonlocal number
        number += 1
        if block.kind == "paragraph":
            return h("p", None, block.inner_html)
        if block.kind == "heading":
            return h("h3", None, block.inner_html)
        if block.kind == "quote":
            return h("blockquote", None, h("p", None, block.inner_html))
        if block.kind == "image":
            return _figure(block, number)
        if block.kind == "tweet":
            return tweet_html(block, post)
        if block.kind == "video":
            src = f"https://www.youtube.com/embed/{block.asset_id}?feature=oembed"
            return h("iframe", {"title": block.title, "src": src, "allowfullscreen": ""})
        if block.kind == "link":
            return h("p", None, h("a", {"href": block.url}, esc(block.text)))
        return ""

    return blocks_html(post.blocks, draw)


def _summary(blog: BlogState) -> str:
    summary = next((p for p in blog.key_events() if p.entry.summary), None)
    if summary is None:
        return ""
    items = [b for b in summary.blocks if b.kind == "list_item"] or [
        b for b in summary.blocks if b.kind == "paragraph"
    ]
    return h("ul", None, *(h("li", None, b.inner_html) for b in items)) + "\n"


def _authors(names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"id": str(index + 1), "name": name, "slug": "-".join(name.lower().split())}
        for index, name in enumerate(names)
    ]


def render_shell(blog: BlogState, *, page_url: str) -> dict[str, Any]:
    """The shell (``ArchipelagoSingleLiveBlogQuery``'s answer) of the blog at *page_url*."""
    posts = blog.posts_newest_first()
    main = blog.story.main_image
    width, height = main.size
    slug = _link(page_url).rstrip("/").rsplit("/", 1)[-1]
    children = [update_id(blog, p) for p in posts]
    article = {
        "content": _summary(blog),
        "slug": slug,
        "subheading": blog.story.standfirst,
        "id": str(_blog_number(blog) * _ID_RANGE - 1),
        "title": blog.title,
        "excerpt": blog.story.standfirst,
        "date": _wp_time(blog.first_published),
        "link": _link(page_url),
        "isBreaking": False,
        "isLive": blog.live,
        "postType": "liveblog",
        "author": _authors(blog.authors()[:2]),
        "featuredImage": {
            "sourceUrl": main.url,
            "credit": main.credit.rsplit("/", 1)[-1].strip(),
            "caption": aljazeera_caption(main),
            "alt": main.alt,
            "width": width,
            "height": height,
        },
        "postLabel": [],
        "children": children,
        "childrenMeta": [
            {"id": str(i), "publishedTime": str(int(p.entry.published.timestamp())), "embeds": []}
            for i, p in zip(children, posts, strict=True)
        ],
        "correctionText": None,
        "correctionDate": None,
        "updatedDate": "",
        "modified_gmt": _wp_time(blog.last_modified),
    }
    return {"data": {"article": article}}


def render_children(blog: BlogState) -> dict[str, Any]:
    """The id list (``SingleLiveBlogChildrensQuery``'s answer): every update id, newest first."""
    children = [update_id(blog, p) for p in blog.posts_newest_first()]
    return {"data": {"article": {"children": children}}}


def render_update(blog: BlogState, post: Post, *, page_url: str) -> dict[str, Any]:
    """One update (``LiveBlogUpdateQuery``'s answer)."""
    entry = post.entry
    name = entry.authors[0] if entry.authors else ""
    role = TEAM_ROLES.get(name, "")
    update = {
        "id": str(update_id(blog, post)),
        "link": _link(page_url),
        "postType": "liveblog-update",
        "content": _content(blog, post),
        "author": _authors(entry.authors),
        "showAuthor": bool(entry.authors),
        "writeInAuthor": "",
        "authorTagline": role if role.startswith("Reporting from") else "",
        "date": _wp_time(entry.published),
        "modified_gmt": _wp_time(entry.updated or entry.published),
        "title": entry.title or "",
        "shouldDisplayTitle": bool(entry.title),
        "amp": {"markup": "", "scripts": [], "styles": []},
        "postLabel": [],
    }
    return {"data": {"posts": update}}


def render_aljazeera_graphql(
    blog: BlogState, operation: str, variables: Mapping[str, Any], *, page_url: str
) -> dict[str, Any] | None:
    """What the endpoint answers *operation* with for this blog; None when it is not this blog's.

    The shell and the id list name the blog by its slug (``name``,
    ``postName``); an update by its id (``postID``): an id the blog does not
    hold (removed, or another blog's) gives ``{"data": {"posts": null}}`` when
    it is in this blog's range, else None.
    """
    slug = _link(page_url).rstrip("/").rsplit("/", 1)[-1]
    if operation == SHELL_OP:
        return render_shell(blog, page_url=page_url) if variables.get("name") == slug else None
    if operation == CHILDREN_OP:
        return render_children(blog) if variables.get("postName") == slug else None
    if operation == UPDATE_OP:
        wanted = variables.get("postID")
        if isinstance(wanted, str) and wanted.isdigit():
            wanted = int(wanted)
        if not isinstance(wanted, int) or wanted // _ID_RANGE != _blog_number(blog):
            return None
        for post in blog.posts_newest_first():
            if update_id(blog, post) == wanted:
                return render_update(blog, post, page_url=page_url)
        return {"data": {"posts": None}}
    return None


def render_aljazeera_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog's page: its name and address, no updates (the front end asks for them)."""
    url = page_url or blog.url
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(f"{blog.title} | {SITE_NAME}")),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:type", "content": "article"}),
        h("meta", {"name": "description", "content": blog.story.standfirst}),
        h("link", {"rel": "canonical", "href": url}),
    )
    body = h(
        "body",
        None,
        h("div", {"id": "root"}, h("main", None, h("h1", None, esc(blog.title)))),
        h("footer", None, h("p", None, f"{SITE_NAME}: a fictional channel made for liveread.")),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en"}, head, body)
