"""Photos on demand (the core's ``liveread.photos``): bounded downloads of checked bytes, kept
beside the cache; and ``i`` in the TUI, online, offline and without the images extra.

Against the demo server, which draws and serves its own photo (never a publisher's);
its ``intercept`` hook stands in for servers that send too much, or no image.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from liveread.demo.http import Reply, Request
from liveread.demo.render.photo import demo_photo
from liveread.demo.server import DemoServer
from liveread.photos import MAX_BYTES, PhotoError, PhotoStore, image_type

from .tui.app_support import WIDE, cache_blog, make_app, open_blog, wait_for


def photo_url(server: DemoServer) -> str:
    """The URL of a photo of the demo story's (served by the demo server)."""
    for entry in server.blog.entries_newest_first():
        for block in entry.body:
            if block.kind == "image" and block.image is not None and block.image.url:
                return block.image.url
    raise AssertionError("the demo story has no photo")


def test_the_demo_draws_its_own_photo() -> None:
    data = demo_photo()
    assert image_type(data) == "png" and data == demo_photo()  # fixed: the same every time
    assert image_type(b"<html>not a photo</html>") is None
    assert image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"


def test_a_photo_is_fetched_once_and_kept_beside_the_cache(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    store = PhotoStore.beside(tmp_path / "cache.sqlite3")
    url = photo_url(demo_server)
    assert store.cached(url) is None
    before = demo_server.stats.requests
    path = asyncio.run(store.fetch(url))
    assert path.parent == tmp_path / "photos" and path.read_bytes() == demo_photo()
    assert store.cached(url) == path and url not in path.name  # named by its hash
    asyncio.run(store.fetch(url))  # kept: not asked for again
    assert demo_server.stats.requests == before + 1
    assert not list((tmp_path / "photos").glob(".*.tmp"))  # no half-written file left


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (Reply(body=b"<html>a page</html>", content_type="image/png"), "is not a photo"),
        (Reply(body=b"\x89PNG\r\n\x1a\n" + b"0" * (MAX_BYTES + 1), content_type="image/png"),
         "larger than"),
        (Reply(status=404, body=b"gone"), "could not be fetched"),
    ],
    ids=["not-an-image", "too-large", "gone"],
)  # fmt: skip
def test_a_bad_answer_keeps_nothing_and_says_why_in_one_line(
    demo_server: DemoServer, tmp_path: Path, reply: Reply, said: str
) -> None:
    demo_server.intercept = lambda request: reply if "/media/" in request.path else None
    store = PhotoStore.beside(tmp_path / "cache.sqlite3")
    url = photo_url(demo_server)
    with pytest.raises(PhotoError) as caught:
        asyncio.run(store.fetch(url))
    message = str(caught.value)
    assert said in message and "\n" not in message
    assert store.cached(url) is None


def test_only_a_plain_web_address_is_fetched(tmp_path: Path) -> None:
    store = PhotoStore(tmp_path / "photos")
    with pytest.raises(PhotoError, match="not a plain http"):
        asyncio.run(store.fetch("file:///etc/passwd"))


async def test_i_fetches_the_photo_on_asking_and_offline_shows_the_one_kept(
    demo_server: DemoServer,
) -> None:
    pytest.importorskip("textual_image", reason="the photo view needs liveread[images]")
    from liveread.tui.photo import PhotoScreen

    url = await cache_blog(demo_server)
    served: list[str] = []

    def watch(request: Request) -> Reply | None:
        if "/media/" in request.path:
            served.append(request.path)
        return None

    demo_server.intercept = watch

    async def open_photo(app_kwargs: dict[str, object]) -> list[str]:
        app = make_app(url, **app_kwargs)  # type: ignore[arg-type]
        async with app.run_test(size=WIDE) as pilot:
            before = len(served)
            screen = await open_blog(pilot, live=False)
            assert len(served) == before  # never fetched on its own
            photo = next(
                e.id for e in screen.feed.entries if any(b.image and b.image.url for b in e.body)
            )
            screen.feed.jump_to(photo, mark=False)
            await pilot.press("i")
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, PhotoScreen) or app.notices,
                what="the photo or a notice",
            )
            return [*app.notices, type(app.screen).__name__]

    # Offline, never fetched: said, not fetched.
    said = await open_photo({"follow": False})
    assert "never fetched" in said[0] and served == []
    # Online: fetched once, on asking; then offline, the one kept is shown.
    assert (await open_photo({}))[-1] == "PhotoScreen" and len(served) == 1
    assert (await open_photo({"follow": False}))[-1] == "PhotoScreen" and len(served) == 1


async def test_without_the_images_extra_i_says_how_to_get_it(
    demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import liveread.tui.photo

    monkeypatch.setattr(liveread.tui.photo, "photos_available", lambda: False)
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        photo = next(
            e.id for e in screen.feed.entries if any(b.image and b.image.url for b in e.body)
        )
        screen.feed.jump_to(photo, mark=False)
        await pilot.press("i")
        assert app.notices[-1] == "Photos need the images extra: pip install 'liveread[images]'"
