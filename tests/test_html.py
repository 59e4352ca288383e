"""HTML fragments to blocks: text, never tags or entities; structure kept."""

from __future__ import annotations

from liveread.adapters.html import blocks_from_html, html_to_text


def kinds_and_text(html: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks_from_html(html)]


def test_paragraphs_lists_quotes_headings() -> None:
    html = (
        "<p>One &amp; <b>two</b>,<br>three</p>"
        "<ul><li><p>first</p><ul><li>nested</li></ul></li><li>second &ldquo;q&rdquo;</li></ul>"
        "<blockquote><p>said</p><p>more</p></blockquote><h2>Heading</h2>"
    )
    assert kinds_and_text(html) == [
        ("paragraph", "One & two,\nthree"),
        ("list_item", "first"),
        ("list_item", "nested"),
        ("list_item", "second “q”"),
        ("quote", "said\nmore"),
        ("heading", "Heading"),
    ]


def test_loose_text_and_entities_become_paragraphs() -> None:
    assert kinds_and_text("Plain &#39;quoted&#39; text") == [("paragraph", "Plain 'quoted' text")]
    assert kinds_and_text("line one\n\nline two") == [
        ("paragraph", "line one"),
        ("paragraph", "line two"),
    ]


def test_scripts_styles_and_comments_dropped() -> None:
    html = "<style>p{}</style><p>kept<script>evil()</script></p><!-- gone --><noscript>x</noscript>"
    assert kinds_and_text(html) == [("paragraph", "kept")]


def test_figure_becomes_image_block() -> None:
    (block,) = blocks_from_html(
        '<figure><img src="https://i/x.jpg" alt="alt">'
        "<figcaption>A <i>cap</i></figcaption></figure>"
    )
    assert block.kind == "image" and block.image is not None
    assert block.image.caption == "A cap" and block.image.url == "https://i/x.jpg"


def test_hostile_text_is_sanitized_and_literal() -> None:
    html = "<p>\x1b]0;title\x07[@click=app.quit]x[/] \u202eevil</p>"
    (block,) = blocks_from_html(html)
    assert "\x1b" not in block.text and "\x07" not in block.text and "\u202e" not in block.text
    assert "[@click=app.quit]x[/]" in block.text


def test_html_to_text_is_one_line() -> None:
    assert html_to_text("<p>The <b>standfirst</b></p>\n<p>goes on</p>") == "The standfirst goes on"
