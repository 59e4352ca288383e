"""The formats the demo serves its blog in: one table for the server, the CLI and its help.

Each :class:`DemoFormat` names a markup liveread reads, where the demo server
serves the blog in it (a path prefix before the blog's path, and the path's
own shape where the format's sites give their blogs one) and how the help
describes it. ``liveread demo --format NAME`` takes its choices from
:data:`FORMATS`, and :meth:`liveread.demo.DemoServer.url_for` builds the URL
from the same row, so a new format is one row here and its routes in the server.
Stdlib only, so that the command line can list the choices for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

__all__ = ["DEFAULT_FORMAT", "FORMATS", "DemoFormat", "demo_format"]


@dataclass(frozen=True)
class DemoFormat:
    """One format of the demo blog.

    Attributes:
        name: What ``--format`` takes ("reach").
        prefix: The path before the blog's path on the demo server ("/reach"; "" for the default).
        label: How the help and the serve message name it ("a Reach-platform live page").
        path: The blog's path in this format's own URL shape, as a template:
            ``{path}`` is the demo blog's path as the Guardian shapes it;
            ``{year}``, ``{month}``, ``{day}`` (numbers: the blog's first day)
            and ``{slug}`` (the path's last part) build another shape, where
            the format's readers look at the URL (an Al Jazeera blog lives
            under ``/liveblog/YYYY/M/D/``; a Le Monde live's day in its URL
            dates its posts, which show only a clock time).
        zone: The time zone the site's URLs date a blog in (an IANA name).

    """

    name: str
    prefix: str
    label: str
    path: str = "{path}"
    zone: str = "UTC"

    def blog_path(self, path: str, first: datetime) -> str:
        """The path a demo blog at *path*, first published at *first*, has in this format."""
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        day = first.astimezone(_zone(self.zone)).date()
        shaped = self.path.format(path=path, year=day.year, month=day.month, day=day.day, slug=slug)
        return self.prefix + shaped


def _zone(name: str) -> tzinfo:
    """The zone called *name* (UTC where no time-zone database is installed)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:
        return timezone.utc


#: Every format, the default first.
FORMATS: tuple[DemoFormat, ...] = (
    DemoFormat("guardian", "", "the Guardian's page markup, data model and update poll"),
    DemoFormat("jsonld", "/jsonld", "a schema.org JSON-LD page"),
    DemoFormat("reach", "/reach", "a Reach-platform live page"),
    DemoFormat("amp", "/amp", "an AMP live list"),
    DemoFormat("wpliveblog", "/wp", "a WordPress post running the Liveblog plugin"),
    DemoFormat("bbc", "/bbc", "a BBC News live page and its live text stream's JSON"),
    DemoFormat(
        "aljazeera",
        "/aljazeera",
        "an Al Jazeera live blog and its GraphQL answers",
        "/news/liveblog/{year}/{month}/{day}/{slug}",
    ),
    DemoFormat("brightspot", "/brightspot", "a Brightspot (AP News) live blog and its posts poll"),
    DemoFormat("sky", "/sky", "a Sky News live page (JSON-LD and Live Center posts)"),
    DemoFormat(
        "lemonde",
        "/lemonde",
        "a Le Monde « en direct » page",
        "/planete/live/{year}/{month:02d}/{day:02d}/{slug}.html",
        "Europe/Paris",
    ),
    DemoFormat("telegraph", "/telegraph", "a Telegraph live page (.live-post and JSON-LD)"),
)
#: The format ``liveread demo`` serves unless told otherwise.
DEFAULT_FORMAT = FORMATS[0].name


def demo_format(name: str) -> DemoFormat:
    """The format called *name*.

    Raises:
        KeyError: No such format.

    """
    for found in FORMATS:
        if found.name == name:
            return found
    raise KeyError(name)
