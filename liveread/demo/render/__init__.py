"""The demo's renderers: the same demo blog drawn in each format liveread reads.

One module (or package) per format, each drawing a
:class:`~liveread.demo.story.DemoBlog` as that format's pages and endpoint
answers: :mod:`~liveread.demo.render.guardian` (the page, its data model and
its update poll), :mod:`~liveread.demo.render.jsonld` (schema.org JSON-LD
and microdata pages), :mod:`~liveread.demo.render.reach` (a Reach-platform
live page), :mod:`~liveread.demo.render.amp` (an AMP ``amp-live-list``
page) and :mod:`~liveread.demo.render.wpliveblog` (a WordPress post running
the Liveblog plugin, with the plugin's REST answers). ``_markup`` holds what
they share (escaping, times, ids, a tweet's embed).
"""
