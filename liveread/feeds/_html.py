"""An entry's body as HTML for a feed reader, built from its blocks.

Only a fixed set of harmless tags is written (``p``, ``br``, ``h3``, ``ul``,
``li``, ``blockquote``, ``figure``, ``img``, ``figcaption``, ``small``,
``a``); every piece of text is escaped, so nothing from a page can become a
tag, an attribute or a script; links and image sources are absolute http(s)
URLs (:func:`~liveread.feeds._text.public_link`) or are left out, the text
kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from liveread.feeds._text import attr, escape, one_line, plain, public_link
from liveread.model import Block, Image

__all__ = ["body_html", "image_html"]


def _lines(text: str) -> str:
    """Escaped text whose line breaks are kept as ``<br>``."""
    return escape(plain(text)).replace("\n", "<br>")


def image_html(image: Image) -> str:
    """A photo as a ``<figure>``: the image (when its URL is usable), its caption and credit."""
    src = public_link(image.url)
    caption, credit = one_line(image.caption), one_line(image.credit)
    parts = []
    if src:
        parts.append(f'<img src="{attr(src)}" alt="{attr(caption)}">')
    words = [escape(caption)] if caption else []
    if credit:
        words.append(f"<small>{escape(credit)}</small>")
    if words:
        parts.append(f"<figcaption>{' '.join(words)}</figcaption>")
    return f"<figure>{''.join(parts)}</figure>" if parts else ""


def _embed_html(block: Block) -> str:
    """An embed: a line naming it (a link when its URL is usable) and its text quoted."""
    link = public_link(block.url)
    head = f"[{block.embed_label}]"
    # As in the entry's plain text: its title, else its URL when there is nothing else to show.
    name = one_line(block.title) or ("" if block.text else link or "")
    if name:
        head += " " + name
    head_html = f'<a href="{attr(link)}">{escape(head)}</a>' if link else escape(head)
    out = f"<p>{head_html}</p>"
    if block.text:
        out += f"<blockquote><p>{_lines(block.text)}</p></blockquote>"
    return out


def _block_html(block: Block) -> str:
    """One block other than a list item."""
    if block.kind == "heading":
        return f"<h3>{_lines(block.text)}</h3>"
    if block.kind == "quote":
        return f"<blockquote><p>{_lines(block.text)}</p></blockquote>"
    if block.kind == "image":
        return image_html(block.image) if block.image is not None else ""
    if block.kind == "embed":
        return _embed_html(block)
    return f"<p>{_lines(block.text)}</p>" if block.text else ""


def body_html(body: Iterable[Block]) -> str:
    """Return an entry's blocks as HTML; consecutive list items make one ``<ul>``."""
    out: list[str] = []
    in_list = False
    for block in body:
        if block.kind == "list_item":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_lines(block.text)}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        out.append(_block_html(block))
    if in_list:
        out.append("</ul>")
    return "".join(out)
