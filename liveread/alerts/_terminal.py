"""What an alert writes to the terminal: the bell, and a desktop notification by escape sequence.

Terminals such as kitty, iTerm2, WezTerm, foot and Windows Terminal turn
``OSC 9`` (``ESC ] 9 ; message BEL``) and ``OSC 777`` (``ESC ] 777 ; notify ;
title ; body BEL``) into system notifications. The text inside comes from a
page, so it is made inert first (:func:`osc_text`): only printable characters
survive, which removes every C0 control (``ESC`` and ``BEL`` among them: they
would end the sequence or start another), ``DEL``, every C1 control (``0x9C``
is the 8-bit string terminator, ``0x9B`` the 8-bit CSI), bidi controls and the
other format characters; ``;`` becomes ``,`` because it separates the fields
of OSC 777 (and, in OSC 9, ConEmu-style terminals read ``9;4;…`` as a command).
Whitespace becomes single spaces, and the text is shortened. What is left
cannot end the sequence, whatever the page held.
"""

from __future__ import annotations

__all__ = ["BELL", "OSC_BODY_MAX", "OSC_TITLE_MAX", "osc_notification", "osc_text"]

#: The terminal bell.
BELL = "\a"
#: Longest title and body put in a notification (characters, after cleaning).
OSC_TITLE_MAX = 100
OSC_BODY_MAX = 200


def osc_text(text: str, limit: int) -> str:
    """*text* as it may stand inside an OSC string: printable, no ``;``, at most *limit* long."""
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif ch == ";":
            kept.append(",")
        elif ch.isprintable():
            # isprintable() is False for every Cc (C0, DEL, C1), Cf (bidi controls,
            # zero-width characters), Cs, Co and Zl/Zp character.
            kept.append(ch)
    clean = " ".join("".join(kept).split())
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return clean


def osc_notification(title: str, body: str) -> str:
    """The OSC 9 and OSC 777 sequences that show a desktop notification of *title* and *body*.

    Both are written, so that a terminal that knows either shows it (a terminal
    that knows neither ignores both). Page text in *title* or *body* cannot
    escape them (see the module's docstring).
    """
    head = osc_text(title, OSC_TITLE_MAX)
    text = osc_text(body, OSC_BODY_MAX)
    message = f"{head}: {text}" if head and text else head or text
    return f"\x1b]9;{message}\x07\x1b]777;notify;{head};{text}\x07"
