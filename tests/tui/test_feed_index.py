"""The feed's line index: heights, running offsets, lookups, inserts, against a plain list."""

from __future__ import annotations

import random

import pytest

from liveread.tui.feed import LineIndex


def starts_of(rows: list[list[object]]) -> list[int]:
    out = [0]
    for _, height in rows:
        out.append(out[-1] + int(height))  # type: ignore[call-overload]
    return out


@pytest.mark.parametrize("seed", range(5))
def test_random_operations_match_a_plain_list(seed: int) -> None:
    rng = random.Random(seed)
    index = LineIndex()
    rows: list[list[object]] = []
    for step in range(1500):
        roll = rng.random()
        if roll < 0.4 or not rows:
            at, height = rng.randint(0, len(rows)), rng.randint(1, 9)
            index.insert(at, f"e{step}", height, exact=False)
            rows.insert(at, [f"e{step}", height])
        elif roll < 0.55:
            at = rng.randrange(len(rows))
            index.remove(str(rows[at][0]))
            del rows[at]
        else:
            at, height = rng.randrange(len(rows)), rng.randint(1, 9)
            index.set_height(at, height)
            rows[at][1] = height
        if rows and rng.random() < 0.3:
            starts = starts_of(rows)
            at = rng.randrange(len(rows))
            assert index.start(at) == starts[at] and index.end(at) == starts[at + 1]
            assert index.total == starts[-1]
            line = rng.randrange(starts[-1])
            found = index.index_at(line)
            assert starts[found] <= line < starts[found + 1]
            assert index.position(str(rows[at][0])) == at
    assert index.ids == [row[0] for row in rows]


def test_reset_lookup_and_clamping() -> None:
    index = LineIndex()
    index.reset([("a", 3, True), ("b", 0, False), ("c", 2, False)])
    assert index.total == 6  # a height below 1 counts as 1
    assert [index.index_at(line) for line in range(-1, 8)] == [0, 0, 0, 0, 1, 2, 2, 2, 2]
    assert index.is_exact(0) and not index.is_exact(2)
    assert index.set_height(2, 5) == 3 and index.is_exact(2) and index.total == 9
    assert "b" in index and "z" not in index and index.position("z") is None
    with pytest.raises(IndexError):
        LineIndex().index_at(0)


def test_insertion_point_in_either_order() -> None:
    index = LineIndex()
    index.reset([(name, 1, False) for name in ("b", "d", "f")])
    assert [index.insertion_point(k, str) for k in ("a", "c", "e", "g")] == [0, 1, 2, 3]
    index.reset([(name, 1, False) for name in ("f", "d", "b")])
    assert [index.insertion_point(k, str, descending=True) for k in ("g", "e", "c", "a")] == [
        0,
        1,
        2,
        3,
    ]
