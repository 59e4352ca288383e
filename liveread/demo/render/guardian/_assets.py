"""Static bits of the Guardian-style page: icons and the CSS behind the generated classes.

None of this carries content; it is here so the demo page looks and weighs
like a real one (parsers must skip ``svg`` and ``style``).
"""

from __future__ import annotations

__all__ = ["CAMERA", "FACEBOOK", "PIN", "QUOTE", "TWITTER", "css_rule"]

CAMERA = (
    '<svg width="18" height="13" viewBox="0 0 18 13"><path d="M18 3.5v8l-1.5 1.5h-15L0 11.5v-8'
    "l1.5-1.5h3.5l2-2h4l2 2h3.5L18 3.5zM9 10.5c1.93 0 3.5-1.57 3.5-3.5S10.93 3.5 9 3.5 5.5 5.07"
    ' 5.5 7s1.57 3.5 3.5 3.5z"></path></svg>'
)
PIN = (
    '<svg viewBox="0 0 30 30" width="30" height="30">'
    '<path d="M17 6l-1 9 3 3v1h-9v-1l3-3-1-9h5z"></path></svg>'
)
FACEBOOK = (
    '<svg width="32" height="32" viewBox="-2 -2 32 32"><path d="M17.9 14h-3v8H12v-8h-2v-2.9h2V8.7'
    'C12 6.8 13.1 5 16 5c1.2 0 2 .1 2 .1v3h-1.8c-1 0-1.2.5-1.2 1.3v1.8h3l-.1 2.8z"></path></svg>'
)
TWITTER = (
    '<svg width="32" height="32" viewBox="-2 -2 32 32"><path d="M21.3 10.5v.5c0 4.7-3.5 10.1-9.9'
    " 10.1-2 0-3.8-.6-5.3-1.6h.8c1.6 0 3.1-.6 4.3-1.5-1.5 0-2.8-1-3.3-2.4l.7.1.9-.1c-1.6-.3-2.8"
    '-1.8-2.8-3.5z"></path></svg>'
)
QUOTE = (
    '<svg width="70" height="49" viewBox="0 0 35 25">'
    '<path d="M69.587.9c-1.842 4.976-3.025 10.78-3.553 17.411z"></path></svg>'
)

_SANS = "font-family:GuardianTextSans,Helvetica Neue,sans-serif;"
_CSS = {
    "block": (
        "padding:8px 10px;box-sizing:border-box;margin-bottom:12px;"
        "background:var(--live-block-container-background);"
        "border-top:1px solid var(--live-block-border-top);"
    ),
    "header": "padding-right:12px;display:flex;flex-direction:column;",
    "permalink": _SANS + "font-size:0.75rem;font-weight:700;display:flex;text-decoration:none;",
    "time": "color:#707070;font-weight:bold;margin-right:8px;",
    "title": "font-family:GH Guardian Headline,Georgia,serif;font-size:1.25rem;font-weight:700;",
    "text": "font-family:GuardianTextEgyptian,Georgia,serif;font-size:1.0625rem;line-height:1.4;",
    "figure": "margin-top:12px;margin-bottom:12px;position:relative;",
    "caption": _SANS + "font-size:0.875rem;line-height:135%;padding-top:6px;color:#707070;",
    "footer": "display:flex;justify-content:space-between;",
    "ad": "position:relative;min-height:274px;background-color:#f6f6f6;",
    "carousel": "scroll-snap-type:x mandatory;overflow-x:auto;overflow-y:hidden;",
    "pinned": "border:3px solid var(--pinned-post-border);padding-bottom:4px;position:relative;",
}


def css_rule(component: str) -> str:
    """Return the CSS declarations for a component's generated class."""
    return _CSS.get(component, "display:block;")
