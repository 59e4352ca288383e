"""The demo site: the demo blog served over HTTP, growing in real time.

:class:`DemoServer` puts the routes of the demo app on top of the engine in
:mod:`liveread.demo.http` (conditional GET, gzip, byte counts):

========================================  ==============================================
``/``                                     an index page listing the URLs below
``<blog path>``                           the Guardian-style page; ``?page=with:block-<id>``
                                          picks an older page (an unknown block: 404)
``<blog path>.json?dcr=true``             the article data model (same page choice)
``<blog path>.json?lastUpdate=block-<id>``the update poll (``ajaxUrl`` is this server's
                                          origin and ``pageId`` the blog path, so the
                                          poll lands on the same path)
``/jsonld<blog path>``                    the same blog as a schema.org JSON-LD page
``/microdata<blog path>``                 ... and as microdata
``/wp<blog path>``                        ... as a WordPress post running the Liveblog
                                          plugin (its first page of entries rendered)
``/wpapp<blog path>``                     ... and as its 1.9 React app's empty container
``/wp/wp-json/liveblog/v1/<post>/...``    the plugin's REST routes (``entries/<start>/
                                          <end>/``, ``get-entries/<page>/<anchor>``,
                                          ``get-key-events/<anchor>``); the React page
                                          names them as ``/wp/?rest_route=/liveblog/v1/
                                          <post>/...``, a site without pretty permalinks
``/reach<blog path>``                     ... as a Reach-platform live page
``/amp<blog path>``                       ... as an AMP ``amp-live-list`` page (its poll,
                                          ``?amp_latest_update_time=<ms>``, gets the page)
``/bbc<blog path>``                       ... as a BBC News live page naming its stream
``/wc-data/container/stream?…``           ... the BBC stream the page names (its
                                          ``liveTextStreamId`` picks the blog,
                                          ``pageNumber`` the page)
``/bbcws<blog path>``                     ... as a BBC World Service page (``?page=N``)
``/aljazeera/news/liveblog/<date>/…``     ... as an Al Jazeera live blog's page
``/graphql?wp-site=…&operationName=…``    ... its GraphQL answers (GET, with the
                                          ``wp-site`` header, else 400; see ``_apis``)
``/brightspot<blog path>``                ... as a Brightspot live blog, and its posts
                                          endpoint ``<that path>/posts?since=<ms>``
``/sky<blog path>``                       ... as a Sky News live page
``/lemonde/planete/live/<date>/….html``   ... as a Le Monde live page
``/telegraph<blog path>``                 ... as a Telegraph live page
``/media/...``                            the demo's own photo (:mod:`liveread.demo.render.photo`),
                                          whatever the photo
========================================  ==============================================

Each format's path comes from its row in :mod:`liveread.demo.formats`. The
blog path is fixed (:data:`BLOG_PATH`), so the demo's URL only changes with
the port. With ``continues=True`` a second blog, at :data:`NEXT_PATH`, opens
when the first closes (its last entry links there) and is served the same
way in every format; a page of one format links it in that format.

Every page carries an ETag (from its body) and a Last-Modified, so
conditional GETs get 304; the poll carries ``Cache-Control: max-age`` as the
real endpoint does (5 s by default).

:class:`StoryClock` makes the blog grow in real time: story time runs from
the blog's start at *speed* times wall-clock speed, and on every request the
blog catches up with every happening due by then (no thread needed). With
speed 0 the blog only changes when told (:meth:`DemoServer.advance`): the
tests' mode.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from html import escape
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from liveread.demo._apis import (
    AJ_GRAPHQL_PATH,
    BBC_STREAM_PATH,
    bbc_stream,
    graphql,
)
from liveread.demo.formats import FORMATS, demo_format
from liveread.demo.http import DemoHTTPServer, Reply, Request, ServerStats
from liveread.demo.render.aljazeera import render_aljazeera_page
from liveread.demo.render.amp import render_amp_page
from liveread.demo.render.bbc import render_bbc_page, render_bbc_ws_page
from liveread.demo.render.brightspot import (
    POSTS_PATH,
    render_brightspot_page,
    render_brightspot_posts,
)
from liveread.demo.render.guardian import render_model, render_page, render_poll
from liveread.demo.render.jsonld import render_jsonld_page, render_microdata_page
from liveread.demo.render.lemonde import render_lemonde_page
from liveread.demo.render.photo import MEDIA_PREFIX, photo_reply
from liveread.demo.render.reach import render_reach_page
from liveread.demo.render.sky import render_sky_page
from liveread.demo.render.telegraph import render_telegraph_page
from liveread.demo.render.wpliveblog import (
    render_wp_key_events,
    render_wp_page,
    render_wp_paged,
    render_wp_since,
    wp_post_id,
)
from liveread.demo.story import DEFAULT_URL, BlogState, DemoBlog, Happening

__all__ = [
    "AMP_PREFIX",
    "BLOG_PATH",
    "NEXT_PATH",
    "REACH_PREFIX",
    "DemoServer",
    "StoryClock",
]

log = logging.getLogger(__name__)

#: Where the demo blog lives on the demo server.
BLOG_PATH = urlsplit(DEFAULT_URL).path
#: Where the blog that continues it lives (with ``continues=True``): the next day's.
NEXT_PATH = "/news/live/2026/nov/28/storm-wrenna-marlhaven-clean-up-live"
JSONLD_PREFIX = demo_format("jsonld").prefix
MICRODATA_PREFIX = "/microdata"
#: The WordPress site: its home, the post pages (rendered; the React app's) and its REST routes.
WP_HOME = "/wp"
WP_PREFIX = demo_format("wpliveblog").prefix
WPAPP_PREFIX = "/wpapp"
WP_REST_PREFIX = "/wp/wp-json/liveblog/v1/"
_WP_ROUTE = "/liveblog/v1/"
_WP_SINCE = re.compile(r"^(\d+)/entries/(\d+)/(\d+)/*$")
_WP_PAGED = re.compile(r"^(\d+)/get-entries/(\d+)/([^/]+)$")
_WP_KEY_EVENTS = re.compile(r"^(\d+)/get-key-events/([^/]+)$")
#: What WordPress's nocache_headers() send (the plugin's paged answers).
_NO_CACHE = {"Cache-Control": "no-cache, must-revalidate, max-age=0"}
REACH_PREFIX = demo_format("reach").prefix
AMP_PREFIX = demo_format("amp").prefix
#: The BBC World Service page's prefix (the News page's is its format's).
BBC_WS_PREFIX = "/bbcws"
#: Formats whose page is all there is at the blog's path in that format: its renderer.
_PAGES: dict[str, Callable[[BlogState, str], str]] = {
    "jsonld": lambda blog, url: render_jsonld_page(blog, page_url=url),
    "reach": lambda blog, url: render_reach_page(blog, page_url=url),
    # The AMP runtime polls the page itself (amp_latest_update_time=…): the same page.
    "amp": lambda blog, url: render_amp_page(blog, page_url=url),
    "bbc": lambda blog, url: render_bbc_page(blog, page_url=url),
    "aljazeera": lambda blog, url: render_aljazeera_page(blog, page_url=url),
    "brightspot": lambda blog, url: render_brightspot_page(blog, page_url=url),
    "sky": lambda blog, url: render_sky_page(blog, page_url=url),
    "lemonde": lambda blog, url: render_lemonde_page(blog, page_url=url),
    "telegraph": lambda blog, url: render_telegraph_page(blog, page_url=url),
}
_HTML = "text/html; charset=utf-8"
_JSON = "application/json; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"
#: Most happenings applied in one catch-up (a clock that jumped a week must not hang a request).
_CATCH_UP_LIMIT = 500


class StoryClock:
    """Advance a demo blog as wall-clock time passes, *speed* times faster.

    Args:
        blog: The blog (its ``now`` is where the story clock starts).
        speed: Story seconds per wall-clock second; 0 stops the clock.
        wall: The wall clock in seconds (default :func:`time.monotonic`).

    """

    def __init__(
        self, blog: DemoBlog, speed: float, wall: Callable[[], float] = time.monotonic
    ) -> None:
        self.blog = blog
        self.speed = speed
        self._wall = wall
        self._wall0 = wall()
        self._story0 = blog.now

    def story_now(self) -> datetime:
        """The story's present."""
        return self._story0 + timedelta(seconds=(self._wall() - self._wall0) * self.speed)

    def catch_up(self) -> list[Happening]:
        """Apply every happening due by the story's present; return them."""
        if self.speed <= 0:
            return []
        now = self.story_now()
        done: list[Happening] = []
        while len(done) < _CATCH_UP_LIMIT:
            due = self.blog.next_at
            if due is None or due > now:
                break
            done.extend(self.blog.advance())
        return done


