"""URL rules in one place: what a blog's URL is, what may be fetched, what may be opened.

A blog is known by its page URL with query and fragment removed
(:func:`blog_url`); a site's other shapes of a blog's URL (an older page, a
data model) are mapped to its page by the sources
(:func:`liveread.sources.blog_key` is the one way from a user's URL to a key).

Credentials in a URL (``https://alice:S3cret@host/live``) are the user's
secret, as a browser treats them: :func:`user_url` keeps them, as typed, for
this process's requests to that origin (:func:`credentials`, which the
fetcher asks) and returns the URL without them, so no key, cache row, output
line or export ever holds them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from liveread.errors import LivereadError

__all__ = [
    "BadURL",
    "blog_url",
    "continues_on_site",
    "credentials",
    "host",
    "host_port",
    "is_loopback",
    "is_safe_link",
    "join",
    "origin",
    "site",
    "strip_credentials",
    "user_url",
]

_MAX_LINK = 2048
# Whitespace, C0, DEL, C1, line separators and every bidi control.
_UNSAFE_CHARS = re.compile(
    r"[\x00-\x20\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# The user-info part of a URL as typed ("//alice:secret@"), for messages that echo it.
_USER_INFO = re.compile(r"(?<=//)[^/?#@\s]*@")
#: User name and password per origin, as the user typed them, for this process only.
_CREDENTIALS: dict[str, tuple[str, str]] = {}


class BadURL(LivereadError):
    """A URL given by the user that liveread cannot follow."""

    exit_status = 2


def _shown(text: str) -> str:
    """*text* as an error message may echo it: one line, without user info."""
    return repr(_USER_INFO.sub("", text.strip())[:300])


def user_url(text: str) -> str:
    """Turn what a user typed into an absolute http(s) URL, or raise :class:`BadURL`.

    A URL without a scheme means https (``theguardian.com/...``). Scheme and
    host are lowercased; user info (``alice:S3cret@``) is kept as typed for
    this process's requests (see :func:`credentials`) and left out of the URL
    returned.
    """
    raw = text.strip()
    if not raw:
        raise BadURL("no URL given: pass the address of a live-blog page")
    if _UNSAFE_CHARS.search(raw):
        raise BadURL(f"not a usable URL (it contains spaces or control characters): {_shown(raw)}")
    if "://" not in raw:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", raw) and not re.match(r"^[^:/]+:\d", raw):
            scheme = raw.split(":", 1)[0]
            raise BadURL(
                f"unsupported URL scheme {scheme!r}: liveread follows http and https pages"
            )
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        hostname, port = parts.hostname, parts.port
    except ValueError as exc:  # "http://[::1": an unclosed IPv6 address; a port past 65535
        raise BadURL(f"not a usable URL ({exc}): {_shown(raw)}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadURL(
            f"unsupported URL scheme {parts.scheme!r}: liveread follows http and https pages"
        )
    if not hostname:
        raise BadURL(f"not a usable URL (no host name): {_shown(raw)}")
    url = urlunsplit(
        (parts.scheme.lower(), _netloc(hostname, port), parts.path or "/", parts.query, "")
    )
    if parts.username is not None:
        _CREDENTIALS[origin(url)] = (unquote(parts.username), unquote(parts.password or ""))
    return url


def _netloc(hostname: str, port: int | None) -> str:
    """``host[:port]`` (an IPv6 address in brackets), without user info."""
    name = f"[{hostname}]" if ":" in hostname else hostname
    return f"{name}:{port}" if port is not None else name


def origin(url: str) -> str:
    """``scheme://host:port`` of *url* (the default port written out); "" if it has none."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or {"https": 443, "http": 80}.get(scheme)
        return f"{scheme}://{_netloc(parts.hostname or '', port)}" if parts.hostname else ""
    except ValueError:
        return ""


def credentials(url: str) -> tuple[str, str] | None:
    """The user name and password typed for *url*'s origin in this process, or None."""
    return _CREDENTIALS.get(origin(url)) if _CREDENTIALS else None


def strip_credentials(url: str) -> str:
    """*url* without its user info, which is kept for its origin's requests (see :func:`user_url`).

    A URL without user info, or one that does not parse, is returned as it is.
    """
    try:
        parts = urlsplit(url)
        if parts.username is None or not parts.hostname:
            return url
        _CREDENTIALS[origin(url)] = (unquote(parts.username), unquote(parts.password or ""))
        netloc = _netloc(parts.hostname, parts.port)
    except ValueError:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def blog_url(url: str) -> str:
    """The key a blog's page URL is known by: scheme and host lowercased, no query, no fragment.

    Never any user info; a URL that does not parse is kept as it is, whitespace trimmed.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        hostname, port = parts.hostname, parts.port
    except ValueError:
        return text
    netloc = _netloc(hostname, port) if hostname else parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", "", ""))


def join(base: str, link: str) -> str:
    """Resolve *link* (absolute, rooted or a bare ``?query``) against *base*."""
    return urljoin(base, link)


def is_loopback(url: str) -> bool:
    """True when *url* points at this machine (127.0.0.0/8, ::1, localhost).

    Loopback hosts may be polled faster than remote ones (tests, the demo).
    """
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        import ipaddress  # here: only followers ask, and the module is not small

        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_safe_link(url: str | None) -> bool:
    """True when *url* may be handed to a browser.

    http or https with a host, no whitespace or control characters, no
    leading ``-`` (it would read as an option), at most 2048 characters.
    """
    if not url or len(url) > _MAX_LINK or url.startswith("-"):
        return False
    if _UNSAFE_CHARS.search(url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def continues_on_site(link: str | None, blog: str) -> bool:
    """True when *link* may be the blog that continues *blog*: another page of its very host.

    A safe http(s) link (:func:`is_safe_link`) whose host name is *blog*'s and
    whose page is not *blog*'s own: the one rule that keeps a chain of blogs
    on the site it started on, asked where a source names a successor and
    again where one is followed.
    """
    if not is_safe_link(link):
        return False
    assert link is not None
    try:
        there, here = urlsplit(link), urlsplit(blog)
        same_host = (there.hostname or "") == (here.hostname or "") and bool(here.hostname)
    except ValueError:
        return False
    return same_host and blog_url(link) != blog_url(blog)


def host(url: str) -> str:
    """``host`` or ``host:port`` of *url*, without user info; the URL itself if unparsable."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        return f"{host}:{parts.port}" if parts.port else host or url[:100]
    except ValueError:
        return url[:100]


def site(url: str) -> str:
    """The site of *url* as a short label: its host name without ``www.`` (no port)."""
    try:
        name = urlsplit(url).hostname or ""
    except ValueError:
        name = ""
    if not name:
        return url[:100]
    return name[4:] if name.startswith("www.") else name


def host_port(url: str) -> str:
    """``host:port`` always (the port a connection error was about)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        host = parts.hostname or "?"
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    except ValueError:
        return url[:100]
