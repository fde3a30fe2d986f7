"""Kelurahan outlines as a topology: every border shared by two kelurahan is sent
once, as one arc, and each ring is a list of arc references (TopoJSON's idea). The
kecamatan outlines are then no geometry of their own, only the list of arcs where
the kecamatan changes. For a whole province this halves what the map sends for
its boundaries, and neighbouring outlines can no longer drift apart when simplified.

Coordinates are whole 1e-5 degree steps (~1 m), the grid of the polyline encoding;
the shipped boundaries share their border vertices exactly, so equal borders are
found by equal points. Arcs are simplified one by one (ends kept), so both sides of
a border stay identical.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

PRECISION = 100_000  # 1e-5 degrees, ~1 m

Point = tuple[int, int]


@dataclass(frozen=True)
class Topology:
    """`arcs`: simplified arcs, each an (n, 2) int array of (lon, lat) steps;
    `shapes`: per input geometry, its polygons, each a list of rings, each a list of
    arc references (i, or ~i for arc i walked backwards); `users`: per arc, the input
    geometries whose rings use it."""

    arcs: tuple[np.ndarray, ...]
    shapes: tuple[tuple[tuple[tuple[int, ...], ...], ...], ...]
    users: tuple[tuple[int, ...], ...]
    encoded: tuple[str, ...]  # each arc in the polyline encoding (see `encode_steps`)

    def borders(self, groups: Sequence[str]) -> list[int]:
        """Arcs between geometries of different groups (e.g. kecamatan), and the
        outer edge: the outline of every group, each border once."""
        return [
            i
            for i, used in enumerate(self.users)
            if len(used) == 1 or len({groups[u] for u in used}) > 1
        ]


def _rings(geom: Any) -> list[list[np.ndarray]]:
    """Polygons of `geom` as lists of rings of distinct int points (no closing point)."""
    out = []
    for part in shapely.get_parts(geom):
        if not isinstance(part, shapely.Polygon) or part.is_empty:
            continue
        rings = []
        for ring in [part.exterior, *part.interiors]:
            pts = np.round(shapely.get_coordinates(ring) * PRECISION).astype(np.int64)
            keep = np.ones(len(pts), dtype=bool)
            keep[1:] = (pts[1:] != pts[:-1]).any(axis=1)
            pts = pts[keep]
            if len(pts) > 1 and (pts[0] == pts[-1]).all():
                pts = pts[:-1]
            if len(pts) >= 3:
                rings.append(pts)
        if rings:
            out.append(rings)
    return out


def _junctions(all_rings: list[np.ndarray]) -> set[Point]:
    """Points where the rings through them do not all run the same way: where a
    border between two areas begins or ends."""
    neighbours: dict[Point, set[frozenset[Point]]] = {}
    for pts in all_rings:
        as_tuples = [tuple(p) for p in pts.tolist()]
        n = len(as_tuples)
        for i, p in enumerate(as_tuples):
            pair = frozenset((as_tuples[i - 1], as_tuples[(i + 1) % n]))
            neighbours.setdefault(p, set()).add(pair)
    return {p for p, pairs in neighbours.items() if len(pairs) > 1}


def _cut(pts: np.ndarray, junctions: set[Point]) -> list[np.ndarray]:
    """One ring cut at its junctions into arcs (each with both ends); a ring with no
    junction is one closed arc, started at its smallest point so that the same ring
    seen from two sides (an enclave) gives the same arc."""
    as_tuples = [tuple(p) for p in pts.tolist()]
    cuts = [i for i, p in enumerate(as_tuples) if p in junctions]
    if not cuts:
        start = min(range(len(as_tuples)), key=as_tuples.__getitem__)
        ring = np.roll(pts, -start, axis=0)
        return [np.vstack([ring, ring[:1]])]
    ring = np.roll(pts, -cuts[0], axis=0)
    cuts = [c - cuts[0] for c in cuts] + [len(pts)]
    closed = np.vstack([ring, ring[:1]])
    return [closed[a : b + 1] for a, b in itertools.pairwise(cuts)]


def _closed_canonical(arc: np.ndarray) -> np.ndarray:
    """A closed arc walked the other way, started at its smallest point."""
    ring = arc[:-1][::-1]
    as_tuples = [tuple(p) for p in ring.tolist()]
    start = min(range(len(as_tuples)), key=as_tuples.__getitem__)
    ring = np.roll(ring, -start, axis=0)
    return np.vstack([ring, ring[:1]])


def _simplify(arc: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on one arc, its ends kept; a closed arc keeps at least a triangle."""
    if tolerance <= 0 or len(arc) <= 2:
        return arc
    line = shapely.LineString(arc.astype(float))
    coords = shapely.get_coordinates(shapely.simplify(line, tolerance))
    simple: np.ndarray = np.round(coords).astype(np.int64)
    closed = (arc[0] == arc[-1]).all()
    return arc if closed and len(simple) < 4 else simple


