"""What the WordPress Liveblog plugin renders and answers, as data: markup, settings, routes, keys.

Every selector, settings key, route and JSON key the source reads is here,
once; the reading is in :mod:`._page`, :mod:`._answers` and :mod:`._body`.
Where each fact comes from in the plugin (``Automattic/liveblog``) is said
beside it; the package docstring lists the files.
"""

from __future__ import annotations

import re

__all__ = [
    "ACCEPT",
    "ANCHOR",
    "APP_CONTAINER",
    "ARCHIVED_ATTR",
    "AUTHOR_NAME",
    "BODY_POST_ID",
    "CAPTION",
    "CAPTION_CLASSES",
    "COMMAND",
    "CREDIT",
    "DEFAULT_PER_PAGE",
    "DEFAULT_REFRESH",
    "EMBED_LINK_CLASS",
    "EMOJI_CLASSES",
    "ENTRIES_CONTAINER",
    "ENTRY",
    "ENTRY_AUTHORS",
    "ENTRY_BODY",
    "ENTRY_CLASS_ID",
    "ENTRY_HEADLINE",
    "ENTRY_ID_ATTR",
    "ENTRY_ID_PATTERNS",
    "ENTRY_TIME",
    "KEY_CLASSES",
    "LAST_TIMESTAMP_ATTR",
    "LOAD_MORE",
    "NAME",
    "NAMESPACE",
    "OG_DESCRIPTION",
    "OG_TITLE",
    "PAGE_HEADLINE",
    "PAGE_ROUTE",
    "POST_ID_ATTR",
    "REST_ROOT_LINK",
    "ROUTE_PAGE",
    "ROUTE_SINCE",
    "ROUTE_SINCE_LEGACY",
    "SETTINGS_START",
    "SHORTLINK",
    "SHORTLINK_POST_ID",
    "STATE_ENDED",
    "STATE_LIVE",
    "TIMESTAMP_ATTR",
    "TWEET_CLASSES",
    "TYPE_DELETE",
    "VIDEO_HOSTS",
    "Data",
    "Json",
    "Settings",
]

#: The source's name, stored with every blog it read.
NAME = "wpliveblog"

# -- the REST API (classes/class-wpcom-liveblog-rest-api.php) ------------------------------

#: The namespace the plugin registers its routes under. Its endpoint base is
#: ``home_url('/wp-json/liveblog/v1/')`` with pretty permalinks and
#: ``home_url('/?rest_route=/liveblog/v1/')`` without; the page is given the
#: per-post base ``<base><post id>/`` and the routes are appended to it as
#: strings (which is what keeps the ``?rest_route=`` form working).
NAMESPACE = "liveblog/v1"
#: Entries whose comment time lies in [start, end], both inclusive (``get_entries``,
#: ``find_between_timestamps``): new ones, and the replacing comments of edits
#: ("update") and deletions ("delete"). The frontend asks
#: ``entries/<newest timestamp + 1>/<now rounded to refresh_interval>/``.
ROUTE_SINCE = "entries/{start}/{end}/"
#: The same answer from the plugin's own endpoint when the REST API is off
#: (``<permalink>/liveblog/<start>/<end>/``, ``ajax_entries_between``).
ROUTE_SINCE_LEGACY = "{start}/{end}/"
#: One page of the flattened entries, newest first, counted from the anchor
#: entry ``<id>-<timestamp>`` so that pages stay put while entries arrive
#: (``get_entries_paged``); an anchor that names no entry counts from the newest.
ROUTE_PAGE = "get-entries/{page}/{anchor}"
#: The anchor of a page or key-events request: ``<entry id>-<entry timestamp>``.
ANCHOR = "{id}-{timestamp}"
#: Finds the page number and anchor in a paged request's URL (to build the next page's).
PAGE_ROUTE = re.compile(r"get-entries/(\d+)/([^/?#&]+)")
#: The Accept header of the source's requests.
ACCEPT = "application/json"
#: Entries per page when the page does not say (``WPCOM_Liveblog_Lazyloader``: 5).
DEFAULT_PER_PAGE = 5
#: Seconds between the frontend's polls when the page does not say (``REFRESH_INTERVAL``).
DEFAULT_REFRESH = 10


