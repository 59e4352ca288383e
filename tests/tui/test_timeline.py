"""The timeline: every open blog's entries in one feed, newest first, labelled with their blogs;
their key events in one pane, labelled the same; Enter reads an entry in its own blog's tab."""

from __future__ import annotations

from collections.abc import Callable

from liveread.demo.server import DemoServer
from liveread.tui.timeline import split_id, timeline_id
from liveread.tui.widgets import TIMELINE

from .app_support import WIDE, feed_text, make_app, open_blog, published, shown_blog, wait_for


def test_timeline_ids_name_the_blog() -> None:
    assert timeline_id("blog-2", "abc/def") == "blog-2/abc/def"
    assert split_id("blog-2/abc/def") == ("blog-2", "abc/def")


async def test_the_timeline_merges_labels_and_opens_in_the_entrys_own_tab(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    first = make_demo_server()
    second = make_demo_server()  # the same story, on another port: the same ids
    app = make_app(urls=[first.url, second.url])
    async with app.run_test(size=WIDE) as pilot:
        one = await open_blog(pilot)
        await wait_for(pilot, lambda: len(app.blog_tabs()) == 2, what="two tabs")
        _, two = app.blog_tabs()
        await wait_for(pilot, lambda: two.liveness.polling and two.feed.entries, what="blog 2")
        newest = published(second)  # blog 2 has one entry more, the newest of all
        two.action_poll_now()
        await wait_for(pilot, lambda: two.feed.entry(newest) is not None, what="the arrival")

        await pilot.press("t")
        timeline = app.tabs_screen.timeline
        assert timeline is not None and app.tabs_screen.current == TIMELINE
        feed = timeline.feed
        await wait_for(pilot, lambda: feed.shown_ids, what="the timeline")
        # Every entry of both blogs, newest first.
        assert len(feed.shown_ids) == len(one.feed.entries) + len(two.feed.entries)
        times = [feed.entry(i).published for i in feed.shown_ids]  # type: ignore[union-attr]
        assert times == sorted(times, reverse=True)
        assert feed.shown_ids[0] == timeline_id(two.id or "", newest)
        # Each entry's header names its blog, in the blog's colour (its tab's).
        lines = feed_text(feed).splitlines()
        names = dict(app.tabs_screen._labels())
        first_name, second_name = names[one.id or ""][0], names[two.id or ""][0]
        assert second_name.endswith("Storm Wrenna… 2") and first_name != second_name
        assert lines[0].lstrip("▌ ").startswith(second_name)
        assert any(line.lstrip("▌ ").startswith(first_name + "  ") for line in lines)
        label = feed._label(feed.shown_ids[0])
        assert label is not None and label[1].color is not None
        other = feed._label(timeline_id(one.id or "", one.feed.shown_ids[0]))
        assert other is not None and other[1].color != label[1].color
        # The key events of both blogs, labelled the same.
        pane = timeline.pane
        assert len(pane.entry_ids) == sum(1 for v in (one, two) for e in v.feed.entries if e.is_key)
        prompts = [str(pane.get_option_at_index(i).prompt) for i in range(2)]
        assert all("Storm Wrenna…" in prompt for prompt in prompts)
        assert {split_id(i)[0] for i in pane.entry_ids} == {one.id, two.id}
        # The tab bar says where the reader is.
        assert app.tabs_screen.tab_bar.display and "Timeline" in app.tabs_screen.tab_bar.text

        # Enter on an entry of blog 1: its own tab, the entry at the top.
        target = next(i for i in feed.shown_ids[5:] if split_id(i)[0] == one.id)
        feed.jump_to(target, mark=False)
        await pilot.press("enter")
        assert shown_blog(app) is one
        assert one.feed.entry_at_top() == split_id(target)[1]
        # t goes to the timeline and back to the blog shown before it.
        await pilot.press("t")
        assert app.tabs_screen.current == TIMELINE
        await pilot.press("t")
        assert shown_blog(app) is one

        # Arrivals while the timeline is shown appear in it, marked NEW.
        await pilot.press("t")
        arrival = published(first)
        one.action_poll_now()
        arrived = timeline_id(one.id or "", arrival)
        await wait_for(pilot, lambda: feed.entry(arrived) is not None, what="the live arrival")
        # (Published at the same time as blog 2's newest: the same story.)
        assert arrived in feed.shown_ids[:2] and arrived in feed.new_ids
