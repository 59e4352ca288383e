"""What liveread's parser is compared with: a plain BeautifulSoup extraction, and the floor.

The BeautifulSoup functions are what a user without liveread would write to
get the same fields out of a page: idiomatic ``find``/``find_all`` with the
stdlib ``html.parser`` backend (no lxml to install), ``get_text`` for text,
``json.loads`` for the JSON the page embeds. They are meant to be reasonable,
not slow: no repeated parsing, no CSS selectors where ``find_all`` will do.

The floor is the least any selectolax-based reader must do: parse the page
and visit each entry's text once. liveread also sanitizes, resolves links,
reads times and builds the model, so it cannot get below the floor; the
target is to stay within a small factor of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from selectolax.lexbor import LexborHTMLParser

__all__ = [
    "guardian_bs4",
    "guardian_floor",
    "jsonld_bs4",
    "jsonld_floor",
    "microdata_bs4",
    "microdata_floor",
]


def _soup(page: str) -> Any:
    from bs4 import BeautifulSoup  # the optional "bench" extra; imported when used

    return BeautifulSoup(page, "html.parser")


def _iso(value: str | None) -> datetime | None:
    """Parse an ISO 8601 time as a user would (``Z`` needs help before Python 3.11)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


# -- the Guardian's page ------------------------------------------------------------


def _guardian_article(article: Any) -> dict[str, Any]:
    """Read one ``article.block``: id, time, title, paragraphs, captions and credits."""
    header = article.find("header")
    link = header.find("a", href=True) if header else None
    entry_id = article.get("id", "").removeprefix("block-")
    if not entry_id and link is not None:  # the pinned copy has no id; its permalink does
        entry_id = link["href"].rpartition("#block-")[2]
    stamp = article.find("time")
    title = header.find("h2") if header else None
    paragraphs: list[str] = []
    images: list[dict[str, str]] = []
    for element in article.find_all(recursive=False):
        if element.name in ("header", "footer"):
            continue
        if element.name == "figure":
            caption = element.find("figcaption")
            if caption is not None:
                spans = caption.find_all("span")
                text = spans[-1].get_text(" ", strip=True) if spans else ""
                whole = caption.get_text(" ", strip=True)
                images.append({"caption": text, "credit": whole.removeprefix(text).strip()})
            continue
        if element.name in ("ul", "ol"):
            paragraphs.extend(li.get_text(" ", strip=True) for li in element.find_all("li"))
        else:
            paragraphs.append(element.get_text(" ", strip=True))
    return {
        "id": entry_id,
        "published": _iso(stamp["datetime"]) if stamp and stamp.has_attr("datetime") else None,
        "title": title.get_text(" ", strip=True) if title else None,
        "paragraphs": [p for p in paragraphs if p],
        "images": images,
    }


def guardian_bs4(page: str) -> dict[str, Any]:
    """Extract a Guardian live page's entries, key events and pinned post with BeautifulSoup."""
    soup = _soup(page)
    headline = soup.find("h1")
    entries = [_guardian_article(a) for a in soup.find_all("article", class_="block", id=True)]
    pinned_box = soup.find(id="pinned-post")
    pinned_article = pinned_box.find("article") if pinned_box else None
    key_events: list[dict[str, Any]] = []
    carousel = soup.find("gu-island", attrs={"name": "KeyEventsCarousel"})
    if carousel is not None:  # desktop and mobile carousels carry the same list: read one
        for event in json.loads(carousel["props"]).get("keyEvents", []):
            attributes = event.get("attributes", {})
            first = event.get("blockFirstPublished")
            key_events.append(
                {
                    "id": event.get("id"),
                    "title": event.get("title"),
                    "published": datetime.fromtimestamp(first / 1000, timezone.utc)
                    if first
                    else None,
                    "summary": bool(attributes.get("summary")),
                }
            )
    return {
        "title": headline.get_text(" ", strip=True) if headline else "",
        "entries": entries,
        "pinned": _guardian_article(pinned_article) if pinned_article else None,
        "key_events": key_events,
    }


def guardian_floor(page: str) -> int:
    """Parse with selectolax and visit each entry's text; returns the characters visited."""
    tree = LexborHTMLParser(page)
    return sum(len(node.text()) for node in tree.css("article.block"))


# -- schema.org JSON-LD ------------------------------------------------------------------


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Yield every dict in a JSON-LD document (top level, lists, ``@graph``, nested)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _is_live_blog(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "LiveBlogPosting" in kinds


def jsonld_bs4(page: str) -> dict[str, Any]:
    """Extract a JSON-LD ``LiveBlogPosting``'s updates with BeautifulSoup (bodies as text)."""
    soup = _soup(page)
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for node in _nodes(data):
            if not _is_live_blog(node):
                continue
            updates = node.get("liveBlogUpdate") or []
            return {
                "title": node.get("headline", ""),
                "entries": [
                    {
                        "id": u.get("@id") or u.get("url"),
                        "published": _iso(u.get("datePublished")),
                        "title": u.get("headline"),
                        # bodies may carry HTML: a user would strip it the same way
                        "text": _soup(u.get("articleBody") or "").get_text(" ", strip=True),
                    }
                    for u in (updates if isinstance(updates, list) else [updates])
                    if isinstance(u, dict)
                ],
            }
    return {"title": "", "entries": []}


def jsonld_floor(page: str) -> int:
    """Parse with selectolax and read every JSON-LD script (strict JSON); returns nodes seen."""
    tree = LexborHTMLParser(page)
    seen = 0
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            seen += sum(1 for _ in _nodes(json.loads(script.text())))
        except ValueError:
            continue
    return seen


# -- schema.org microdata ------------------------------------------------------------------


def _prop(scope: Any, name: str) -> Any:
    return scope.find(attrs={"itemprop": name})


def microdata_bs4(page: str) -> dict[str, Any]:
    """Extract microdata ``liveBlogUpdate`` items with BeautifulSoup."""
    soup = _soup(page)
    entries = []
    for update in soup.find_all(attrs={"itemprop": "liveBlogUpdate"}):
        headline = _prop(update, "headline")
        date = _prop(update, "datePublished")
        body = _prop(update, "articleBody")
        stamp = (date.get("content") or date.get("datetime") or date.get_text()) if date else None
        entries.append(
            {
                "id": update.get("itemid") or update.get("id"),
                "published": _iso(stamp),
                "title": headline.get_text(" ", strip=True) if headline else None,
                "text": (body or update).get_text(" ", strip=True),
            }
        )
    return {"entries": entries}


def microdata_floor(page: str) -> int:
    """Parse with selectolax and visit each update's text; returns the characters visited."""
    tree = LexborHTMLParser(page)
    return sum(len(node.text()) for node in tree.css('[itemprop="liveBlogUpdate"]'))