class Json:
    """JSON keys of the plugin's answers and of one entry (``WPCOM_Liveblog_Entry::for_json``).

    Attributes:
        ENTRIES: The entries of a paged or entries-since answer.
        LATEST: The entries-since answer's newest comment time (null when empty).
        PAGE: A paged answer's page number.
        PAGES: A paged answer's page count.
        ID: An entry's id (the original comment's id, also for its edits and deletion).
        TYPE: "new", "update" (an edit) or "delete".
        RENDER: The entry's rendered HTML (``content`` is the raw text for editors).
        CSS: Its CSS classes (``type-key`` for a key event, from the ``/key`` command).
        TIMESTAMP: This comment's time (for an edit, the edit's), epoch seconds.
        ENTRY_TIME: The original entry's time, epoch seconds.
        AUTHORS: ``[{id, key, name, avatar}]``, empty when authors are hidden.
        SHARE_LINK: ``<permalink>#<id>``.
        KEY_EVENT: True for a key event (added by the key-events extension, 1.9 on).
        HEADLINE: An optional headline, which the React frontend shows.

    """

    ENTRIES = "entries"
    LATEST = "latest_timestamp"
    PAGE = "page"
    PAGES = "pages"
    ID = "id"
    TYPE = "type"
    RENDER = "render"
    CSS = "css_classes"
    TIMESTAMP = "timestamp"
    ENTRY_TIME = "entry_time"
    AUTHORS = "authors"
    SHARE_LINK = "share_link"
    KEY_EVENT = "key_event"
    HEADLINE = "headline"


#: An entry's type when the comment records its deletion.
TYPE_DELETE = "delete"
#: The name of an author in ``authors`` (HTML: the frontend renders it as such).
AUTHOR_NAME = "name"


class Data:
    """Keys of the source's own ``Snapshot.source_data`` (what a page says about polling).

    Attributes:
        ENDPOINT: The per-post endpoint the routes are appended to.
        REST: True for the REST API's endpoint, False for the legacy one.
        LATEST: The newest comment's time the page named: where the first poll starts.
        REFRESH: The frontend's polling interval (the window's rounding).
        OFFSET: How many seconds the server's clock runs ahead of ours (never negative).

    """

    ENDPOINT = "endpoint"
    REST = "rest"
    LATEST = "latest"
    REFRESH = "refresh"
    OFFSET = "offset"


# -- the page (liveblog.php enqueue_scripts, add_liveblog_to_content; the templates) -------


class Settings:
    """Keys of the ``liveblog_settings`` object the page carries (``wp_localize_script``).

    WordPress writes the object's top-level scalars as strings (``"123"``,
    ``"1"``, ``""`` for false and null), so every value is read leniently.

    Attributes:
        ENDPOINT: The per-post endpoint (REST: ``<base>liveblog/v1/<post id>/``).
        POST: The post's id.
        STATE: "enable" while live, "archive" once ended.
        LATEST_ID: The newest comment's id (an entry, or an edit's or deletion's own comment).
        LATEST_TS: That comment's time, epoch seconds: where the frontend's polling starts.
        TIMESTAMP: The server's time when it rendered the page.
        PER_PAGE: Entries per page of the paged route.
        REFRESH: Seconds between the frontend's polls.
        USE_REST: "1" when the endpoint is the REST API's.

    """

    ENDPOINT = "endpoint_url"
    POST = "post_id"
    STATE = "state"
    LATEST_ID = "latest_entry_id"
    LATEST_TS = "latest_entry_timestamp"
    TIMESTAMP = "timestamp"
    PER_PAGE = "entries_per_page"
    REFRESH = "refresh_interval"
    USE_REST = "use_rest_api"


#: Where the settings object starts in its inline script (``var liveblog_settings = {``).
SETTINGS_START = re.compile(r"\bvar\s+liveblog_settings\s*=\s*(?=\{)")
#: ``liveblog_settings.state`` of a live blog and of an ended one.
STATE_LIVE = "enable"
STATE_ENDED = "archive"

