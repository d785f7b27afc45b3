"""A fast, deterministic 2-D layout for the HTML view (numpy only).

Takes node ids and undirected links and gives ``{id: (x, y)}`` in pixels. Linked nodes go
through a Fruchterman-Reingold force layout whose repulsion only acts within two ideal
link lengths, found through a grid of cells (the grid variant of the original paper), so
one iteration costs about O(nodes + links) instead of O(nodes^2): 10,000 nodes take a few
seconds where networkx's ``spring_layout`` takes minutes. Every connected component is
laid out at once but apart, with a weak pull to its own centre; then the components are
packed in rows, largest first. Nodes without links are set out in rows under the
drawing, in the order given.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

import numpy as np

REACH = 2.0  # repulsion acts within this many ideal link lengths
PUSH = 10.0  # strength of the repulsion (it fades out, so it needs more than k^2 = 1)
_HALF_NEIGHBOURHOOD = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))


def _close_pairs(pos: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i != j, each once, of points in the same or adjacent grid cells."""
    cell = np.floor(pos / radius).astype(np.int64)
    cell -= cell.min(axis=0)
    height = int(cell[:, 1].max()) + 2  # a spare row so that y - 1 never wraps onto a used cell
    key = cell[:, 0] * height + cell[:, 1]
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    count = len(pos)
    firsts, seconds = [], []
    for dx, dy in _HALF_NEIGHBOURHOOD:
        target = key + dx * height + dy
        lo = np.searchsorted(sorted_keys, target, "left")
        hi = np.searchsorted(sorted_keys, target, "right")
        sizes = hi - lo
        total = int(sizes.sum())
        if not total:
            continue
        first = np.repeat(np.arange(count), sizes)
        offsets = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        second = order[np.repeat(lo, sizes) + offsets]
        if (dx, dy) == (0, 0):
            keep = first < second
            first, second = first[keep], second[keep]
        firsts.append(first)
        seconds.append(second)
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def _components(count: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Component number of every node (union-find), numbered by first node."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(src.tolist(), dst.tolist()):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([root(i) for i in range(count)], dtype=np.int64)
    return np.unique(roots, return_inverse=True)[1]


def _forces(count: int, src: np.ndarray, dst: np.ndarray, comp: np.ndarray, rng: np.random.Generator,
            iterations: int) -> np.ndarray:
    """Fruchterman-Reingold with grid repulsion, run on every component at once, each
    apart from the others (no force between components, gravity to its own centre);
    ideal link length 1."""
    sizes = np.bincount(comp).astype(float)
    side = np.sqrt(sizes)  # each component's expected width
    # start each component in its own square of a coarse grid, so that they do not mix
    columns = max(1, int(math.ceil(math.sqrt(len(sizes)))))
    pitch = 2.0 * float(side.max()) + 2.0
    origin = np.stack([np.arange(len(sizes)) % columns, np.arange(len(sizes)) // columns], axis=1) * pitch
    pos = origin[comp] + rng.uniform(-0.5, 0.5, (count, 2)) * side[comp][:, None]
    degree = np.bincount(np.concatenate([src, dst]), minlength=count).astype(float)
    mass = 1.0 + np.log1p(degree)  # hubs push harder, so their neighbourhoods spread
    reach = side[comp] / 8  # the largest step, per node; it cools down to 1/50 of a link
    cooling = (0.02 / np.maximum(reach, 0.03)) ** (1 / max(iterations, 1))
    gravity = (0.3 / side[comp])[:, None] * mass[:, None]
    for _ in range(iterations):
        disp = np.zeros((count, 2))
        first, second = _close_pairs(pos, REACH)
        delta = pos[first] - pos[second]
        dist2 = (delta * delta).sum(axis=1)
        near = (dist2 < REACH * REACH) & (comp[first] == comp[second])
        first, second, delta, dist2 = first[near], second[near], delta[near], np.maximum(dist2[near], 1e-6)
        if len(first):
            # k^2/d, fading to 0 at REACH so that the grid of cells leaves no trace
            fade = 1.0 - np.sqrt(dist2) / REACH
            strength = PUSH * mass[first] * mass[second] / dist2 * fade * fade
            for axis in (0, 1):
                push = delta[:, axis] * strength
                disp[:, axis] += np.bincount(first, push, count) - np.bincount(second, push, count)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(axis=1))
            for axis in (0, 1):
                pull = delta[:, axis] * np.minimum(dist, 1.0)
                disp[:, axis] -= np.bincount(src, pull, count) - np.bincount(dst, pull, count)
        centre = np.stack([np.bincount(comp, pos[:, axis]) for axis in (0, 1)], axis=1) / sizes[:, None]
        disp -= gravity * (pos - centre[comp])
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, reach) / length)[:, None]
        reach = reach * cooling
    return pos


