"""The demo blog as a deterministic, clock-free state machine over the story.

:class:`DemoBlog` is a :class:`~liveread.demo.story.BlogState` (the published
posts, each a :class:`~liveread.model.Entry` plus the richer
:class:`~liveread.demo.story.StoryBlock` body the renderers draw from; the
pinned post; key-event flags; live or ended) driven by the story. It never
reads a clock: :meth:`DemoBlog.advance` applies the next scripted happening at
the time the script gives it, and :attr:`DemoBlog.next_at` says when that is,
so a server can call ``advance()`` while ``next_at <= now`` on its own clock
(or as fast as a test likes). When the script runs out, generated entries keep
the blog alive.

Pages and the poll's window follow the Guardian's own rules; see
:mod:`liveread.demo.story._paging`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from html import escape
from urllib.parse import urlsplit

from liveread.demo.story._convert import model_block
from liveread.demo.story._generate import generated_entry
from liveread.demo.story._paging import PageLink, PageSlice, Post
from liveread.demo.story._script import NEXT_STORY, Story, StoryEntry, StoryStep, load_story
from liveread.demo.story._state import BlogState
from liveread.model import Entry

__all__ = ["DEFAULT_START", "DEFAULT_URL", "DemoBlog", "Happening", "PageLink", "PageSlice", "Post"]

#: Where the demo blog lives unless told otherwise (the demo server's default port).
DEFAULT_URL = "http://127.0.0.1:8123/news/live/2026/nov/27/storm-wrenna-marlhaven-flooding-live"
#: The demo's default "now".
DEFAULT_START = datetime(2026, 11, 27, 14, 30, tzinfo=timezone.utc)
#: How long after a blog closes the blog that continues it opens.
_NEXT_OPENS = timedelta(minutes=5)


@dataclass(frozen=True)
class Happening:
    """What one step of :meth:`DemoBlog.advance` did.

    Attributes:
        kind: "publish", "edit", "remove", "pin", "unpin", "key_event" or "end".
        at: When it happened.
        entry_id: The entry concerned, or None.
        description: One line for logs ("published 'Boats in Tannery Row'").

    """

    kind: str
    at: datetime
    entry_id: str | None = None
    description: str = ""


class DemoBlog(BlogState):
    """A fictional live blog that grows over time, deterministically.

    Args:
        base_url: The blog's page URL (query and fragment are dropped).
        start: The demo's "now": entries scripted before it are already published.
        ends: Apply the script's "end" step (otherwise the blog stays live and
            generated entries follow the script for as long as ``advance`` is called).
        story: A story to tell instead of the built-in one.
        page_size: Entries per page (10; the Guardian uses 30 for sport).
        seed: Varies ids and generated entries between otherwise equal blogs.
        pace: How many times faster than scripted the story unfolds after
            ``start``: with 60, a step scripted 3 minutes after the previous one
            comes 3 seconds after it, and carries that (compressed) time, so a
            demo run at wall-clock speed shows entries published "just now".
        continues: The URL of the blog that continues this one: when it ends,
            it first publishes the story's closing entry, linking there, and
            that blog opens (:attr:`successor`), on the same site, with the
            next day's story. None: the blog just ends.

    Attributes:
        successor: The blog that continues this one, once it has closed, or None.

    """

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        start: datetime = DEFAULT_START,
        *,
        ends: bool = False,
        story: Story | None = None,
        page_size: int = 10,
        seed: int = 0,
        pace: float = 1.0,
        continues: str | None = None,
    ) -> None:
        if pace <= 0:
            raise ValueError("pace must be positive")
        self.pace = pace
        self.continues = continues
        self.successor: DemoBlog | None = None
        if story is None:
            origin = urlsplit(base_url)._replace(path="", query="", fragment="").geturl()
            story = load_story(origin)
        super().__init__(base_url, start, story, page_size=page_size, seed=seed)
        self._ends = ends
        self._keys: dict[str, str] = {}
        self._step_index = 0
        self._generated = 0
        for index, entry in enumerate(story.entries):
            posted = self._publish_story(entry, self.start + entry.at, index)
            if entry.pinned:
                self.pin(posted.id)
        self._now = self.start

    def _publish_story(self, entry: StoryEntry, at: datetime, index: int) -> Entry:
        """Publish a scripted or generated entry at *at*."""
        if entry.created is not None:
            created = self.start + entry.created
        else:  # drafted a few minutes before publication, as editors do
            created = at - timedelta(minutes=2 + index % 5, seconds=17 * (index % 3))
        entry_id = self._mint(created)
        updated = at + entry.touched if entry.touched is not None else at
        model = Entry(
            id=entry_id,
            published=at,
            updated=updated,
            title=entry.title,
            body=tuple(model_block(b) for b in entry.blocks),
            url=self._permalink(entry_id),
            authors=entry.authors,
            key_event=entry.key_event,
            summary=entry.summary,
        )
        self._keys[entry.key] = entry_id
        return self.publish(model, created=created, blocks=entry.blocks)

    def entry_id(self, key: str) -> str | None:
        """Return the id a scripted entry got when published (by its story key), or None."""
        return self._keys.get(key)

    # -- the script ------------------------------------------------------------

    def _pending_step(self) -> StoryStep | None:
        """Return the next scripted step that will apply (an ``end`` only when ``ends``)."""
        while self._step_index < len(self.story.steps):
            step = self.story.steps[self._step_index]
            if step.action != "end" or self._ends:
                return step
            self._step_index += 1
        return None

    @property
    def next_at(self) -> datetime | None:
        """When the next happening is due, or None once the blog has ended."""
        if not self._live:
            return None
        step = self._pending_step()
        if step is not None:
            return max(self._now, self.start + step.at / self.pace)
        gap = 120 + (self._generated * 37) % 90
        return self._now + timedelta(seconds=gap / self.pace)

    def advance(self, n: int = 1) -> list[Happening]:
        """Apply the next *n* happenings; returns what happened (nothing once ended)."""
        done: list[Happening] = []
        while len(done) < n and self._live:
            when = self.next_at
            assert when is not None
            step = self._pending_step()
            if step is None:
                index = len(self.story.entries) + self._generated
                entry = generated_entry(self._generated, seed=self.seed, origin=self.origin)
                self._generated += 1
                posted = self._publish_story(entry, when, index)
                done.append(Happening("publish", when, posted.id, f"published {posted.title!r}"))
                continue
            self._step_index += 1
            happening = self._apply(step, when)
            if happening is not None:
                done.append(happening)
        return done

    def _apply(self, step: StoryStep, when: datetime) -> Happening | None:
        """Apply one scripted step; None when it names an entry no longer there."""
        if step.action == "publish" and step.entry is not None:
            posted = self._publish_story(
                step.entry, when, self._step_index + len(self.story.entries)
            )
            return Happening("publish", when, posted.id, f"published {posted.title!r}")
        if step.action == "end":
            self.end(at=when)
            return Happening("end", when, None, "the blog ended")
        if step.action == "unpin":
            self.pin(None, at=when)
            return Happening("unpin", when, None, "no pinned post")
        entry_id = self._keys.get(step.key or "")
        if entry_id not in self._posts:
            return None
        if step.action == "edit" and step.entry is not None:
            self._replace(entry_id, step.entry.title, step.entry.blocks, when)
            return Happening("edit", when, entry_id, f"edited {step.key}")
        if step.action == "remove":
            self.remove(entry_id, at=when)
            return Happening("remove", when, entry_id, f"removed {step.key}")
        if step.action == "pin":
            self.pin(entry_id, at=when)
            return Happening("pin", when, entry_id, f"pinned {step.key}")
        if step.action in ("key", "unkey"):
            self.set_key_event(entry_id, step.action == "key", at=when)
            return Happening("key_event", when, entry_id, f"{step.action} {step.key}")
        raise ValueError(f"unknown story step {step.action!r}")

    def end(self, *, at: datetime | None = None) -> None:
        """End the blog; with a successor, publish the closing entry first and open that blog."""
        closing = self.story.continues
        if self.continues is None or closing is None or not self._live:
            super().end(at=at)
            return
        when = max(at or self._now, self._now)
        link = escape(self.continues)
        blocks = tuple(
            replace(b, html=b.html.replace("{next}", link)) if b.html else b for b in closing.blocks
        )
        self._publish_story(replace(closing, blocks=blocks), when, len(self._posts))
        super().end(at=when)
        self.successor = DemoBlog(
            self.continues,
            when + _NEXT_OPENS,
            story=load_story(self.origin, NEXT_STORY),
            seed=self.seed,
            pace=self.pace,
            page_size=self.page_size,
        )

    # -- scale -------------------------------------------------------------------

    @classmethod
    def synthetic(
        cls,
        n_entries: int,
        *,
        base_url: str = DEFAULT_URL,
        start: datetime = DEFAULT_START,
        seed: int = 0,
        page_size: int = 10,
        live: bool = True,
    ) -> DemoBlog:
        """Return a large generated blog (e.g. 5,000 entries) for benchmarks and scale tests.

        Entries are a minute or three apart, ending just before *start*; a key
        event every 25, a summary every 100, a photo every 9; the entry a third
        of the way from the newest is pinned.
        """
        base = load_story(urlsplit(base_url)._replace(path="", query="", fragment="").geturl())
        story = Story(base.title, base.ended_title, base.standfirst, base.main_image, ())
        blog = cls(base_url, start, story=story, page_size=page_size, seed=seed)
        at = blog.start - timedelta(seconds=60)
        times = []
        for index in range(n_entries):
            times.append(at)
            at -= timedelta(seconds=60 + (index * 53) % 120)
        for index, when in enumerate(reversed(times)):
            blog._publish_story(generated_entry(index, seed=seed, origin=blog.origin), when, index)
        blog._generated = n_entries
        order = blog.posts_newest_first()
        if order:
            blog.pin(order[len(order) // 3].id)
        blog._now = blog.start
        if not live:
            blog.end(at=blog.start)
        return blog
