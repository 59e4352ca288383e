"""The demo site: the demo blog served over HTTP, growing in real time, with faults on demand.

:class:`DemoServer` puts the routes of the demo app on top of the engine in
:mod:`liveread.demo.httpserver` (conditional GET, gzip, byte counts, faults):

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
``/reach<blog path>``                     ... as a Reach-platform live page
``/amp<blog path>``                       ... as an AMP ``amp-live-list`` page (its poll,
                                          ``?amp_latest_update_time=<ms>``, gets the page)
========================================  ==============================================

The blog path is fixed (:data:`BLOG_PATH`), so the demo's URL only changes with
the port. Every page carries an ETag (from its body) and a Last-Modified, so
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
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from liveread.demo.amp_render import render_amp_page
from liveread.demo.guardian_render import render_model, render_page, render_poll
from liveread.demo.httpserver import DemoHTTPServer, FaultPlan, Reply, Request, ServerStats
from liveread.demo.jsonld_render import render_jsonld_page, render_microdata_page
from liveread.demo.markup import esc
from liveread.demo.reach_render import render_reach_page
from liveread.demo.timeline import DEFAULT_URL, DemoBlog, Happening

__all__ = ["AMP_PREFIX", "BLOG_PATH", "REACH_PREFIX", "DemoServer", "StoryClock"]

log = logging.getLogger(__name__)

#: Where the demo blog lives on the demo server.
BLOG_PATH = urlsplit(DEFAULT_URL).path
JSONLD_PREFIX = "/jsonld"
MICRODATA_PREFIX = "/microdata"
REACH_PREFIX = "/reach"
AMP_PREFIX = "/amp"
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
            ``DemoBlog(url, start, hostile=hostile, ends=ends)``.
        hostile: Serve the hostile story.
        ends: Let the script end the blog.
        poll_max_age: ``max-age`` of poll answers (None: no Cache-Control).
        on_happening: Called with each happening the story clock applies.
        pace: Passed to :class:`DemoBlog`: the story unfolds that many times
            faster than scripted, with timestamps that keep up with the clock.

    Attributes:
        http: The engine (faults, stats, start/stop).
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
        hostile: bool = False,
        ends: bool = False,
        poll_max_age: int | None = 5,
        on_happening: Callable[[Happening], object] | None = None,
        pace: float = 1.0,
    ) -> None:
        self.lock = threading.RLock()
        self.http = DemoHTTPServer(self._handle, host, port)
        self.poll_max_age = poll_max_age
        self._on_happening = on_happening
        url = self.http.url + BLOG_PATH
        if blog_factory is not None:
            self.blog = blog_factory(url)
        else:
            when = start or datetime.now(timezone.utc).replace(microsecond=0)
            self.blog = DemoBlog(url, when, hostile=hostile, ends=ends, pace=pace)
        self.clock = StoryClock(self.blog, speed)
        self.intercept: Callable[[Request], Reply | None] | None = None

    # -- addresses -------------------------------------------------------------------

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``: also the ``ajaxUrl`` of the pages."""
        return self.http.url

    @property
    def url(self) -> str:
        """The Guardian-style blog's URL."""
        return self.origin + BLOG_PATH

    @property
    def jsonld_url(self) -> str:
        """The schema.org JSON-LD copy's URL."""
        return self.origin + JSONLD_PREFIX + BLOG_PATH

    @property
    def microdata_url(self) -> str:
        """The microdata copy's URL."""
        return self.origin + MICRODATA_PREFIX + BLOG_PATH

    @property
    def reach_url(self) -> str:
        """The Reach-platform copy's URL."""
        return self.origin + REACH_PREFIX + BLOG_PATH

    @property
    def amp_url(self) -> str:
        """The AMP live-list copy's URL."""
        return self.origin + AMP_PREFIX + BLOG_PATH

    @property
    def poll_path(self) -> str:
        """The path every update poll asks for."""
        return BLOG_PATH + ".json"

    @property
    def faults(self) -> FaultPlan:
        """The engine's fault schedule."""
        return self.http.faults

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
            for happening in self.clock.catch_up():
                log.info("demo blog: %s", happening.description)
                if self._on_happening is not None:
                    self._on_happening(happening)
            if self.intercept is not None:
                reply = self.intercept(request)
                if reply is not None:
                    return reply
            return self._route(request)

    def _route(self, request: Request) -> Reply:
        path = request.path
        query = urlsplit(request.target).query
        if path == "/":
            return Reply(body=self._index().encode(), content_type=_HTML)
        if path == BLOG_PATH:
            page = self.blog.page_for_query(query)
            if page is None:
                return _not_found("no such page of the blog")
            html = render_page(self.blog, page, ajax_url=self.origin)
            return self._page(html.encode(), _HTML)
        if path == self.poll_path:
            if "lastUpdate" in request.query:
                answer = render_poll(self.blog, request.query["lastUpdate"])
                return Reply(body=_json(answer), content_type=_JSON, max_age=self.poll_max_age)
            page = self.blog.page_for_query(query)
            if page is None:
                return _not_found("no such page of the blog")
            return self._page(_json(render_model(self.blog, page, ajax_url=self.origin)), _JSON)
        if path == JSONLD_PREFIX + BLOG_PATH:
            html = render_jsonld_page(self.blog, page_url=self.jsonld_url)
            return self._page(html.encode(), _HTML)
        if path == MICRODATA_PREFIX + BLOG_PATH:
            html = render_microdata_page(self.blog, page_url=self.microdata_url)
            return self._page(html.encode(), _HTML)
        if path == REACH_PREFIX + BLOG_PATH:
            html = render_reach_page(self.blog, page_url=self.reach_url)
            return self._page(html.encode(), _HTML)
        if path == AMP_PREFIX + BLOG_PATH:
            # The AMP runtime polls the page itself (amp_latest_update_time=…): the same page.
            html = render_amp_page(self.blog, page_url=self.amp_url)
            return self._page(html.encode(), _HTML)
        return _not_found("nothing here")

    def _page(self, body: bytes, content_type: str) -> Reply:
        """A page reply: ETag from the body (by the engine), Last-Modified from the blog."""
        return Reply(body=body, content_type=content_type, last_modified=self.blog.last_modified)

    def _index(self) -> str:
        links = [
            (self.url, "the live blog, as the Guardian renders it"),
            (self.url + ".json?dcr=true", "its data model (JSON)"),
            (self.jsonld_url, "the same blog as a schema.org JSON-LD page"),
            (self.microdata_url, "... and as microdata"),
            (self.reach_url, "... as a Reach-platform live page"),
            (self.amp_url, "... as an AMP live-list page"),
        ]
        items = "".join(f'<li><a href="{esc(u)}">{esc(u)}</a>: {esc(d)}</li>' for u, d in links)
        state = "live" if self.blog.live else "ended"
        return (
            "<!doctype html><html><head><meta charset=utf-8><title>liveread demo</title></head>"
            f"<body><h1>liveread demo server</h1><p>{esc(self.blog.title)} ({state}, "
            f"{len(self.blog)} entries)</p><ul>{items}</ul></body></html>"
        )


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _not_found(why: str) -> Reply:
    return Reply(404, f"404 not found: {why}\n".encode(), _TEXT, auto_etag=False)
