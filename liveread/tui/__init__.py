"""The terminal UI: the only part of liveread that imports Textual.

Widgets, each in its own module:

- :mod:`liveread.tui.feed`: :class:`~liveread.tui.feed.FeedView`, the blog's
  entries as one Line API view (no widget per entry), live without yanking;
  built on :mod:`~liveread.tui.feed_lines` (drawing, anchored scrolling),
  :mod:`~liveread.tui.feed_index` (line offsets with estimated heights) and
  :mod:`~liveread.tui.feed_store` (entries, versions, search); its messages
  are in :mod:`~liveread.tui.feed_messages`;
- :mod:`liveread.tui.key_events`: the key-events pane;
- :mod:`liveread.tui.pinned`: the pinned strip above the feed;
- :mod:`liveread.tui.entry_render`: one entry as terminal lines, page text
  always as plain text.

Their CSS is ``liveread.tcss`` beside this file, for the app to load
(``CSS_PATH``).
"""
