"""The demo's HTTP stack: a small HTTP/1.1 server engine on the standard library.

:class:`DemoHTTPServer` serves a *handler* (``Callable[[Request], Reply]``)
and does the HTTP around it: conditional GET, gzip, max-age, keep-alive, byte
counts (:class:`ServerStats`). *Responders* asked before the handler may
answer at the wire level through :class:`Output` (the test-suite stages its
network faults that way).

Inside: ``_engine`` (the server), ``_model`` (requests, replies, stats),
``_wire`` (sockets: http.server glue and response writing).
"""

from __future__ import annotations

from liveread.demo.http._engine import GZIP_MIN, DemoHTTPServer, Responder
from liveread.demo.http._model import (
    Handler,
    Headers,
    Reply,
    Request,
    RequestRecord,
    ServerStats,
    accepts_gzip,
    http_date,
    not_modified,
)
from liveread.demo.http._wire import Output, RequestHandler

__all__ = [
    "GZIP_MIN",
    "DemoHTTPServer",
    "Handler",
    "Headers",
    "Output",
    "Reply",
    "Request",
    "RequestHandler",
    "RequestRecord",
    "Responder",
    "ServerStats",
    "accepts_gzip",
    "http_date",
    "not_modified",
]
