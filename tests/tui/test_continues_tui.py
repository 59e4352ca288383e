"""The blog that continues, in the TUI: the header names it once the blog ended, ``c`` opens it.

The real app, the real follower and the demo server (told ``continues=True``:
its blog closes with an entry linking the next one, on the same site).
"""

from __future__ import annotations

from collections.abc import Callable

from liveread.demo.server import DemoServer
from liveread.tui.blog import BlogTab, status_parts

from .app_support import NOW, WIDE, cache_blog, make_app, open_blog, shown_blog, wait_for

MakeServer = Callable[..., DemoServer]


def ended_with_successor(make_demo_server: MakeServer) -> tuple[DemoServer, str]:
    server = make_demo_server(continues=True)
    server.change(lambda b: b.end())
    assert server.next_blog is not None
    return server, server.url_for("guardian", server.next_blog)


async def test_c_opens_the_blog_that_continues_in_a_new_tab(
    make_demo_server: MakeServer,
) -> None:
    server, successor = ended_with_successor(make_demo_server)
    app = make_app(server.url)
    async with app.run_test(size=WIDE) as pilot:
        first = await open_blog(pilot, live=False)
        await wait_for(pilot, lambda: first.liveness.continues == successor, what="the end")
        line = "".join(text for text, _ in status_parts(first.liveness, first.url, NOW))
        assert f"it continues at {successor} (c opens it)" in line
        await pilot.press("c")

        def second() -> BlogTab | None:
            shown = shown_blog(app)
            return shown if shown is not None and shown is not first else None

        await wait_for(pilot, second, what="the next blog's tab")
        view = second()
        assert view is not None and view.url == successor
        assert [v.url for v in app.tabs_screen.blog_tabs] == [first.url, successor]


async def test_a_cached_ended_blog_remembers_its_successor_and_c_without_one_says_so(
    make_demo_server: MakeServer,
) -> None:
    server, successor = ended_with_successor(make_demo_server)
    await cache_blog(server)
    app = make_app(server.url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        view = await open_blog(pilot, live=False)
        await wait_for(pilot, lambda: view.liveness.continues == successor, what="the cache")
    plain = make_demo_server()
    plain.change(lambda b: b.end())
    app = make_app(plain.url)
    async with app.run_test(size=WIDE) as pilot:
        view = await open_blog(pilot, live=False)
        await wait_for(pilot, lambda: view.liveness.ended, what="the end")
        await pilot.press("c")
        await pilot.pause()
        assert len(app.tabs_screen.blog_tabs) == 1
        assert app.notices[-1] == "This blog names no live blog that continues it."
