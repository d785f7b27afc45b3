"""kg.stats: the counts of the small graph."""
from __future__ import annotations

import dataclasses

import pytest

from kg.ontology import CLASSES, RELATIONS
from kg.stats import compute_stats, format_stats


def test_counts(small_graph):
    stats = compute_stats(small_graph)
    assert sum(stats.entities.values()) == 5
    assert list(stats.entities) == list(CLASSES)
    assert stats.entities["Person"] == 2 and stats.entities["Film"] == 1
    assert list(stats.relations) == list(RELATIONS)
    used = {name: count for name, count in stats.relations.items() if count}
    assert used == {"directs": 1, "actsIn": 1, "producedBy": 1, "filmsIn": 1, "releasedOn": 1}
    assert stats.articles == 1
    assert stats.evidence == 5


def test_most_connected(small_graph):
    top = compute_stats(small_graph, top=2).top
    assert top == (("Oppenheimer", "Film", 4), ("Christopher Nolan", "Person", 1))


def test_stats_are_frozen(small_graph):
    with pytest.raises(dataclasses.FrozenInstanceError):
        compute_stats(small_graph).articles = 2


def test_format(small_graph):
    text = format_stats(compute_stats(small_graph))
    assert "articles  1" in text and "evidence  5" in text
    assert "entities (5)" in text and "relations (5)" in text
    assert "4  Oppenheimer (Film)" in text
    assert text.endswith("\n")
