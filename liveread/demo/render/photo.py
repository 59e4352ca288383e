"""The demo's own photo: one fixed picture, drawn here, served for every photo of the story.

The demo's entries carry photos (``/media/...`` on the demo server); their
pictures are never a publisher's. :func:`demo_photo` draws one small fixed
scene in code (a sky going from dusk to evening over a grey sea, a harbour
wall, a lighthouse and its beam, the ferry tied up under it) and encodes it
as a PNG with the standard library alone (:mod:`zlib`, :mod:`struct`), so the
demo needs no image library; :func:`photo_reply` is the demo server's answer
to any ``/media/`` path. The same bytes every time: snapshots of the photo
view stay fixed.
"""

from __future__ import annotations

import functools
import struct
import zlib

from liveread.demo.http import Reply

__all__ = ["HEIGHT", "MEDIA_PREFIX", "WIDTH", "demo_photo", "photo_reply"]

#: Where the demo's photos are served from.
MEDIA_PREFIX = "/media/"
#: The photo's size in pixels.
WIDTH, HEIGHT = 160, 96

_Pixel = tuple[int, int, int]


def _mix(a: _Pixel, b: _Pixel, t: float) -> _Pixel:
    """The colour *t* of the way from *a* to *b*."""
    t = min(max(t, 0.0), 1.0)
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _pixel(x: int, y: int) -> _Pixel:
    """The scene at (*x*, *y*): sky, beam, lighthouse, ferry, harbour wall, sea."""
    horizon = 60
    # The lighthouse: a white tower with a red band, on the wall at the right.
    if 118 <= x <= 126 and 22 <= y < 52:
        return (200, 40, 40) if 34 <= y < 40 else (236, 232, 220)
    if 116 <= x <= 128 and 18 <= y < 22:
        return (250, 220, 120)  # the lamp
    # Its beam, a wedge of light to the left of the lamp.
    if x < 116 and y < horizon and abs((y - 20) - (116 - x) * 0.18) < 1 + (116 - x) * 0.06:
        return _mix((250, 226, 150), _sky(y), (116 - x) / 140)
    # The ferry: a dark hull and a white deckhouse with portholes, tied up at the wall.
    if 40 <= x < 100 and 52 <= y < 60:
        return (38, 44, 58)
    if 52 <= x < 86 and 45 <= y < 52:
        window = y == 48 and x % 5 == 0
        return (250, 210, 110) if window else (226, 228, 232)
    if 66 <= x < 70 and 38 <= y < 45:
        return (180, 60, 50)  # the funnel
    # The harbour wall.
    if x >= 104 and 52 <= y < 64:
        return (98, 96, 92) if (x + y) % 7 else (84, 82, 78)
    if y < horizon:
        return _sky(y)
    # The sea, darker with depth, a lighter crest every few rows.
    sea = _mix((70, 96, 120), (24, 36, 52), (y - horizon) / (HEIGHT - horizon))
    return _mix(sea, (150, 170, 190), 0.35) if (x + 3 * y) % 23 == 0 else sea


def _sky(y: int) -> _Pixel:
    """The sky at row *y*: evening blue above, dusk orange at the horizon."""
    return _mix((34, 46, 92), (236, 150, 96), y / 60)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.lru_cache(maxsize=1)
def demo_photo() -> bytes:
    """The demo's photo as PNG bytes (the same every time)."""
    rows = b"".join(
        b"\x00" + bytes(channel for x in range(WIDTH) for channel in _pixel(x, y))
        for y in range(HEIGHT)
    )
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def photo_reply() -> Reply:
    """The demo server's answer to a photo's URL: the demo's photo, cacheable."""
    return Reply(body=demo_photo(), content_type="image/png", max_age=3600)
