"""The formats the demo serves its blog in: one table for the server, the CLI and its help.

Each :class:`DemoFormat` names a markup liveread reads, where the demo server
serves the blog in it (a path prefix before the blog's path) and how the help
describes it. ``liveread demo --format NAME`` takes its choices from
:data:`FORMATS`, and :meth:`liveread.demo.DemoServer.url_for` builds the URL
from the same row, so a new format is one row here and its routes in the server.
Stdlib only, so that the command line can list the choices for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_FORMAT", "FORMATS", "DemoFormat", "demo_format"]


@dataclass(frozen=True)
class DemoFormat:
    """One format of the demo blog.

    Attributes:
        name: What ``--format`` takes ("reach").
        prefix: The path before the blog's path on the demo server ("/reach"; "" for the default).
        label: How the help and the serve message name it ("a Reach-platform live page").

    """

    name: str
    prefix: str
    label: str


#: Every format, the default first.
FORMATS: tuple[DemoFormat, ...] = (
    DemoFormat("guardian", "", "the Guardian's page markup, data model and update poll"),
    DemoFormat("jsonld", "/jsonld", "a schema.org JSON-LD page"),
    DemoFormat("reach", "/reach", "a Reach-platform live page"),
    DemoFormat("amp", "/amp", "an AMP live list"),
    DemoFormat("wpliveblog", "/wp", "a WordPress post running the Liveblog plugin"),
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
