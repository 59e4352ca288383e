"""HTML fragments to blocks: text, never tags or entities; structure kept."""

from __future__ import annotations

from html import escape

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborNode

from liveread.model import Block
from liveread.sanitize import _TABLE, clean, clean_inline
from liveread.sources._html import blocks_from_html, blocks_from_node, html_to_text, parse_fragment


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


# --- fast paths give what the general walk gives ------------------------------------------
#
# Text alone in its element is read directly, and printable text skips the
# sanitizer's work; these check the shortcuts against the general walk (the
# same text behind an empty <b>, which forces it) and against the definitions.

# Text as it may come from a page: controls, bidi, line and other separators,
# NBSP, runs of spaces, newlines and carriage returns.
PAGE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list(" \t\n\r\x0b\x0c\x1b\x7f\x85\x9b\xa0\u2028\u2029\u202e\u2066\u3000\ufeff")
        ),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=40,
)


def texts(markup: str) -> list[tuple[str, str]]:
    return [(b.kind, b.as_text()) for b in blocks_from_html(markup)]


@given(st.text())
def test_clean_fast_path_matches_its_definition(text: str) -> None:
    assert clean(text) == text.translate(_TABLE)
    assert clean_inline(text) == " ".join(text.translate(_TABLE).split())


@given(PAGE_TEXT)
def test_clean_fast_path_on_page_like_text(text: str) -> None:
    assert clean(text) == text.translate(_TABLE)
    assert clean_inline(text) == " ".join(text.translate(_TABLE).split())


@given(PAGE_TEXT)
def test_text_alone_in_its_element_reads_as_the_general_walk_does(text: str) -> None:
    t = escape(text)
    assert texts(f"<p>{t}</p>") == texts(f"<p><b></b>{t}</p>")
    assert texts(f"<h2>{t}</h2>") == texts(f"<h2><b></b>{t}</h2>")
    assert texts(f"<ul><li>{t}</li></ul>") == texts(f"<ul><li><b></b>{t}</li></ul>")
    assert texts(f"<p>x<a>{t}</a>y</p>") == texts(f"<p>x<a><b></b>{t}</a>y</p>")
    assert texts(f"x<a>{t}</a>y") == texts(f"x<a><b></b>{t}</a>y")
    assert html_to_text(f"<span>{t}</span>") == html_to_text(f"<span><b></b>{t}</span>")


def test_shortcut_keeps_line_breaks_drops_and_spacing() -> None:
    # A line separator is a line break in a paragraph, a space on one line.
    assert texts("<p>a\u2028b</p><h2>c\u2029d</h2>") == [("paragraph", "a\nb"), ("heading", "c d")]
    # Source newlines are spaces; <br> breaks the line; dropped elements stay dropped.
    assert texts("<p>\n a \n b </p><p>a<br>b<script>x</script></p>") == [
        ("paragraph", "a b"),
        ("paragraph", "a\nb"),
    ]
    assert texts("<ul><li>  a\u00a0 b </li><li>a<br>b</li><li><svg>x</svg></li></ul>") == [
        ("list_item", "• a b"),
        ("list_item", "• a b"),
    ]
    assert texts("<p></p><p> </p><p>\x1b\u202e</p>") == []
    assert html_to_text("<b>one</b><i>two</i> <a>three</a>") == "onetwo three"


def test_override_tags_limit_the_calls_not_the_result() -> None:
    markup = "<div><p>a</p><aside>b</aside></div><section>c</section><figure>d</figure>"
    calls: list[str] = []

    def override(node: LexborNode) -> list[Block] | None:
        calls.append(node.tag or "")
        return [Block("paragraph", text="aside")] if node.tag == "aside" else None

    every = blocks_from_node(parse_fragment(markup), override)
    assert calls == ["div", "p", "aside", "section", "figure"]
    calls.clear()
    limited = blocks_from_node(parse_fragment(markup), override, override_tags=frozenset({"aside"}))
    assert calls == ["aside"] and limited == every


@given(st.lists(st.tuples(st.sampled_from(["", " ", "\n", " \t\n"]), PAGE_TEXT), max_size=4))
def test_plain_paragraphs_read_without_a_parse_as_with_one(parts: list[tuple[str, str]]) -> None:
    # Raw text (not escaped): with "<", "&", CR or NUL in it the fragment is parsed.
    markup = "".join(f"{space}<p>{text}</p>" for space, text in parts).lstrip()
    assert blocks_from_html(markup) == blocks_from_node(parse_fragment(markup))
