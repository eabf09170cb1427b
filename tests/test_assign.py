"""The order the clusterer tries pairs in: a best one-to-one assignment between two articles first."""

from __future__ import annotations

import pytest

from factcheck.group.assign import merge_order

# claims 0, 1 in article A; 2, 3 in article B (a breakdown "X for the lander, Y for the launch" in each)
SOURCES = ["A", "A", "B", "B"]


@pytest.mark.parametrize(
    "scores,first_two",
    [
        # the strongest single pair (0-3) would strand 1 and 2; the assignment 0-2 + 1-3 holds more
        ({(0, 2): 0.95, (0, 3): 0.98, (1, 3): 0.95, (1, 2): 0.91}, [(0, 2), (1, 3)]),
        # with no competing pair, strongest first
        ({(0, 2): 0.95, (1, 3): 0.97}, [(1, 3), (0, 2)]),
    ],
)
def test_a_one_to_one_assignment_goes_first(scores, first_two):
    assert merge_order(scores, SOURCES, 0.9)[:2] == first_two


def test_pairs_below_the_threshold_are_never_tried():
    assert merge_order({(0, 2): 0.5, (1, 3): 0.95}, SOURCES, 0.9) == [(1, 3)]


def test_large_parts_fall_back_to_greedy():
    sources = ["A"] * 10 + ["B"] * 10
    scores = {(i, 10 + j): 0.9 + (i * 10 + j) / 10_000 for i in range(10) for j in range(10)}
    order = merge_order(scores, sources, 0.9)
    assert len(order) == len(scores) and order[0] == (9, 19)
