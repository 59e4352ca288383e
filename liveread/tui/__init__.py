"""The terminal UI: the only part of liveread that imports Textual.

The application (:mod:`liveread.tui.app`, :class:`~liveread.tui.app.LivereadApp`)
and its screens:

- :mod:`liveread.tui.library`: the library of cached blogs (bare ``liveread``),
  with the dialogs of :mod:`liveread.tui.dialogs` (a URL to follow, a removal
  to confirm);
- :mod:`liveread.tui.reader`: the reader screen, a tab per blog open in the
  session under a tab bar (:mod:`~liveread.tui.tabs`), and the timeline of
  every open blog (:mod:`~liveread.tui.timeline`); it gives every feed the
  app's watches and hands what changed to the alerts
  (:mod:`~liveread.tui.alerting`, over the core's :mod:`liveread.alerts`);
  ``w`` and ``W`` are :mod:`~liveread.tui.watches`' dialogs;
- :mod:`liveread.tui.blog_screen`: one blog's view (a tab), header (:mod:`~liveread.tui.header`),
  key events beside the feed, the "N new" indicator (:mod:`~liveread.tui.indicator`),
  search (:mod:`~liveread.tui.search`); it runs the blog's follower itself,
  whose events arrive in one message (:mod:`~liveread.tui.messages`), keeps
  where following stands in one value (:mod:`~liveread.tui.liveness`) and
  puts the entries on screen through :mod:`~liveread.tui.live_updates`;
- :mod:`liveread.tui.diff`: an entry's revisions as a word diff (``d``; with
  ``o`` and ``y``, in :mod:`~liveread.tui.entry_actions`, shared by a blog's
  tab and the timeline);
- :mod:`liveread.tui.help`: every key (help screen and command palette), from
  the bindings themselves.

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

Their CSS is ``liveread.tcss`` beside this file (the app's ``CSS_PATH``).
"""
