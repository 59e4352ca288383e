"""WordPress sites running the VIP "Liveblog" plugin (``Automattic/liveblog``): page, REST, polls.

:class:`WPLiveblogSource` is the source; the functions below read each shape
on its own (the tests call them directly).

**What is read from where.**

- The post's page: ``var liveblog_settings = {...}`` (``endpoint_url``,
  ``post_id``, ``state``, ``latest_entry_id``, ``latest_entry_timestamp``,
  ``timestamp``, ``entries_per_page``, ``refresh_interval``,
  ``use_rest_api``); without it, WordPress's REST root
  (``link[rel="https://api.w.org/"]``) and the post id from
  ``#wpcom-liveblog-container``'s class, ``#liveblog-entries[data-post-id]``,
  ``body.postid-<id>`` or the shortlink. Entries in the markup:
  ``#liveblog-entries .liveblog-entry`` (``div#liveblog-entry-<id>
  [data-timestamp]`` up to 1.8, ``article[data-entry-id][data-timestamp]`` in
  2.x) and the React app's ``article#id_<id>.liveblog-entry`` (1.9, when a
  page was saved after it ran): authors, ``.liveblog-entry-header``, the body
  in ``.liveblog-entry-content``/``.liveblog-entry-text``, key events by the
  ``type-key``/``is-key-event`` class. Title from ``og:title``, standfirst
  from ``og:description``; live while ``state`` is ``enable``.
- REST, under ``<REST root>liveblog/v1/<post id>/`` (``/wp-json/...`` or
  ``/?rest_route=/...``, sub-directory installs included, always as the page
  names it): ``get-entries/<page>/<id>-<timestamp>`` (the history walk,
  ``{entries, page, pages}``), ``entries/<start>/<end>/`` (the polls,
  ``{entries, latest_timestamp}``, also on the legacy ``<permalink>/liveblog/``
  endpoint) and ``get-key-events/<id>-<timestamp>`` (a list of entries; read
  when given, not polled: every entry and every edit already carries its
  key-event flag).
- An entry's JSON: ``id``, ``type`` (``new``/``update``/``delete``),
  ``render`` (HTML: WordPress captions, images, oEmbeds), ``css_classes``,
  ``timestamp``, ``entry_time``, ``authors[].name``, ``share_link``,
  ``key_event``, and ``headline`` where a site adds one.

**The plugin's files this is based on**: ``classes/class-wpcom-liveblog-rest-api.php``
(routes, endpoint base), ``liveblog.php`` (``get_entries_by_time``,
``get_entries_paged``, ``flatten_entries``, ``enqueue_scripts``,
``add_liveblog_to_content``, ``get_entries_endpoint_url``),
``classes/class-wpcom-liveblog-entry.php`` (``for_json``; edits and deletions as
replacing comments), ``classes/class-wpcom-liveblog-entry-query.php`` (the
inclusive time window, the newest comment),
``classes/class-wpcom-liveblog-entry-key-events.php`` (``key_event``, the
key-events list), ``classes/class-wpcom-liveblog-entry-extend-feature-commands.php``
(the ``/key`` command's ``type-key`` class and hidden marker),
``classes/class-wpcom-liveblog-lazyloader.php`` (5 entries a page),
``src/react/services/api.js`` (the URLs the frontend asks, the rounding of the
polling window), ``src/react/containers/EntryContainer.js`` (the rendered
entry), ``templates/liveblog-loop.php``, ``templates/liveblog-single-entry.php``,
and for 2.x ``templates/entries-list.php``, ``templates/entry.php``,
``src/php/Infrastructure/WordPress/{TemplateRenderer,AssetManager,RestApiController}.php``.

**Not handled**: the 2.x ``entries-html/<timestamp>`` route (the same
entries as rendered HTML; the JSON routes give more), socket.io push, the
``lazyload/<max>/<min>`` and ``jump-to-key-event`` routes, pinned entries
(2.x), AMP pages, a ``liveblog_command_class`` filter that renames the
``type-`` prefix (the page's ``class_key`` is not used), and history through
the legacy non-REST endpoint (it has no pages: its blog is read from the page
and followed by polls only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.wpliveblog._answers import answer_kind as answer_kind
    from liveread.sources.wpliveblog._answers import parse_key_events as parse_key_events
    from liveread.sources.wpliveblog._answers import parse_paged as parse_paged
    from liveread.sources.wpliveblog._answers import parse_since as parse_since
    from liveread.sources.wpliveblog._body import blocks_from_html as blocks_from_html
    from liveread.sources.wpliveblog._page import PageConfig as PageConfig
    from liveread.sources.wpliveblog._page import detect_html as detect_html
    from liveread.sources.wpliveblog._page import page_config as page_config
    from liveread.sources.wpliveblog._page import paged_url as paged_url
    from liveread.sources.wpliveblog._page import parse_html as parse_html
    from liveread.sources.wpliveblog._page import read_settings as read_settings
    from liveread.sources.wpliveblog._source import WPLiveblogSource as WPLiveblogSource
    from liveread.sources.wpliveblog._source import since_url as since_url

__getattr__, __all__ = facade(
    __name__,
    {
        "._answers": ("answer_kind", "parse_key_events", "parse_paged", "parse_since"),
        "._body": ("blocks_from_html",),
        "._page": (
            "PageConfig",
            "detect_html",
            "page_config",
            "paged_url",
            "parse_html",
            "read_settings",
        ),
        "._source": ("WPLiveblogSource", "since_url"),
    },
)
