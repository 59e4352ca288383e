"""schema.org ``LiveBlogPosting`` pages: JSON-LD first, microdata as the fallback.

Many sites describe a live blog as a schema.org ``LiveBlogPosting`` whose
``liveBlogUpdate`` list holds one ``BlogPosting`` per update. It comes as
JSON-LD in ``script[type="application/ld+json"]`` (top level, inside
``@graph``, a list or another node; ``@type`` a string, a list or a full IRI;
often invalid JSON, read by :mod:`liveread.sources._lenient`) or as microdata
(read by :mod:`._microdata`). Both are read into one dict shape, and one
builder here turns that into a :class:`~liveread.model.Snapshot`; property
values are read by :mod:`._fields`.

On a page (not a bare JSON-LD document) the rendered entries then enrich
the structured updates (:mod:`liveread.sources.rendered`): key events,
photos with caption and credit, bylines and embeds that only the rendering
shows, with a :class:`~liveread.sources.rendered.Profile` saying how the
publisher marks them (:data:`~liveread.sources.rendered.DEFAULT` for an
unknown one). The structured data mirrors what the page shows, never the
whole blog: the snapshot says so with its ``window``.

Every snapshot names its source ``schemaorg``, whichever form it was read
from (:func:`read_html` also says which, for the tests and the debug log).

Ids: an update's ``@id`` (microdata ``itemid``) or ``url``, as given. An
update with neither, or whose url is just the page's, or whose url other,
different updates share, gets ``sha1:<hex>`` of its own publication time (UTC,
to the second) and headline (:func:`derive_id`): editing its body keeps its
id. Derived ids that collide get ``-2``, ``-3``... in page order; an update
rendered twice, identical, is read once.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import urldefrag

from selectolax.lexbor import LexborHTMLParser

from liveread import urls
from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import Block, Entry, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered
from liveread.sources._lenient import loads
from liveread.sources.schemaorg import _fields as fields
from liveread.sources.schemaorg._microdata import Items, local_name
from liveread.sources.schemaorg._source import SchemaOrgSource
from liveread.times import format_time, utc_now

__all__ = ["Form", "derive_id", "detect_html", "is_data", "parse_data", "parse_html", "read_html"]

_log = logging.getLogger(__name__)

#: The two forms a page gives its structured data in.
Form = Literal["jsonld", "microdata"]

# What is looked for, as data.
_TYPE = "LiveBlogPosting"
_SCRIPTS = "script[type]"
_SCRIPT_TYPE = "application/ld+json"
_MICRODATA_BLOGS = '[itemscope][itemtype*="LiveBlogPosting" i]'
_OG_TITLE = 'meta[property="og:title"]'
#: A JSON-LD document bigger than this many nodes is only searched this far.
_MAX_JSON_NODES = 500_000
#: The published time of an update when neither it nor its blog has any date.
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

_Candidate = tuple[dict[str, Any], list[dict[str, Any]]]


class _Page:
    """The page a LiveBlogPosting was found on, when it was a page (not bare JSON-LD).

    Attributes:
        tree: The parsed page.
        title: Its ``og:title`` or ``<title>``.
        profile: How its publisher marks up rendered entries.
        enrich: Whether the rendered entries enrich the updates.

    """

    __slots__ = ("enrich", "profile", "title", "tree")

    def __init__(
        self, tree: LexborHTMLParser, profile: rendered.Profile, *, enrich: bool = True
    ) -> None:
        self.tree = tree
        self.title = _page_title(tree)
        self.profile = profile
        self.enrich = enrich


def derive_id(published: datetime | None, headline: str | None, body_text: str = "") -> str:
    """Return the id of an update that has no ``@id`` or ``url`` (before collision suffixes).

    Args:
        published: The update's own publication time (any offset), or None.
        headline: Its headline, already sanitized, or None.
        body_text: Its text; used only when it has neither time nor headline.

    Returns:
        ``"sha1:"`` and the hex SHA-1 of the time (UTC, to the second) and
        headline, joined by a character neither can contain.

    """
    stamp = format_time(published) or ""
    material = f"{stamp}\x1f{headline or ''}"
    if not stamp and not headline:
        material += "\x1f" + body_text
    return "sha1:" + hashlib.sha1(material.encode("utf-8")).hexdigest()


# --- finding the LiveBlogPosting ---------------------------------------------------------


def _is_blog(node: Any) -> bool:
    """Tell whether *node* is a dict typed ``LiveBlogPosting`` (string, list, or IRI)."""
    if not isinstance(node, dict):
        return False
    types = node.get("@type", node.get("type"))
    for term in types if isinstance(types, list) else [types]:
        if isinstance(term, str) and local_name(term) == _TYPE:
            return True
    return False


def _scan(document: Any) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Find every LiveBlogPosting in a JSON-LD document, and index its nodes by ``@id``.

    The walk is iterative (no recursion limit to hit) and bounded, in document
    order. It does not descend into a LiveBlogPosting: its updates are not blogs.
    """
    blogs: list[dict[str, Any]] = []
    index: dict[str, dict[str, Any]] = {}
    stack = [document]
    budget = _MAX_JSON_NODES
    while stack and budget > 0:
        budget -= 1
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > len(index.get(node_id, ())):
                index[node_id] = node  # keep the fullest node, not a bare reference
            if _is_blog(node):
                blogs.append(node)
            else:
                stack.extend(reversed(list(node.values())))
    return blogs, index