def _pack(pos: np.ndarray, comp: np.ndarray, pad: tuple[float, float], aspect: float) -> np.ndarray:
    """Move the components into rows (largest first), about ``aspect`` times wider than high."""
    count = int(comp.max()) + 1
    low = np.stack([np.full(count, np.inf)] * 2, axis=1)
    high = -low
    np.minimum.at(low, comp, pos)
    np.maximum.at(high, comp, pos)
    box = high - low + np.array(pad)
    sizes = np.bincount(comp)
    order = sorted(range(count), key=lambda c: (-sizes[c], -box[c, 1], c))
    width = max(float(box[:, 0].max()), math.sqrt(float((box[:, 0] * box[:, 1]).sum()) * aspect))
    shift = np.zeros((count, 2))
    x = y = row = 0.0
    for c in order:
        if x > 0 and x + box[c, 0] > width:
            x, y, row = 0.0, y + row, 0.0
        shift[c] = (x - low[c, 0] + pad[0] / 2, y - low[c, 1] + pad[1] / 2)
        x += box[c, 0]
        row = max(row, box[c, 1])
    out = pos + shift[comp]
    return out - (out.min(axis=0) + out.max(axis=0)) / 2


def layout(
    nodes: Sequence[Hashable],
    links: Iterable[tuple[Hashable, Hashable]],
    *,
    seed: int = 7,
    spacing: float = 120.0,
    iterations: int | None = None,
    cell: tuple[float, float] = (170.0, 46.0),
    aspect: float = 1.5,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for ``nodes`` in pixels, the same for the same input.

    Args:
        nodes: node ids; nodes without links are set out in rows in this order.
        links: pairs of node ids (direction and repeats do not matter; unknown ids and
            self-links are ignored).
        seed: seed of the random start.
        spacing: the ideal length of a link, in pixels.
        iterations: force iterations (default: 150 for small inputs, down to 60 for large).
        cell: width and height of one place in the rows of unlinked nodes, in pixels.
        aspect: the width of the drawing over its height, about.

    Returns:
        ``{node: (x, y)}`` rounded to 0.1 pixel; the linked nodes are centred on (0, 0)
        and the unlinked ones lie below them.
    """
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(min(a, b), max(a, b)) for a, b in ((index.get(s), index.get(o)) for s, o in links)
             if a is not None and b is not None and a != b}
    linked = sorted({i for pair in pairs for i in pair})
    local = {i: n for n, i in enumerate(linked)}
    edges = np.array(sorted((local[a], local[b]) for a, b in pairs), dtype=np.int64).reshape(-1, 2)
    positions = np.zeros((len(nodes), 2))
    bottom, width = 0.0, 0.0
    if linked:
        if iterations is None:
            iterations = int(np.clip(150 - len(linked) / 80, 60, 150))
        comp = _components(len(linked), edges[:, 0], edges[:, 1])
        pos = _forces(len(linked), edges[:, 0], edges[:, 1], comp, np.random.default_rng(seed), iterations)
        pos = _pack(pos * spacing, comp, (cell[0] * 0.9, spacing * 0.8), aspect)
        positions[linked] = pos
        bottom = float(pos[:, 1].max()) + 1.5 * spacing
        width = float(pos[:, 0].max() - pos[:, 0].min())
    alone = [i for i in range(len(nodes)) if i not in local]
    if alone:
        columns = max(1, int(max(width, math.sqrt(len(alone) * cell[0] * cell[1]) * 1.6) // cell[0]))
        for n, i in enumerate(alone):
            row, col = divmod(n, columns)
            positions[i] = ((col - (min(columns, len(alone)) - 1) / 2) * cell[0], bottom + row * cell[1])
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, positions)}
