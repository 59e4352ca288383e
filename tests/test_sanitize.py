"""The one sanitizer: control, C1, bidi and surrogate characters out; everything else kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from liveread.sanitize import clean, clean_inline

FORBIDDEN = (
    {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)}
    | {"\x7f"}
    | {chr(c) for c in range(0x80, 0xA0)}
    | {chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


def test_escape_sequences_lose_their_escape_characters() -> None:
    hostile = (
        "\x1b]0;pwned\x07 \x1b]52;c;aGk=\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
        "\x1b[2J \x9b2J"
    )
    out = clean(hostile)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    # The printable remains are harmless text and stay visible.
    assert "]0;pwned" in out and "[2J" in out


def test_bidi_controls_removed_but_text_kept() -> None:
    assert clean("abc\u202edcba\u2066x\u2069") == "abcdcbax"
    assert clean("a\u200eb\u200fc\u061cd") == "abcd"  # the marks: LRM, RLM, ALM


def test_markup_like_text_is_kept_literally() -> None:
    text = "[bold]x[/] [/ [@click=app.quit]quit[/]"
    assert clean(text) == text
    assert clean_inline(text) == text


def test_newlines_and_tabs_kept_crlf_normalised() -> None:
    assert clean("a\r\nb\tc\rd") == "a\nb\tcd"
    assert clean("a\u2028b") == "a\nb"


def test_clean_inline_collapses_whitespace() -> None:
    assert clean_inline("  Photograph:\u00a0Jane\n Doe/Agency  ") == "Photograph: Jane Doe/Agency"
    assert clean_inline("  \x1b ") == ""


@given(st.text())
def test_clean_never_leaves_a_forbidden_character(text: str) -> None:
    out = clean(text)
    assert not (set(out) & FORBIDDEN)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in out)
    out.encode("utf-8")  # always printable to a UTF-8 terminal


@given(st.text())
def test_clean_is_idempotent_and_only_removes(text: str) -> None:
    out = clean(text)
    assert clean(out) == out
    # Every kept character was in the input (or is a newline from a line separator).
    assert set(out) <= set(text) | {"\n"}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_ordinary_text_passes_unchanged(text: str) -> None:
    assert clean(text) == text


@given(st.text())
def test_clean_inline_is_one_line(text: str) -> None:
    out = clean_inline(text)
    assert "\n" not in out and "\t" not in out
    assert out == out.strip()
    assert all(unicodedata.category(ch) != "Cc" for ch in out)