def _updates(blog: dict[str, Any], index: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the blog's updates, ``{"@id": ...}`` references resolved through *index*."""
    found: list[dict[str, Any]] = []
    for value in fields.values(blog, "liveBlogUpdate"):
        if isinstance(value, str):
            value = index.get(value)
        elif isinstance(value, dict) and isinstance(value.get("@id"), str):
            value = index.get(value["@id"], value)
        if isinstance(value, dict):
            found.append(value)
    return found


def _ld_scripts(tree: LexborHTMLParser) -> list[str]:
    """Return the text of every JSON-LD script that mentions LiveBlogPosting."""
    texts = []
    for node in tree.css(_SCRIPTS):
        kind = (node.attributes.get("type") or "").strip().lower()
        if kind.startswith(_SCRIPT_TYPE):
            script = node.text(deep=True)
            if _TYPE in script:
                texts.append(script)
    return texts


def _declares_microdata(node: Any) -> bool:
    """Tell whether an element's ``itemtype`` names LiveBlogPosting."""
    return _is_blog({"@type": (node.attributes.get("itemtype") or "").split()})


def _microdata_blogs(tree: LexborHTMLParser) -> list[_Candidate]:
    """Return every microdata LiveBlogPosting item of the page, with its updates."""
    scopes = [node for node in tree.css(_MICRODATA_BLOGS) if _declares_microdata(node)]
    if not scopes:
        return []
    items = Items(tree)
    candidates = []
    for node in scopes:
        item = items.item(node)
        candidates.append((item, _updates(item, {})))
    return candidates


def _choose(candidates: list[_Candidate]) -> _Candidate:
    """Pick the candidate blog with the most updates (the first on a tie)."""
    best = candidates[0]
    for candidate in candidates[1:]:
        if len(candidate[1]) > len(best[1]):
            best = candidate
    return best


def _page_title(tree: LexborHTMLParser) -> str:
    """Return the page's ``og:title``, else its ``<title>``, else ""."""
    meta = tree.css_first(_OG_TITLE)
    if meta is not None:
        title = clean_inline(meta.attributes.get("content") or "")
        if title:
            return title
    title_node = tree.css_first("title")
    return htmlwalk.inline_text(title_node) if title_node is not None else ""


# --- building the snapshot----------------------------------------------------------------


class _Draft:
    """One update as read from the page, before its id is settled."""

    __slots__ = ("authors", "body", "explicit", "key", "own_time", "title", "updated", "url")

    def __init__(self, update: dict[str, Any], page: str, blog: str) -> None:
        get = fields.values
        title = fields.text(get(update, "headline")) or fields.text(get(update, "name"))
        self.title = title or None
        self.own_time = fields.first_time(
            get(update, "datePublished") + get(update, "dateCreated") + get(update, "dateModified")
        )
        self.updated = fields.first_time(get(update, "dateModified"))
        body = fields.body_blocks(get(update, "articleBody") + get(update, "text"), page)
        body += [Block("image", image=image) for image in fields.images(get(update, "image"), page)]
        self.body = tuple(body)
        self.authors = fields.names(get(update, "author"))
        ids = get(update, "@id") + get(update, "url")
        link = fields.link(ids, page)
        anchor = fields.text(get(update, "@anchor"))
        self.url = link or (f"{blog}#{anchor}" if anchor else blog)
        # A url that is just the page (no fragment) names the blog, not this update.
        names_page = link is not None and "#" not in link and urldefrag(link).url in (page, blog)
        self.explicit = (fields.given(ids) or None) if not names_page else None
        text = "\n".join(b.as_text() or (b.image.url or "" if b.image else "") for b in self.body)
        self.key = derive_id(self.own_time, self.title, text)

    @property
    def empty(self) -> bool:
        """Tell whether the update carries nothing at all (no time, title or body)."""
        return self.own_time is None and self.title is None and not self.body

    def fingerprint(self) -> tuple[Any, ...]:
        """Return what a reader sees, to tell a repeated update from a distinct one."""
        return (self.key, self.body, self.authors)


def _assign_ids(drafts: list[_Draft]) -> list[tuple[str, _Draft]]:
    """Settle every update's id in page order, dropping updates rendered twice.

    An explicit id names one update: a later update with the same id and the
    same time and headline is that update again (the first rendering wins).
    An explicit id shared by updates that differ is no id at all (some sites
    give every update the same url): those get derived ids. Derived ids of
    distinct updates that collide get ``-2``, ``-3``... in order of appearance;
    an identical copy is dropped.
    """
    keys_by_explicit: dict[str, set[str]] = {}
    for draft in drafts:
        if draft.explicit is not None:
            keys_by_explicit.setdefault(draft.explicit, set()).add(draft.key)
    taken: set[str] = set()
    prints: dict[str, set[tuple[Any, ...]]] = {}
    counts: dict[str, int] = {}
    settled: list[tuple[str, _Draft]] = []
    for draft in drafts:
        explicit = draft.explicit
        if explicit is not None and len(keys_by_explicit[explicit]) == 1:
            if explicit in taken:
                continue  # the same update rendered twice
            base = explicit
        else:
            base = draft.key
            fingerprint = draft.fingerprint()
            if fingerprint in prints.setdefault(base, set()):
                continue  # an identical copy
            prints[base].add(fingerprint)
        counts[base] = counts.get(base, 0) + 1
        entry_id = base if counts[base] == 1 else f"{base}-{counts[base]}"
        while entry_id in taken:  # a page's own id shaped like a suffixed one
            counts[base] += 1
            entry_id = f"{base}-{counts[base]}"
        taken.add(entry_id)
        settled.append((entry_id, draft))
    return settled


def _live(values: list[Any], now: datetime) -> bool | None:
    """Return True while ``coverageEndTime`` is absent or ahead, None if it is unreadable."""
    present = [value for value in values if clean_inline(fields.raw(value))]
    if not present:
        return True
    end = fields.first_time(present)
    return None if end is None else end > now


def _publisher(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> str:
    """The name of the blog's publisher (a reference to it resolved through *index*)."""
    for value in fields.values(node, "publisher") + fields.values(node, "sourceOrganization"):
        if isinstance(value, dict) and isinstance(value.get("@id"), str) and "name" not in value:
            value = index.get(value["@id"], value)
        name = fields.text(fields.values(value, "name")) if isinstance(value, dict) else ""
        if name:
            return name
    return ""


def _build(
    candidate: _Candidate,
    url: str,
    now: datetime,
    page: _Page | None = None,
    index: dict[str, dict[str, Any]] | None = None,
) -> Snapshot:
    """Turn a LiveBlogPosting (JSON-LD or microdata shape) and its updates into a snapshot."""
    node, updates = candidate
    get = fields.values
    page_title = page.title if page is not None else ""
    base = url.strip()
    blog = urls.blog_url(base)
    title = fields.text(get(node, "headline")) or fields.text(get(node, "name")) or page_title
    blog_images = fields.images(get(node, "image"), base)
    main_image = blog_images[0] if blog_images else None
    publisher = _publisher(node, index or {})
    site = meta.site_name(page.tree, publisher) if page is not None else publisher
    blog_time = fields.first_time(
        get(node, "dateModified") + get(node, "datePublished") + get(node, "coverageStartTime")
    )
    # An update with no time, title or body at all is an empty shell: nothing to show.
    drafts = [d for d in (_Draft(update, base, blog) for update in updates) if not d.empty]
    entries: list[Entry] = []
    for entry_id, draft in _assign_ids(drafts):
        published = draft.own_time
        if published is None:
            _log.info("update %s has no date: using the blog's (%s)", entry_id, blog_time)
            published = blog_time or _EPOCH
        entries.append(
            Entry(
                id=entry_id,
                published=published,
                updated=draft.updated,
                title=draft.title,
                body=draft.body,
                url=draft.url,
                authors=draft.authors,
            )
        )
    # The blog's own pictures repeated on updates are placeholders, not their photos.
    page_images = [main_image.url] if main_image is not None and main_image.url else []
    tree = None
    profile = rendered.DEFAULT
    if page is not None:
        page_images += meta.page_image_urls(page.tree)
        tree = page.tree if page.enrich else None
        profile = page.profile
    found = rendered.enrich(tree, entries, base=base, profile=profile, page_images=page_images)
    return Snapshot(
        url=blog,
        title=title,
        standfirst=fields.text(get(node, "description")),
        source=SchemaOrgSource.name,
        live=_live(get(node, "coverageEndTime"), now),
        main_image=main_image,
        pages=None,
        entries=sort_newest_first(found.entries),
        feed_ids=tuple(entry.id for entry in entries),
        kind="page",
        site_name=site,
        partial_ids=found.partial,
        # What the structured data holds is the page's window, never the whole blog.
        window=len(entries) or None,
    )


# --- public API --------------------------------------------------------------------------


def detect_html(tree: LexborHTMLParser) -> bool:
    """Tell whether the page declares a schema.org LiveBlogPosting (JSON-LD or microdata).

    Args:
        tree: The parsed page.

    """
    if _ld_scripts(tree):
        return True
    return any(_declares_microdata(node) for node in tree.css(_MICRODATA_BLOGS))


def is_data(data: object) -> bool:
    """Tell whether *data* (a decoded JSON document) holds a LiveBlogPosting.

    Args:
        data: What ``json.loads`` returned for the content.

    """
    return bool(_scan(data)[0])


def parse_data(data: object, url: str, *, now: datetime | None = None) -> Snapshot:
    """Read a bare JSON-LD document (already decoded) that holds a LiveBlogPosting.

    Args:
        data: The decoded JSON-LD.
        url: Where it came from: it names the blog and resolves relative links.
        now: The current time, for ``live`` (default: :func:`liveread.model.utc_now`).

    Returns:
        The blog (``source`` "schemaorg").

    Raises:
        NotALiveBlog: The document holds no LiveBlogPosting.
        LayoutChanged: It holds one that cannot be read.

    """
    return _parse_data(data, url, now or utc_now())


def parse_html(
    tree: LexborHTMLParser,
    url: str,
    *,
    now: datetime | None = None,
    profile: rendered.Profile | None = None,
    enrich: bool = True,
) -> Snapshot:
    """Read the LiveBlogPosting of a parsed page: JSON-LD if usable, else microdata.

    JSON-LD wins when it has updates. Microdata is used when the JSON-LD does
    not parse, holds no LiveBlogPosting, or holds one without updates while the
    microdata has some. The page's rendered entries then enrich the updates.

    Args:
        tree: The parsed page (it is not parsed again).
        url: The page's URL: it names the blog and resolves relative links.
        now: The current time, for ``live`` (default: :func:`liveread.model.utc_now`).
        profile: How the publisher marks up its rendered entries (default:
            :data:`liveread.sources.rendered.DEFAULT`, for any publisher).
        enrich: False leaves the updates as the structured data gives them
            (a source that reads the rendered entries itself).

    Returns:
        The blog (``source`` "schemaorg"); a page that declares a
        LiveBlogPosting without updates gives a blog with no entries.

    Raises:
        NotALiveBlog: The page declares no LiveBlogPosting at all.
        LayoutChanged: It declares one, but none can be read.

    """
    return read_html(tree, url, now=now, profile=profile, enrich=enrich)[0]


def read_html(
    tree: LexborHTMLParser,
    url: str,
    *,
    now: datetime | None = None,
    profile: rendered.Profile | None = None,
    enrich: bool = True,
) -> tuple[Snapshot, Form]:
    """:func:`parse_html`, and the form of structured data it read the blog from."""
    page = _Page(tree, profile or rendered.DEFAULT, enrich=enrich)
    snapshot, form = _parse_html(page, url, now or utc_now())
    _log.debug("%s: read from its %s", urls.host(url), form)
    return snapshot, form


def _parse_data(data: object, url: str, now: datetime) -> Snapshot:
    """Do the work of :func:`parse_data`."""
    blogs, index = _scan(data)
    if not blogs:
        raise NotALiveBlog("this JSON-LD holds no schema.org LiveBlogPosting")
    candidate = _choose([(blog, _updates(blog, index)) for blog in blogs])
    return _build(candidate, url, now, index=index)


def _parse_html(page: _Page, url: str, now: datetime) -> tuple[Snapshot, Form]:
    """Do the work of :func:`parse_html`."""
    errors: list[str] = []
    found: list[_Candidate] = []
    indexes: dict[int, dict[str, dict[str, Any]]] = {}
    for script in _ld_scripts(page.tree):
        try:
            document = loads(script)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        blogs, index = _scan(document)
        for blog in blogs:
            indexes[id(blog)] = index
            found.append((blog, _updates(blog, index)))
    best = _choose(found) if found else None
    if best is None or not best[1]:
        micro = _microdata_blogs(page.tree)
        if micro and (best is None or _choose(micro)[1]):
            return _build(_choose(micro), url, now, page), "microdata"
    if best is not None:
        return _build(best, url, now, page, indexes.get(id(best[0]))), "jsonld"
    if errors:
        raise LayoutChanged(
            "this page declares a schema.org LiveBlogPosting, but its JSON-LD does not parse "
            f"({errors[0]}) and it has no LiveBlogPosting microdata"
        )
    raise NotALiveBlog(
        "this page mentions LiveBlogPosting but declares no schema.org LiveBlogPosting "
        "in its JSON-LD or microdata"
    )
