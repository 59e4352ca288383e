"""What the reader does with the entry under the cursor: open its link, quote it, see its edits.

The reader (:class:`~liveread.tui.reader.Reader`) binds ``o``, ``y`` and
``d`` to these, wherever it is composed (a blog's tab, the timeline). Each
says in a notice when there is nothing to act on. A link is opened only when
it is a plain web address (:func:`~liveread.urls.is_safe_link`) and a browser
can be started apart from this terminal; otherwise the link is shown, and
copied. The quote is built from the entry as plain text
(:func:`liveread.naming.entry_quote`: writer, outlet, blog, the time with its
zone); where it went is said, not that it arrived (a terminal may ignore
OSC 52). The photo is fetched only when asked (:mod:`liveread.photos`: capped,
checked, kept beside the cache); offline, the one kept is shown or the notice
says it was never fetched.
"""

from __future__ import annotations

from textual.widget import Widget

from liveread.model import Image, StoredEntry
from liveread.naming import BlogName, entry_quote
from liveread.tui.host import host_of
from liveread.tui.terminal import browser_available
from liveread.urls import is_safe_link

__all__ = ["NONE_SELECTED", "copy_quote", "open_link", "show_photo", "show_revisions"]

#: What ``o``, ``y`` and ``d`` say on an empty feed.
NONE_SELECTED = "No entry is selected."
#: Seconds after which a photo still coming is said to be on its way.
SLOW_FETCH = 0.5


def open_link(node: Widget, entry: StoredEntry | None) -> None:
    """Open *entry*'s permalink in a browser; with none to start, show and copy the link."""
    if entry is None:
        node.notify(NONE_SELECTED, timeout=2)
        return
    if not is_safe_link(entry.url):
        node.notify(
            "This entry's link is not a plain http(s) address; it was not opened.",
            severity="warning",
        )
        return
    host = host_of(node)
    if browser_available(host.env):
        node.app.open_url(entry.url)
        node.notify(f"Asked the browser to open {entry.url}", markup=False)
        return
    node.notify(f"No browser to start here (no display). The link: {entry.url}", markup=False)
    host.copy_out(entry.url, "link")


def copy_quote(node: Widget, entry: StoredEntry | None, blog: BlogName) -> None:
    """Copy a quote of *entry* (of *blog*) out: the clipboard, and tmux's buffer inside tmux."""
    if entry is None:
        node.notify(NONE_SELECTED, timeout=2)
        return
    host = host_of(node)
    host.copy_out(entry_quote(entry, blog, host.zone), "quote")


def show_revisions(node: Widget, entry: StoredEntry | None) -> None:
    """Show *entry*'s revisions as a word diff (one never edited: said in a notice)."""
    if entry is None:
        node.notify(NONE_SELECTED, timeout=2)
    elif len(entry.revisions) < 2:
        node.notify("Not edited since liveread first saw it: nothing to compare.", timeout=3)
    else:
        from liveread.tui.screens import DiffScreen  # on asking: not for the first screen

        node.app.push_screen(DiffScreen(entry, zone=host_of(node).zone))


def _photo_of(entry: StoredEntry) -> Image | None:
    """The entry's first photo that has an address, or None."""
    for block in entry.body:
        if block.kind == "image" and block.image is not None and block.image.url:
            return block.image
    return None


def show_photo(node: Widget, entry: StoredEntry | None) -> None:
    """Show *entry*'s photo: the one kept, or fetched now (not when offline)."""
    from liveread.photos import PhotoError, PhotoStore
    from liveread.tui.photo import NEED_EXTRA, PhotoScreen, photos_available

    if entry is None:
        node.notify(NONE_SELECTED, timeout=2)
        return
    image = _photo_of(entry)
    if image is None or image.url is None:
        node.notify("This entry has no photo.", timeout=2)
        return
    if not photos_available():
        node.notify(NEED_EXTRA, timeout=6)
        return
    host = host_of(node)
    store = PhotoStore.beside(host.cache.path)
    kept = store.cached(image.url)
    if kept is not None:
        node.app.push_screen(PhotoScreen(kept, image))
        return
    if not host.following:
        node.notify("--offline: this photo was never fetched, and is not fetched now.")
        return
    url = image.url

    async def fetch() -> None:
        slow = node.set_timer(SLOW_FETCH, lambda: node.notify("Fetching the photo…", timeout=3))
        try:
            path = await store.fetch(url)
        except PhotoError as exc:
            node.notify(str(exc).capitalize(), severity="warning", markup=False)
            return
        finally:
            slow.stop()
        node.app.push_screen(PhotoScreen(path, image))

    node.run_worker(fetch(), group="photo", exclusive=True)