#: The React frontend's (1.9) empty container, ``class`` = the post id.
APP_CONTAINER = "#wpcom-liveblog-container"
#: The server-rendered entry list (``liveblog-loop.php``; 2.x ``entries-list.php``
#: adds ``data-post-id``, ``data-last-timestamp`` and ``data-is-archived``).
ENTRIES_CONTAINER = "#liveblog-entries"
POST_ID_ATTR = "data-post-id"
LAST_TIMESTAMP_ATTR = "data-last-timestamp"
ARCHIVED_ATTR = "data-is-archived"
#: An entry: ``div#liveblog-entry-<id>.liveblog-entry[data-timestamp]``
#: (``liveblog-single-entry.php``), ``article.liveblog-entry[data-entry-id]``
#: (2.x ``entry.php``), ``article#id_<id>.liveblog-entry`` (the React DOM).
ENTRY = ".liveblog-entry"
ENTRY_ID_ATTR = "data-entry-id"
ENTRY_ID_PATTERNS = (re.compile(r"^liveblog-entry-(\d+)$"), re.compile(r"^id_(\d+)$"))
#: ``comment_class`` adds ``liveblog-entry-class-<id>`` to every entry.
ENTRY_CLASS_ID = re.compile(r"^liveblog-entry-class-(\d+)$")
TIMESTAMP_ATTR = "data-timestamp"
ENTRY_TIME = "time[datetime]"
ENTRY_BODY = ".liveblog-entry-content, .liveblog-entry-text"
ENTRY_AUTHORS = ".liveblog-meta-author-name, .liveblog-author-name, .liveblog-card-author"
ENTRY_HEADLINE = ".liveblog-entry-header"
#: Classes of a key event: the command's ``type-key`` and the React frontend's ``is-key-event``.
KEY_CLASSES = frozenset({"type-key", "is-key-event"})
#: "Load more" (the lazy loader's button; 2.x's ``div#liveblog-load-more``): older entries exist.
LOAD_MORE = "#liveblog-load-more, .liveblog-load-more"
#: The hidden marker the ``/key`` command leaves in an entry's content.
COMMAND = ".liveblog-command"

# -- WordPress itself, for a page whose settings are missing --------------------------------

#: WordPress core's REST root (``rest_output_link_wp_head``): ``.../wp-json/`` or
#: ``.../?rest_route=/``.
REST_ROOT_LINK = 'link[rel="https://api.w.org/"]'
SHORTLINK = 'link[rel="shortlink"]'
SHORTLINK_POST_ID = re.compile(r"[?&]p=(\d+)")
#: ``body_class()`` names a single post ``postid-<id>``.
BODY_POST_ID = re.compile(r"(?:^|\s)postid-(\d+)(?:\s|$)")
OG_TITLE = 'meta[property="og:title"]'
OG_DESCRIPTION = 'meta[property="og:description"], meta[name="description"]'
PAGE_HEADLINE = "h1.entry-title, h1"

# -- entry bodies: what WordPress renders into them -----------------------------------------

#: A captioned image: ``[caption]`` as ``figure.wp-caption`` (HTML5 themes) or
#: ``div.wp-caption``; the block editor's ``figure.wp-block-image``.
CAPTION_CLASSES = frozenset({"wp-caption", "wp-block-image"})
CAPTION = "figcaption, .wp-caption-text, .wp-caption-dd"
#: A credit inside a caption (the Media Credit plugin's ``span.media-credit``).
CREDIT = ".media-credit, .wp-caption-credit"
#: Emoji images (core's ``wp-smiley``/``emoji``, the plugin's emoji feature) are not photos.
EMOJI_CLASSES = frozenset({"wp-smiley", "emoji", "liveblog-emoji"})
#: Twitter's oEmbed markup.
TWEET_CLASSES = frozenset({"twitter-tweet", "twitter-video"})
#: WordPress's own post embed: ``blockquote.wp-embedded-content`` (plus an iframe of that class).
EMBED_LINK_CLASS = "wp-embedded-content"
#: Hosts whose iframes are videos.
VIDEO_HOSTS = ("youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com")
