"""The demo blog as a WordPress site running the Liveblog plugin shows it, and its REST answers.

A third (invented) publisher, the *Marlhaven Tribune*, runs WordPress with
the VIP Liveblog plugin. What it serves is what the plugin's own code
produces (see ``Automattic/liveblog``: ``liveblog.php``, the REST API class,
``WPCOM_Liveblog_Entry::for_json``, ``templates/entries-list.php`` and
``entry.php``, the React app's ``api.js``):

- the post's page (:func:`render_wp_page`): a theme's article with the
  plugin's server-rendered first page (``#liveblog-entries`` with
  ``article.liveblog-entry[data-entry-id][data-timestamp]``), through a
  theme's own ``liveblog/entry.php`` (the plugin lets themes override it) that
  also shows the headline and every author; or, with ``app=True``, the 1.9
  React app's empty ``#wpcom-liveblog-container``. Both carry
  ``var liveblog_settings = {...}`` as ``wp_localize_script`` writes it
  (strings everywhere, slashes escaped) and WordPress's REST root link;
- the paged route's answer (:func:`render_wp_paged`): ``{entries, page,
  pages}``, the flattened entries newest first, counted from the anchor;
- the entries-since answer (:func:`render_wp_since`): the comments of the
  window, a new entry as ``new``, an edit as ``update`` (the new version under
  the entry's id), a removal as ``delete``;
- the key-events answer (:func:`render_wp_key_events`): a list of entries.

Entry bodies are WordPress content: ``<p>``, lists, quotes, captioned images
(``figure.wp-caption`` with a ``span.media-credit``), Twitter's and YouTube's
oEmbed markup, WordPress's own post embed, and the ``/key`` command's hidden
``span.liveblog-command`` in key events. Ids are comment ids (digits), times
epoch seconds, as the plugin's are.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import attr, esc, h

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Change, Post, StoryBlock

__all__ = [
    "PER_PAGE",
    "REFRESH",
    "render_wp_key_events",
    "render_wp_page",
    "render_wp_paged",
    "render_wp_since",
    "wp_entry_id",
    "wp_post_id",
]

#: Entries a page of the paged route holds (the plugin's default).
PER_PAGE = 5
#: The frontend's polling interval, seconds (the plugin's default).
REFRESH = 10
_SITE = "Marlhaven Tribune"
_NAMESPACE = "liveblog/v1"
#: Comment ids of edits and deletions (which replace an entry) start here, away from entries'.
_EDIT_IDS = 40_000_000


def wp_post_id(blog: BlogState) -> int:
    """The WordPress post id of the blog (stable for a blog path)."""
    digest = hashlib.blake2b(blog.page_id.encode(), digest_size=4).digest()
    return 1000 + int.from_bytes(digest, "big") % 90_000


def wp_entry_id(entry_id: str) -> int:
    """The comment id of an entry (from its demo id's counter: unique within a blog)."""
    return int(entry_id[-6:], 16) + 1


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _slug(name: str) -> str:
    return "-".join("".join(c for c in name.lower() if c.isalnum() or c == " ").split())


# -- entry bodies ------------------------------------------------------------------------


def _image(block: StoryBlock, n: int) -> str:
    width, height = block.size
    img = h(
        "img",
        {
            "loading": "lazy",
            "decoding": "async",
            "class": f"size-full wp-image-{n}",
            "src": block.url or "",
            "alt": block.alt,
            "width": width,
            "height": height,
        },
    )
    credit = h("span", {"class": "media-credit"}, esc(block.credit)) if block.credit else ""
    caption = h(
        "figcaption",
        {"id": f"caption-attachment-{n}", "class": "wp-caption-text"},
        esc(block.caption),
        " " if credit else "",
        credit,
    )
    return h(
        "figure",
        {
            "id": f"attachment_{n}",
            "aria-describedby": f"caption-attachment-{n}",
            "class": "wp-caption alignnone",
            "style": f"width: {width}px",
        },
        img,
        caption,
    )


def _tweet(block: StoryBlock) -> str:
    text = h("p", {"lang": "en", "dir": "ltr"}, block.inner_html)
    link = h("a", {"href": block.url or ""}, "November 27, 2026")
    quote = h("blockquote", {"class": "twitter-tweet", "data-width": "550"}, text)
    quote = quote[: -len("</blockquote>")] + f"&mdash; {esc(block.by)} {link}</blockquote>"
    return quote + h("script", {"async": "", "src": "https://platform.twitter.com/widgets.js"})


def _video(block: StoryBlock) -> str:
    return h(
        "iframe",
        {
            "title": block.title,
            "width": 500,
            "height": 281,
            "src": f"https://www.youtube.com/embed/{block.asset_id}?feature=oembed",
            "frameborder": 0,
            "allow": "autoplay; clipboard-write; encrypted-media; picture-in-picture",
            "allowfullscreen": "",
        },
    )


def _post_embed(block: StoryBlock, n: int) -> str:
    secret = hashlib.blake2b(f"{block.url}|{n}".encode(), digest_size=5).hexdigest()
    quote = h(
        "blockquote",
        {"class": "wp-embedded-content", "data-secret": secret},
        h("a", {"href": block.url or ""}, esc(block.text)),
    )
    frame = h(
        "iframe",
        {
            "class": "wp-embedded-content",
            "sandbox": "allow-scripts",
            "security": "restricted",
            "title": f"“{block.text}” — {_SITE}",
            "src": f"{block.url}embed/#?secret={secret}",
            "data-secret": secret,
            "width": 500,
            "height": 282,
        },
    )
    return quote + frame


def render_body(post: Post, *, key_event: bool | None = None) -> str:
    """An entry's ``render``: its blocks as WordPress content, the ``/key`` marker in key events."""
    parts: list[str] = []
    items: list[str] = []
    base = wp_entry_id(post.id) * 10
    for index, block in enumerate(post.blocks):
        if block.kind == "list_item":
            items.append(h("li", None, block.inner_html))
            continue
        if items:
            parts.append(h("ul", None, *items))
            items = []
        if block.kind == "paragraph":
            parts.append(h("p", None, block.inner_html))
        elif block.kind == "heading":
            parts.append(h("h3", None, block.inner_html))
        elif block.kind == "quote":
            parts.append(h("blockquote", None, h("p", None, block.inner_html)))
        elif block.kind == "image":
            parts.append(_image(block, base + index))
        elif block.kind == "tweet":
            parts.append(_tweet(block))
        elif block.kind == "video":
            parts.append(_video(block))
        elif block.kind == "link":
            parts.append(_post_embed(block, base + index))
    if items:
        parts.append(h("ul", None, *items))
    flagged = post.entry.key_event if key_event is None else key_event
    if flagged:
        marker = '<span class="liveblog-command type-key">key</span> '
        if parts and parts[0].startswith("<p>"):
            parts[0] = "<p>" + marker + parts[0][3:]
        else:
            parts.insert(0, f"<p>{marker.strip()}</p>")
    return "\n".join(parts)


# -- entries as JSON (WPCOM_Liveblog_Entry::for_json) --------------------------------------


def _avatar(blog: BlogState, name: str) -> str:
    url = blog.avatar_url(name) or f"{blog.origin}/media/contributors/anonymous.png"
    return (
        f"<img alt='' src='{attr(url)}' class='avatar avatar-30 photo' "
        "height='30' width='30' loading='lazy' decoding='async'/>"
    )


def _classes(post: Post) -> str:
    n = wp_entry_id(post.id)
    classes = ["liveblog", "byuser", f"liveblog-entry-class-{n}", "liveblog-entry"]
    if post.entry.key_event:
        classes.append("type-key")
    return " ".join(classes)


def _permalink(blog: BlogState, page_url: str) -> str:
    return page_url if page_url.endswith("/") else page_url + "/"


def entry_json(
    blog: BlogState, post: Post, page_url: str, changed: datetime | None
) -> dict[str, Any]:
    """One entry as the plugin's JSON gives it; *changed* is its last edit's time (or None)."""
    entry = post.entry
    n = str(wp_entry_id(post.id))
    edited = changed is not None and changed > entry.published
    data: dict[str, Any] = {
        "id": n,  # a comment id: WordPress hands it over as a string
        "type": "update" if edited else "new",
        "render": render_body(post),
        "content": "\n\n".join(b.text for b in post.blocks if b.text),
        "css_classes": _classes(post),
        "timestamp": _epoch(changed if edited and changed else entry.published),
        "authors": [
            {"id": 10 + i, "key": _slug(name), "name": esc(name), "avatar": _avatar(blog, name)}
            for i, name in enumerate(entry.authors)
        ],
        "entry_time": str(_epoch(entry.published)),
        "share_link": f"{_permalink(blog, page_url)}#{n}",
        "key_event": entry.key_event,
    }
    if entry.key_event:
        first = next((b for b in post.blocks if b.kind == "paragraph"), None)
        data["key_event_content"] = first.text if first else ""
    if entry.title:
        data["headline"] = entry.title
    return data


def _deletion(blog: BlogState, change: Change, page_url: str) -> dict[str, Any]:
    """A deletion: the plugin's replacing comment, empty, under the entry's id."""
    n = str(wp_entry_id(change.entry_id))
    return {
        "id": n,
        "type": "delete",
        "render": "",
        "content": "",
        "css_classes": f"liveblog byuser liveblog-entry-class-{n} liveblog-entry",
        "timestamp": _epoch(change.at),
        "authors": [],
        "entry_time": str(_epoch(change.published)),
        "share_link": f"{_permalink(blog, page_url)}#{n}",
        "key_event": False,
    }


def _last_changes(blog: BlogState) -> dict[str, Change]:
    """Each entry's latest change (an edit, or its publication)."""
    latest: dict[str, Change] = {}
    for change in blog.journal:
        latest[change.entry_id] = change
    return latest


def _changed_at(post: Post, change: Change | None) -> datetime | None:
    """When an entry last changed after its publication (an edit, or a scripted touch)."""
    times = [t for t in (post.entry.updated, change.at if change else None) if t is not None]
    return max(times) if times else None


def _newest_comment(blog: BlogState) -> tuple[str, int] | None:
    """The newest comment of any kind (id, time): the plugin's ``latest_entry_*`` settings."""
    journal = blog.journal
    best: tuple[int, int, str] | None = None  # (time, order, id)
    for index, change in enumerate(journal):
        own = (
            str(wp_entry_id(change.entry_id))
            if change.kind == "publish"
            else str(_EDIT_IDS + index)  # an edit or deletion is a comment of its own
        )
        key = (_epoch(change.at), index, own)
        if best is None or key >= best:
            best = key
    for post in blog.posts_newest_first():  # scripted touches are edits too
        if post.entry.updated and post.entry.updated > post.entry.published:
            key = (_epoch(post.entry.updated), -1, str(_EDIT_IDS - wp_entry_id(post.id)))
            if best is None or key[0] > best[0]:
                best = key
    return (best[2], best[0]) if best else None


# -- the answers -----------------------------------------------------------------------------


def render_wp_paged(
    blog: BlogState, page: int, anchor: str, *, page_url: str, per_page: int = PER_PAGE
) -> dict[str, Any]:
    """The ``get-entries/<page>/<anchor>`` answer: one page counted from the anchor entry."""
    order = blog.posts_newest_first()
    wanted, _, stamp = anchor.partition("-")
    if wanted and stamp:
        index = next((i for i, p in enumerate(order) if str(wp_entry_id(p.id)) == wanted), None)
        if index is not None:
            order = order[index:]
    pages = math.ceil(len(order) / per_page)
    chunk = order[per_page * (page - 1) : per_page * page] if page >= 1 else []
    changes = _last_changes(blog)
    entries = [
        entry_json(blog, post, page_url, _changed_at(post, changes.get(post.id))) for post in chunk
    ]
    return {"entries": entries, "page": page, "pages": pages}


def render_wp_since(
    blog: BlogState, start: int, end: int, *, page_url: str, per_page: int = PER_PAGE
) -> dict[str, Any]:
    """The ``entries/<start>/<end>/`` answer: the comments whose time is in [start, end]."""
    window: dict[str, Change] = {}
    published_here: set[str] = set()
    for change in blog.journal:
        if start <= _epoch(change.at) <= end:
            window.pop(change.entry_id, None)  # keep each entry once, at its latest change
            window[change.entry_id] = change
            if change.kind == "publish":
                published_here.add(change.entry_id)
    entries: list[dict[str, Any]] = []
    for entry_id, change in window.items():
        if change.kind == "remove":
            entries.append(_deletion(blog, change, page_url))
        elif entry_id in blog:
            post = blog.post(entry_id)
            # Published in the window: the original comment, its text already edited in place.
            edited = None if entry_id in published_here else change.at
            entries.append(entry_json(blog, post, page_url, edited))
    latest = max((e["timestamp"] for e in entries), default=None)
    pages: int | bool = math.ceil(len(blog) / per_page) if entries else False
    return {
        "entries": entries,
        "latest_timestamp": latest,
        "refresh_interval": REFRESH,
        "pages": pages,
    }


def render_wp_key_events(blog: BlogState, *, page_url: str) -> list[dict[str, Any]]:
    """The ``get-key-events/<anchor>`` answer: every key event, newest first."""
    changes = _last_changes(blog)
    return [
        entry_json(blog, post, page_url, _changed_at(post, changes.get(post.id)))
        for post in blog.posts_newest_first()
        if post.entry.key_event
    ]


# -- the page ------------------------------------------------------------------------------


def _settings(
    blog: BlogState, page_url: str, endpoint: str, now: datetime, per_page: int
) -> dict[str, Any]:
    """``liveblog_settings`` as ``wp_localize_script`` writes it: top-level scalars as strings."""
    newest = _newest_comment(blog)
    return {
        "permalink": _permalink(blog, page_url),
        "plugin_dir": f"{blog.origin}/wp/wp-content/plugins/liveblog/",
        "post_id": str(wp_post_id(blog)),
        "state": "enable" if blog.live else "archive",
        "is_liveblog_editable": "",
        "current_user": "",
        "socketio_enabled": "",
        "key": "liveblog",
        "nonce_key": "_wpnonce",
        "nonce": hashlib.blake2b(page_url.encode(), digest_size=5).hexdigest(),
        "latest_entry_timestamp": str(newest[1]) if newest else "",
        "latest_entry_id": newest[0] if newest else "",
        "timestamp": str(_epoch(now)),
        "utc_offset": "0",
        "date_format": "F j, Y",
        "time_format": "g:i a",
        "entries_per_page": str(per_page),
        "refresh_interval": str(REFRESH),
        "focus_refresh_interval": "30",
        "max_consecutive_retries": "100",
        "use_rest_api": "1",
        "endpoint_url": endpoint,
        "cross_domain": "",
        "features": [],
        "autocomplete": [],
        "new_update": "Liveblog: {number} new update",
        "new_updates": "Liveblog: {number} new updates",
        "class_key": "type-key",
    }


def _entry_html(blog: BlogState, post: Post, permalink: str) -> str:
    """One entry through the theme's ``liveblog/entry.php``: the card, headline, every author."""
    entry = post.entry
    n = wp_entry_id(post.id)
    classes = "liveblog-entry liveblog-entry-card liveblog-entry-normal"
    if entry.key_event:
        classes += " type-key"
    when = entry.published.astimezone(timezone.utc)
    header = h(
        "header",
        {"class": "liveblog-card-header"},
        *(h("span", {"class": "liveblog-card-author"}, esc(name)) for name in entry.authors),
        h("time", {"datetime": when.strftime("%Y-%m-%dT%H:%M:%S+00:00")}, f"{when:%H:%M}"),
    )
    title = h("h2", {"class": "liveblog-entry-header"}, esc(entry.title)) if entry.title else ""
    body = h("div", {"class": "liveblog-entry-content liveblog-card-content"}, render_body(post))
    attrs: dict[str, str | int | None] = {
        "id": f"liveblog-entry-{n}",
        "class": classes,
        "data-entry-id": n,
        "data-timestamp": _epoch(entry.published),
    }
    return h("article", attrs, header, title, body)


def render_wp_page(
    blog: BlogState,
    *,
    page_url: str,
    rest_root: str,
    now: datetime | None = None,
    per_page: int = PER_PAGE,
    app: bool = False,
) -> str:
    """The post's page: the theme's article, the plugin's first page of entries, its settings.

    Args:
        blog: The demo blog.
        page_url: Where the page is served (its permalink).
        rest_root: WordPress's REST root (``<home>/wp-json/`` or ``<home>/?rest_route=/``).
        now: The server's time for ``liveblog_settings.timestamp`` (default: the blog's
            latest change).
        per_page: Entries per page (the first page rendered, and the paged route's).
        app: Render the 1.9 React app's empty container instead of the entries.

    """
    post_id = wp_post_id(blog)
    endpoint = f"{rest_root}{_NAMESPACE}/{post_id}/"
    settings = _settings(blog, page_url, endpoint, now or blog.now, per_page)
    # wp_json_encode escapes slashes, which also keeps "</script>" out of the script.
    encoded = json.dumps(settings, ensure_ascii=False).replace("/", "\\/")
    permalink = _permalink(blog, page_url)
    if app:
        liveblog = h("div", {"id": "wpcom-liveblog-container", "class": str(post_id)})
    else:
        posts = blog.posts_newest_first()
        shown = posts[:per_page]
        cards = [_entry_html(blog, post, permalink) for post in shown]
        if len(posts) > per_page:
            cards.append(
                h(
                    "div",
                    {
                        "id": "liveblog-load-more",
                        "class": "liveblog-load-more",
                        "style": "display: none;",
                    },
                    h("button", {"class": "button", "type": "button"}, "Load more entries"),
                )
            )
        attrs: dict[str, str | int | None] = {
            "id": "liveblog-entries",
            "class": "liveblog-entries",
            "data-post-id": post_id,
            # entries-list.php writes end($entries)->timestamp(): the last one shown.
            "data-last-timestamp": _epoch(shown[-1].entry.published) if shown else 0,
            "data-is-archived": None if blog.live else "true",
        }
        liveblog = h("div", attrs, *cards)
    head = h(
        "head",
        None,
        h("meta", {"charset": "UTF-8"}),
        h("title", None, esc(f"{blog.title} – {_SITE}")),
        h("link", {"rel": "https://api.w.org/", "href": rest_root}),
        h("link", {"rel": "canonical", "href": permalink}),
        h("link", {"rel": "shortlink", "href": f"{blog.origin}/wp/?p={post_id}"}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:description", "content": blog.story.standfirst}),
    )
    article = h(
        "article",
        {"id": f"post-{post_id}", "class": f"post-{post_id} post type-post status-publish"},
        h("header", {"class": "entry-header"}, h("h1", {"class": "entry-title"}, esc(blog.title))),
        h("div", {"class": "entry-content"}, h("p", None, esc(blog.story.standfirst)), liveblog),
    )
    scripts = h(
        "script", {"id": "liveblog-js-extra"}, f"\nvar liveblog_settings = {encoded};\n"
    ) + h(
        "script",
        {
            "src": f"{blog.origin}/wp/wp-content/plugins/liveblog/build/frontend/app.js?ver=2.0",
            "id": "liveblog-js",
        },
    )
    body = h(
        "body",
        {"class": f"post-template-default single single-post postid-{post_id} single-format"},
        h(
            "header",
            {"class": "site-header"},
            h("p", {"class": "site-title"}, h("a", {"href": "/wp/"}, _SITE)),
        ),
        h("main", {"id": "main", "class": "site-main"}, article),
        scripts,
    )
    return "<!DOCTYPE html>\n" + h("html", {"lang": "en-GB"}, head, body)
