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

Inside tmux (``$TMUX`` set) tmux keeps OSC 9 and OSC 777 to itself: wrapped
for passthrough (:func:`tmux_passthrough`: ``ESC P tmux; …`` and the string terminator, every
ESC inside doubled) they reach the terminal tmux runs in, when tmux lets them
(``set -g allow-passthrough on``, tmux 3.3 and later).
"""

from __future__ import annotations

__all__ = [
    "BELL",
    "OSC_BODY_MAX",
    "OSC_TITLE_MAX",
    "osc_notification",
    "osc_text",
    "tmux_passthrough",
]

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


def tmux_passthrough(sequence: str) -> str:
    """*sequence* wrapped for tmux to pass on to its own terminal (every ESC inside doubled)."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def osc_notification(title: str, body: str, *, tmux: bool = False) -> str:
    """The OSC 9 and OSC 777 sequences that show a desktop notification of *title* and *body*.

    Both are written, so that a terminal that knows either shows it (a terminal
    that knows neither ignores both); with *tmux*, each is wrapped for tmux's
    passthrough. Page text in *title* or *body* cannot escape them (see the
    module's docstring).
    """
    head = osc_text(title, OSC_TITLE_MAX)
    text = osc_text(body, OSC_BODY_MAX)
    message = f"{head}: {text}" if head and text else head or text
    sequences = (f"\x1b]9;{message}\x07", f"\x1b]777;notify;{head};{text}\x07")
    if tmux:
        return "".join(tmux_passthrough(s) for s in sequences)
    return "".join(sequences)
