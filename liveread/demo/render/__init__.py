"""The demo's renderers: the same demo blog drawn in each format liveread reads.

One module (or package) per format, each drawing a
:class:`~liveread.demo.story.DemoBlog` as that format's pages and endpoint
answers: :mod:`~liveread.demo.render.guardian` (the page, its data model and
its update poll), :mod:`~liveread.demo.render.jsonld` (schema.org JSON-LD
and microdata pages), :mod:`~liveread.demo.render.reach` (a Reach-platform
live page), :mod:`~liveread.demo.render.amp` (an AMP ``amp-live-list``
page), :mod:`~liveread.demo.render.wpliveblog` (a WordPress post running
the Liveblog plugin, with the plugin's REST answers), and the publishers
journalists follow: :mod:`~liveread.demo.render.bbc` (a News page naming its
stream, the stream's JSON pages, a World Service page),
:mod:`~liveread.demo.render.aljazeera` (a page and its GraphQL answers),
:mod:`~liveread.demo.render.brightspot` (a page and its posts endpoint),
:mod:`~liveread.demo.render.sky`, :mod:`~liveread.demo.render.lemonde` and
:mod:`~liveread.demo.render.telegraph` (pages). ``_markup`` holds what they
share (escaping, times, ids, a tweet's embed, a body's lists).
"""
