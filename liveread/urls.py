"""URL rules in one place: what a blog's URL is, what may be fetched, what may be opened.

A blog is known by its page URL with query and fragment removed
(:func:`blog_url`); a site's other shapes of a blog's URL (an older page, a
data model) are mapped to its page by the sources
(:func:`liveread.sources.blog_key` is the one way from a user's URL to a key).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from liveread.errors import LivereadError

__all__ = [
    "BadURL",
    "blog_url",
    "host",
    "host_port",
    "is_loopback",
    "is_safe_link",
    "join",
    "site",
    "user_url",
]

_MAX_LINK = 2048
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class BadURL(LivereadError):
    """A URL given by the user that liveread cannot follow."""

    exit_status = 2


def user_url(text: str) -> str:
    """Turn what a user typed into an absolute http(s) URL, or raise :class:`BadURL`.

    A URL without a scheme means https (``theguardian.com/...``).
    """
    raw = text.strip()
    if not raw:
        raise BadURL("no URL given: pass the address of a live-blog page")
    if _UNSAFE_CHARS.search(raw):
        raise BadURL(f"not a usable URL (it contains spaces or control characters): {raw!r}")
    if "://" not in raw:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", raw) and not re.match(r"^[^:/]+:\d", raw):
            scheme = raw.split(":", 1)[0]
            raise BadURL(
                f"unsupported URL scheme {scheme!r}: liveread follows http and https pages"
            )
        raw = "https://" + raw
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https"):
        raise BadURL(
            f"unsupported URL scheme {parts.scheme!r}: liveread follows http and https pages"
        )
    if not parts.hostname:
        raise BadURL(f"not a usable URL (no host name): {text.strip()!r}")
    try:
        _ = parts.port
    except ValueError:
        raise BadURL(f"not a usable URL (bad port): {text.strip()!r}") from None
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def blog_url(url: str) -> str:
    """The key a blog's page URL is known by: scheme and host lowercased, no query, no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", "", ""))


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
