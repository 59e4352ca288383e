"""Generated entries: readable, varied and deterministic, for long runs and scale tests.

When the scripted story runs out, the demo blog keeps going with entries made
here (the storm's aftermath), so ``liveread demo`` can run for hours; the same
generator fills :meth:`DemoBlog.synthetic` blogs of thousands of entries for
benchmarks. Entry *n* for a given seed is always the same entry.
"""

from __future__ import annotations

import random
from datetime import timedelta

from liveread.demo.story._script import TEAM, StoryBlock, StoryEntry

__all__ = ["generated_entry"]

_PLACES = (
    "Low Quay", "Tannery Row", "Fenny Street", "the Ropewalk", "Northgate", "Ashcombe",
    "Kestle", "the Barrow estate", "Minster Lane", "Westfield", "Gullrock Point",
    "College Hill", "the market square", "the Tollbridge", "Heron Bridge", "Fennick Point",
)  # fmt: skip
_SUBJECTS = (
    "Council engineers", "Volunteers", "Fire crews", "Power engineers", "Residents",
    "Rivers Authority staff", "Rail staff", "Shopkeepers", "Coastguard teams",
    "Highways crews", "Community groups", "Insurance assessors",
)  # fmt: skip
_ACTIONS = (
    "have finished pumping out cellars in {place}",
    "are clearing debris from the drains around {place}",
    "have restored power to {n} homes in {place}",
    "are handing out hot drinks and dry socks in {place}",
    "have reopened the road through {place}",
    "are checking the river wall near {place} for damage",
    "have set up a collection point for ruined furniture in {place}",
    "say the water in {place} has dropped by {n}cm in the last hour",
    "are going door to door in {place} with information leaflets",
    "have cleared a fallen tree from the main road into {place}",
)
_FOLLOW_UPS = (
    "They expect the work to take another {n} hours.",
    "People are asked to keep clear while they work.",
    "A council spokesperson called the response “remarkable”.",
    "More updates as we get them.",
    "Anyone who needs help can call the flood line on 0808 157 0402.",
    "It is slow, muddy work, but spirits are high.",
    "The council says skips will arrive by the end of the day.",
    "Several people we spoke to said they had never seen anything like it.",
)
_TITLES = (
    "Roads reopen in {place}",
    "Clean-up under way in {place}",
    "Power back for {n} homes",
    "Volunteers turn out in {place}",
    "River level falling at the Tollbridge",
    "Skips arrive in {place}",
    "{Place}: the latest",
    "Drains cleared in {place}",
)
_KEY_TITLES = (
    "{Place} declared safe to return to",
    "Flood warning lifted for {place}",
    "All power restored in {place}",
    "Main road through {place} reopens",
)
_QUOTES = (
    "We have had worse winters, but not many. The whole street turned out to help.",
    "The water came up fast and went down slowly. Now the real work starts.",
    "I have lived here forty years and I have never been so proud of this place.",
)
_PHOTOGRAPHERS = (
    "Ines Calloway/Skelt Valley Press",
    "Rafe Ondine/Northlight Images",
    "Mara Quist/Harbour Wire",
    "Tobias Fenwick/Coastline Photo Agency",
)


def _fill(template: str, rng: random.Random, place: str) -> str:
    """Fill ``{place}``, ``{Place}`` and ``{n}`` in *template*."""
    return template.format(place=place, Place=place[0].upper() + place[1:], n=rng.randint(2, 900))


def generated_entry(index: int, *, seed: int = 0, origin: str = "http://127.0.0.1") -> StoryEntry:
    """Return the *index*-th generated entry for *seed* (its ``at`` is left for the caller to set).

    Every 25th is a key event, every 100th a summary, every 9th carries a photo,
    about one in six has no title.
    """
    rng = random.Random(seed * 1_000_003 + index)
    place = rng.choice(_PLACES)
    key_event = index % 25 == 12
    summary = index % 100 == 50
    author = list(TEAM)[index % len(TEAM)]
    blocks: list[StoryBlock] = []
    if summary:
        title: str | None = "Summary: the story so far"
        blocks.append(StoryBlock("paragraph", "If you are just joining us, here is the latest:"))
        for _ in range(4):
            line = (
                f"{rng.choice(_SUBJECTS)} {_fill(rng.choice(_ACTIONS), rng, rng.choice(_PLACES))}."
            )
            blocks.append(StoryBlock("list_item", line))
    else:
        if key_event:
            title = _fill(rng.choice(_KEY_TITLES), rng, place)
        elif index % 6 == 5:
            title = None
        else:
            title = _fill(rng.choice(_TITLES), rng, place)
        first = f"{rng.choice(_SUBJECTS)} {_fill(rng.choice(_ACTIONS), rng, place)}."
        blocks.append(
            StoryBlock("paragraph", f"{first} {_fill(rng.choice(_FOLLOW_UPS), rng, place)}")
        )
        if index % 3 == 1:
            blocks.append(StoryBlock("paragraph", _fill(rng.choice(_FOLLOW_UPS), rng, place)))
        if index % 7 == 3:
            for name in rng.sample(_PLACES, 3):
                blocks.append(
                    StoryBlock(
                        "list_item",
                        f"{name[0].upper()}{name[1:]}: {rng.randint(1, 60)} streets cleared",
                    )
                )
        if index % 11 == 6:
            blocks.append(StoryBlock("quote", rng.choice(_QUOTES)))
    if index % 9 == 4:
        subject = rng.choice(_SUBJECTS)
        blocks.append(
            StoryBlock(
                "image",
                url=f"{origin}/media/wrenna/aftermath-{index % 40:02d}.jpg",
                caption=f"{subject} at work in {place} on the day after Storm Wrenna.",
                credit=f"Photograph: {rng.choice(_PHOTOGRAPHERS)}",
                alt=f"{subject} in {place}",
            )
        )
    return StoryEntry(
        key=f"generated-{seed}-{index}",
        at=timedelta(0),
        title=title,
        authors=(author,),
        blocks=tuple(blocks),
        key_event=key_event,
        summary=summary,
    )