class DemoServer:
    """The demo blog on a local port.

    Args:
        port: Port to bind (0: a free one). Raises OSError when it is taken.
        host: Address to bind (loopback by default).
        speed: Story-clock speed (0: the blog changes only through :meth:`advance`).
        start: The blog's "now" at the start (default: the current time).
        blog_factory: Builds the blog from its URL instead of the default
            ``DemoBlog(url, start, ends=ends, pace=pace)``.
        ends: Let the script end the blog.
        poll_max_age: ``max-age`` of poll answers (None: no Cache-Control).
        page_max_age: ``max-age`` of pages and data models (None, the default: none).
        on_happening: Called with each happening the story clock applies.
        pace: Passed to :class:`DemoBlog`: the story unfolds that many times
            faster than scripted, with timestamps that keep up with the clock.
        continues: When the blog ends, it closes with an entry linking the
            blog that continues it (at :data:`NEXT_PATH`, on this server), which
            then opens and is served in every format.

    Attributes:
        http: The engine (stats, start/stop, responders).
        blog: The blog; change it only under :attr:`lock` (or use :meth:`advance`).
        lock: Serialises requests and changes to the blog.
        clock: The story clock.
        intercept: Tests may set a function that answers a request instead of
            the routes (return None to let the routes answer), e.g. a page whose
            layout changed.

    """

    def __init__(
        self,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        speed: float = 0.0,
        start: datetime | None = None,
        blog_factory: Callable[[str], DemoBlog] | None = None,
        ends: bool = False,
        poll_max_age: int | None = 5,
        page_max_age: int | None = None,
        on_happening: Callable[[Happening], object] | None = None,
        pace: float = 1.0,
        continues: bool = False,
    ) -> None:
        self.lock = threading.RLock()
        self.http = DemoHTTPServer(self._handle, host, port)
        self.poll_max_age = poll_max_age
        self.page_max_age = page_max_age
        self._on_happening = on_happening
        url = self.http.url + BLOG_PATH
        next_url = self.http.url + NEXT_PATH if continues else None
        if blog_factory is not None:
            self.blog = blog_factory(url)
            if next_url is not None:
                self.blog.continues = next_url
        else:
            when = start or datetime.now(timezone.utc).replace(microsecond=0)
            self.blog = DemoBlog(url, when, ends=ends, pace=pace, continues=next_url)
        self.clock = StoryClock(self.blog, speed)
        # The clocks of the blogs that continue it, as they open.
        self._clocks: dict[int, StoryClock] = {id(self.blog): self.clock}
        # Each blog's path in each format, fixed when first asked (its first day dates some).
        self._paths: dict[int, dict[str, str]] = {}
        self.intercept: Callable[[Request], Reply | None] | None = None

    # -- addresses -------------------------------------------------------------------

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``: also the ``ajaxUrl`` of the pages."""
        return self.http.url

    @property
    def blogs(self) -> tuple[DemoBlog, ...]:
        """The blogs served: the demo blog, then each that continues the one before."""
        chain = [self.blog]
        while (after := getattr(chain[-1], "successor", None)) is not None:
            chain.append(after)
        return tuple(chain)

    @property
    def next_blog(self) -> DemoBlog | None:
        """The blog that continues the demo blog, once it has opened (see ``continues``)."""
        return getattr(self.blog, "successor", None)

    def _format_paths(self, blog: BlogState) -> dict[str, str]:
        found = self._paths.get(id(blog))
        if found is None:
            path = urlsplit(blog.url).path
            found = {f.name: f.blog_path(path, blog.first_published) for f in FORMATS}
            self._paths[id(blog)] = found
        return found

    def url_for(self, format_name: str, blog: BlogState | None = None) -> str:
        """The URL of *blog* (the demo blog by default) in the format called *format_name*.

        See :mod:`liveread.demo.formats`.

        Raises:
            KeyError: No such format.

        """
        demo_format(format_name)
        return self.origin + self._format_paths(blog or self.blog)[format_name]

    @property
    def url(self) -> str:
        """The Guardian-style blog's URL."""
        return self.url_for("guardian")

    @property
    def jsonld_url(self) -> str:
        """The schema.org JSON-LD copy's URL."""
        return self.url_for("jsonld")

    @property
    def microdata_url(self) -> str:
        """The microdata copy's URL."""
        return self.origin + MICRODATA_PREFIX + BLOG_PATH

    @property
    def wp_url(self) -> str:
        """The WordPress post's URL (the plugin's first page of entries in the page)."""
        return self.url_for("wpliveblog")

    @property
    def wp_app_url(self) -> str:
        """The same post as the plugin's React app serves it: no entries in the page."""
        return self.origin + WPAPP_PREFIX + BLOG_PATH

    @property
    def wp_rest_root(self) -> str:
        """WordPress's REST root with pretty permalinks (what ``wp_url`` names)."""
        return self.origin + WP_HOME + "/wp-json/"

    @property
    def wp_plain_rest_root(self) -> str:
        """WordPress's REST root without pretty permalinks (what ``wp_app_url`` names)."""
        return self.origin + WP_HOME + "/?rest_route=/"

    @property
    def reach_url(self) -> str:
        """The Reach-platform copy's URL."""
        return self.url_for("reach")

    @property
    def amp_url(self) -> str:
        """The AMP live-list copy's URL."""
        return self.url_for("amp")

    @property
    def bbc_ws_url(self) -> str:
        """The blog as a BBC World Service page (its data and key points in the page)."""
        return self.origin + BBC_WS_PREFIX + BLOG_PATH

    @property
    def poll_path(self) -> str:
        """The path every update poll asks for."""
        return BLOG_PATH + ".json"

    @property
    def stats(self) -> ServerStats:
        """The engine's request and byte counters."""
        return self.http.stats

    # -- running ---------------------------------------------------------------------

    def start(self) -> None:
        """Serve in a background thread."""
        self.http.start()

    def stop(self) -> None:
        """Stop serving and close the port."""
        self.http.stop()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def advance(self, n: int = 1) -> list[Happening]:
        """Apply the next *n* happenings of the story now."""
        with self.lock:
            return self.blog.advance(n)

    def change(self, action: Callable[[DemoBlog], Any]) -> Any:
        """Run *action* on the blog under the lock (edit, remove, pin, end ...)."""
        with self.lock:
            return action(self.blog)

    # -- requests --------------------------------------------------------------------

    def _handle(self, request: Request) -> Reply:
        with self.lock:
            for blog in self.blogs:
                # (the demo blog's own: whatever ``clock`` is now, a bench may have replaced it)
                clock = self.clock if blog is self.blog else self._clocks.get(id(blog))
                if clock is None:  # a blog that has just opened keeps time from now on
                    clock = self._clocks[id(blog)] = StoryClock(blog, self.clock.speed)
                for happening in clock.catch_up():
                    log.info("demo blog: %s", happening.description)
                    if self._on_happening is not None:
                        self._on_happening(happening)
            if self.intercept is not None:
                reply = self.intercept(request)
                if reply is not None:
                    return reply
            if request.path.startswith(MEDIA_PREFIX):
                return photo_reply()  # the demo's own photo, for every photo of the story
            return self._route(request)

    def _route(self, request: Request) -> Reply:
        path = request.path
        if path == "/":
            return Reply(body=self._index().encode(), content_type=_HTML)
        for blog in self.blogs:
            found = self._blog_route(request, blog)
            if found is not None:
                name, reply = found
                return self._relink(reply, name, blog)
        if path.startswith(WP_REST_PREFIX):
            return self._wp_rest(path[len(WP_REST_PREFIX) :], "wpliveblog")
        route = request.query.get("rest_route", "")
        if path in (WP_HOME, WP_HOME + "/") and route.startswith(_WP_ROUTE):
            return self._wp_rest(route[len(_WP_ROUTE) :], "wpapp")
        return self._api(request) or _not_found("nothing here")

    def _blog_route(self, request: Request, blog: DemoBlog) -> tuple[str, Reply] | None:
        """What *blog*'s own paths answer: ``(format, reply)``, or None when it is not one."""
        path = request.path
        query = urlsplit(request.target).query
        base = urlsplit(blog.url).path
        paths = self._format_paths(blog)
        url = self.origin + path
        if path == base:
            page = blog.page_for_query(query)
            if page is None:
                return "guardian", _not_found("no such page of the blog")
            html = render_page(blog, page, ajax_url=self.origin)
            return "guardian", self._page(html.encode(), _HTML, blog)
        if path == base + ".json":
            if "lastUpdate" in request.query:
                answer = render_poll(blog, request.query["lastUpdate"])
                reply = Reply(body=_json(answer), content_type=_JSON, max_age=self.poll_max_age)
                return "guardian", reply
            page = blog.page_for_query(query)
            if page is None:
                return "guardian", _not_found("no such page of the blog")
            model = render_model(blog, page, ajax_url=self.origin)
            return "guardian", self._page(_json(model), _JSON, blog)
        for name, draw in _PAGES.items():
            if path == paths[name]:
                return name, self._page(draw(blog, url).encode(), _HTML, blog)
        if path == paths["brightspot"] + POSTS_PATH:
            since = request.query.get("since", "")
            posts = render_brightspot_posts(
                blog,
                int(since) if since.isdigit() else None,
                page_url=self.origin + paths["brightspot"],
            )
            return "brightspot", Reply(body=posts.encode(), content_type=_HTML)
        if path == MICRODATA_PREFIX + base:
            return "jsonld", self._page(
                render_microdata_page(blog, page_url=url).encode(), _HTML, blog
            )
        if path == BBC_WS_PREFIX + base:
            number = request.query.get("page", "1")
            if not number.isdigit() or int(number) < 1:
                return "bbc", _not_found("no such page of the blog")
            html = render_bbc_ws_page(blog, page_url=url, page=int(number))
            return "bbc", self._page(html.encode(), _HTML, blog)
        if path in (paths["wpliveblog"], WPAPP_PREFIX + base):
            app = path != paths["wpliveblog"]
            html = render_wp_page(
                blog,
                page_url=url,
                rest_root=self.wp_plain_rest_root if app else self.wp_rest_root,
                now=self._now(blog),
                app=app,
            )
            return "wpliveblog", self._page(html.encode(), _HTML, blog)
        return None

    def _relink(self, reply: Reply, name: str, blog: DemoBlog) -> Reply:
        """A page of one format links the server's other blogs in that format.

        The story links the blog that continues it by that blog's own
        (Guardian-shaped) URL; on another format's page the link leads to the
        same format, as a site's links stay on its own pages.
        """
        if name == "guardian" or len(self.blogs) < 2:
            return reply
        body = reply.body
        for other in self.blogs:
            if other is not blog:
                body = body.replace(other.url.encode(), self.url_for(name, other).encode())
        reply.body = body
        return reply

    def _now(self, blog: DemoBlog) -> datetime:
        """A blog's present: its story clock's while it runs, else its latest change."""
        clock = self.clock if blog is self.blog else self._clocks.get(id(blog), self.clock)
        return clock.story_now() if clock.speed > 0 else blog.now

    def _api(self, request: Request) -> Reply | None:
        """The BBC's stream container and Al Jazeera's GraphQL endpoint (see ``_apis``)."""
        if request.path == BBC_STREAM_PATH:
            stream = bbc_stream(self.blogs, request.query)
            # The container answers an empty 200 for a stream it does not know (not an error).
            body = _json(stream) if stream is not None else b""
            return Reply(body=body, content_type=_JSON, auto_etag=stream is not None)
        if request.path == AJ_GRAPHQL_PATH:
            status, answer, blog = graphql(
                self.blogs, request.query, request.headers, partial(self.url_for, "aljazeera")
            )
            reply = Reply(status, _json(answer), _JSON, auto_etag=status == 200)
            return self._relink(reply, "aljazeera", blog) if blog is not None else reply
        return None

    def _wp_rest(self, route: str, flavour: str) -> Reply:
        """The Liveblog plugin's REST routes for the server's posts (others: WordPress's 404s)."""
        since = _WP_SINCE.match(route)
        paged = _WP_PAGED.match(route)
        keys = _WP_KEY_EVENTS.match(route)
        found = since or paged or keys
        if found is None:
            return _wp_error("rest_no_route", "No route was found matching the URL.")
        blog = next((b for b in self.blogs if str(wp_post_id(b)) == found.group(1)), None)
        if blog is None:
            return _wp_error("rest_liveblog_not_found", "Liveblog not found.")
        if flavour == "wpliveblog":
            page_url = self.url_for("wpliveblog", blog)
        else:
            page_url = self.origin + WPAPP_PREFIX + urlsplit(blog.url).path
        if since is not None:
            start, end = int(since.group(2)), int(since.group(3))
            answer = render_wp_since(blog, start, end, page_url=page_url)
            # get_entries_by_time: cacheable until the window's end has passed.
            ahead = end - int(self._now(blog).timestamp())
            max_age = None
            if ahead > 0 and self.poll_max_age is not None:
                max_age = min(ahead, self.poll_max_age)
            return Reply(body=_json(answer), content_type=_JSON, max_age=max_age, auto_etag=False)
        if paged is not None:
            page = int(paged.group(2))
            answer = render_wp_paged(blog, page, paged.group(3), page_url=page_url)
            return Reply(body=_json(answer), content_type=_JSON, headers=_NO_CACHE, auto_etag=False)
        events = render_wp_key_events(blog, page_url=page_url)
        return Reply(body=_json(events), content_type=_JSON, auto_etag=False)

    def _page(self, body: bytes, content_type: str, blog: BlogState | None = None) -> Reply:
        """A page reply: ETag from the body (by the engine), Last-Modified from the blog."""
        return Reply(
            body=body,
            content_type=content_type,
            last_modified=(blog or self.blog).last_modified,
            max_age=self.page_max_age,
        )

    def _index(self) -> str:
        links = [(self.url_for(f.name), f.label) for f in FORMATS]
        links += [
            (self.url + ".json?dcr=true", "the Guardian-style blog's data model (JSON)"),
            (self.microdata_url, "the same blog as a microdata page"),
            (self.wp_app_url, "the WordPress post as the Liveblog plugin's React app serves it"),
            (self.bbc_ws_url, "the same blog as a BBC World Service page"),
        ]
        for after in self.blogs[1:]:
            links += [(self.url_for(f.name, after), f"the next blog: {f.label}") for f in FORMATS]
        items = "".join(
            f'<li><a href="{escape(u)}">{escape(u)}</a>: {escape(d)}</li>' for u, d in links
        )
        state = "live" if self.blog.live else "ended"
        title = escape(self.blog.title, quote=False)
        return (
            "<!doctype html><html><head><meta charset=utf-8><title>liveread demo</title></head>"
            f"<body><h1>liveread demo server</h1><p>{title} ({state}, "
            f"{len(self.blog)} entries)</p><ul>{items}</ul></body></html>"
        )


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _wp_error(code: str, message: str) -> Reply:
    """A WordPress REST error: 404 with ``{code, message, data: {status}}``."""
    body = _json({"code": code, "message": message, "data": {"status": 404}})
    return Reply(404, body, _JSON, auto_etag=False)


def _not_found(why: str) -> Reply:
    return Reply(404, f"404 not found: {why}\n".encode(), _TEXT, auto_etag=False)
