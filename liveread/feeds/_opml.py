"""A list of feeds as OPML 2.0, the file feed readers import subscriptions from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from liveread.feeds._text import attr, escape, one_line

__all__ = ["OPML_TYPE", "Subscription", "to_opml"]

#: The media type feed readers expect of an OPML file.
OPML_TYPE = "text/x-opml"


@dataclass(frozen=True)
class Subscription:
    """One feed in the list.

    Attributes:
        title: Its title.
        xml_url: Where its Atom feed is served.
        html_url: The web page it is the feed of, or None.

    """

    title: str
    xml_url: str
    html_url: str | None = None


def to_opml(
    subscriptions: Iterable[Subscription], *, title: str, modified: datetime | None = None
) -> str:
    """Return an OPML 2.0 document with one ``rss``-type outline per subscription.

    OPML calls every subscription ``type="rss"``, whatever the feed's format.
    """
    head = f"    <title>{escape(one_line(title))}</title>\n"
    if modified is not None:
        head += f"    <dateModified>{format_datetime(modified, usegmt=True)}</dateModified>\n"
    outlines = []
    for sub in subscriptions:
        name = attr(one_line(sub.title) or sub.xml_url)
        html = f' htmlUrl="{attr(sub.html_url)}"' if sub.html_url else ""
        outlines.append(
            f'    <outline type="rss" text="{name}" title="{name}"'
            f' xmlUrl="{attr(sub.xml_url)}"{html}/>\n'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head>\n'
        f"{head}  </head>\n  <body>\n{''.join(outlines)}  </body>\n</opml>\n"
    )