def encode_steps(steps: np.ndarray) -> str:
    """Points as whole 1e-5 steps ([[lon, lat], ...]) in the polyline encoding."""
    points = np.asarray(steps, dtype=np.int64)[:, [1, 0]]
    deltas = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    out: list[str] = []
    for value in (deltas << 1) ^ (deltas >> 63):  # zigzag: small magnitudes, small codes
        v = int(value)
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        out.append(chr(v + 63))
    return "".join(out)


def build(geoms: Sequence[Any], tolerance_deg: float) -> Topology:
    """The topology of `geoms` (polygons or multipolygons, lon/lat degrees), arcs
    simplified by `tolerance_deg`."""
    shapes_rings = [_rings(g) for g in geoms]
    all_rings = [r for polygons in shapes_rings for rings in polygons for r in rings]
    junctions = _junctions(all_rings)
    index: dict[tuple[Point, ...], int] = {}
    arcs: list[np.ndarray] = []
    users: list[set[int]] = []
    shapes: list[tuple[tuple[tuple[int, ...], ...], ...]] = []
    for shape_no, polygons in enumerate(shapes_rings):
        shape = []
        for rings in polygons:
            refs_rings = []
            for pts in rings:
                refs = []
                for arc in _cut(pts, junctions):
                    key = tuple(map(tuple, arc.tolist()))
                    if key in index:
                        ref = index[key]
                    else:
                        closed = (arc[0] == arc[-1]).all()
                        back = _closed_canonical(arc) if closed else arc[::-1]
                        back_key = tuple(map(tuple, back.tolist()))
                        if back_key in index:
                            ref = ~index[back_key]
                        else:
                            ref = len(arcs)
                            index[key] = ref
                            arcs.append(arc)
                            users.append(set())
                    users[ref if ref >= 0 else ~ref].add(shape_no)
                    refs.append(ref)
                refs_rings.append(tuple(refs))
            shape.append(tuple(refs_rings))
        shapes.append(tuple(shape))
    tolerance = tolerance_deg * PRECISION
    simple = [_simplify(a, tolerance) for a in arcs]
    # a ring whose arcs all shrank to their ends would be a line: keep its detail
    for ring_refs in (r for s in shapes for p in s for r in p):
        if sum(len(simple[r if r >= 0 else ~r]) - 1 for r in ring_refs) < 3:
            for r in ring_refs:
                simple[r if r >= 0 else ~r] = arcs[r if r >= 0 else ~r]
    return Topology(
        arcs=tuple(simple),
        shapes=tuple(shapes),
        users=tuple(tuple(sorted(u)) for u in users),
        encoded=tuple(encode_steps(a) for a in simple),
    )


@lru_cache(maxsize=8)
def _cached(wkbs: tuple[bytes, ...], tolerance_deg: float) -> Topology:
    return build([shapely.from_wkb(w) for w in wkbs], tolerance_deg)


def of(geoms: Sequence[Any], tolerance_deg: float) -> Topology:
    """`build`, kept for the same geometries (boundaries change rarely; the map is
    rebuilt often)."""
    return _cached(tuple(shapely.to_wkb(g) for g in geoms), tolerance_deg)
