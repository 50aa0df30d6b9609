"""Measure ranking quality on a labelled benchmark directory.

Format (see benchmarks/public/README.md): ``needs.jsonl``, ``achievements.jsonl``,
``qrels.tsv`` (need_id, achievement_id, grade 0–3; unlisted pairs are 0) and an optional
``split.json`` ({"train": [...], "test": [...], "achievement_train": [...], "achievement_test": [...]}).

The benchmark is loaded into a throw-away database and index and ranked by the real engine.
Metrics: Recall@10 and MRR@10 count grade ≥ 1 as relevant; nDCG@10 uses gains 2^grade − 1.
Queries with no relevant item are left out of the averages (and counted).
"""
from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .glossary import is_english
from models import (
    Achievement,
    AchievementStatus,
    CoopMode,
    Industry,
    IPType,
    Maturity,
    NeedStatus,
    Organization,
    OrgKind,
    TechNeed,
)

K = 10
MODES = ("hybrid", "bm25", "dense")


class BenchmarkError(ValueError):
    """The benchmark directory is not in the expected format; the message says where."""


@dataclass
class Benchmark:
    needs: list[dict]
    achievements: list[dict]
    #: need id → {achievement id: grade}
    qrels: dict[str, dict[str, int]]
    split: dict[str, list[str]] = field(default_factory=dict)

    def need_ids(self, split: str | None) -> list[str]:
        return self._ids(self.needs, split, "")

    def achievement_ids(self, split: str | None) -> list[str]:
        return self._ids(self.achievements, split, "achievement_")

    def _ids(self, rows: list[dict], split: str | None, prefix: str) -> list[str]:
        ids = [r["id"] for r in rows]
        if split in (None, "all"):
            return ids
        key = prefix + split
        if key not in self.split:
            raise BenchmarkError(f"split.json has no {key!r} list")
        chosen = set(self.split[key])
        return [i for i in ids if i in chosen]

    def reverse_qrels(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for need_id, grades in self.qrels.items():
            for ach_id, grade in grades.items():
                out.setdefault(ach_id, {})[need_id] = grade
        return out


def _read_jsonl(path: Path, required: Sequence[str]) -> list[dict]:
    if not path.exists():
        raise BenchmarkError(f"missing file: {path}")
    rows, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise BenchmarkError(f"{path.name} line {number}: not valid JSON ({error.msg})") from None
        missing = [k for k in required if not row.get(k) or not str(row.get(k)).strip()]
        if missing:
            raise BenchmarkError(f"{path.name} line {number}: missing {', '.join(missing)}")
        if row["id"] in seen:
            raise BenchmarkError(f"{path.name} line {number}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        rows.append(row)
    if not rows:
        raise BenchmarkError(f"{path.name} is empty")
    return rows


def load_benchmark(directory: Path | str) -> Benchmark:
    directory = Path(directory)
    if not directory.is_dir():
        raise BenchmarkError(f"not a directory: {directory}")
    needs = _read_jsonl(directory / "needs.jsonl", ("id", "title", "description"))
    achievements = _read_jsonl(directory / "achievements.jsonl", ("id", "title", "abstract"))
    need_ids = {n["id"] for n in needs}
    ach_ids = {a["id"] for a in achievements}
    qrels_path = directory / "qrels.tsv"
    if not qrels_path.exists():
        raise BenchmarkError(f"missing file: {qrels_path}")
    qrels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(qrels_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise BenchmarkError(f"qrels.tsv line {number}: expected need_id<TAB>achievement_id<TAB>grade")
        need_id, ach_id, grade = (p.strip() for p in parts)
        if need_id not in need_ids or ach_id not in ach_ids:
            raise BenchmarkError(f"qrels.tsv line {number}: unknown id {need_id if need_id not in need_ids else ach_id!r}")
        if grade not in {"0", "1", "2", "3"}:
            raise BenchmarkError(f"qrels.tsv line {number}: grade must be 0–3, got {grade!r}")
        qrels.setdefault(need_id, {})[ach_id] = int(grade)
    split_path = directory / "split.json"
    split = json.loads(split_path.read_text(encoding="utf-8")) if split_path.exists() else {}
    return Benchmark(needs, achievements, qrels, split)


# --- metrics ---------------------------------------------------------------------------
def recall_at(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {i for i, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant)


def mrr_at(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    for position, item in enumerate(ranked[:k], start=1):
        if grades.get(item, 0) >= 1:
            return 1.0 / position
    return 0.0


def ndcg_at(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    def dcg(gains: Iterable[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

    ideal = dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    return dcg(grades.get(item, 0) for item in ranked[:k]) / ideal if ideal > 0 else 0.0


def score_runs(runs: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict:
    """Mean metrics over the queries that have at least one relevant item."""
    judged = [q for q in runs if any(g >= 1 for g in qrels.get(q, {}).values())]
    if not judged:
        return {"ndcg@10": 0.0, "recall@10": 0.0, "mrr@10": 0.0, "n": 0}
    mean = lambda f: sum(f(runs[q], qrels[q]) for q in judged) / len(judged)  # noqa: E731
    return {"ndcg@10": mean(ndcg_at), "recall@10": mean(recall_at), "mrr@10": mean(mrr_at), "n": len(judged)}


# --- loading into the real engine ------------------------------------------------------
def _money(value, where: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise BenchmarkError(f"{where}: not a number: {value!r}") from None
    if amount < 0:
        raise BenchmarkError(f"{where}: negative amount {value!r}")
    return amount.quantize(Decimal("0.01"))


def _by_label(enum_cls, value, where: str):
    if value in (None, ""):
        return None
    for member in enum_cls:
        if value in (member.label, member.value):
            return member
    raise BenchmarkError(f"{where}: unknown value {value!r} (expected one of {', '.join(m.label for m in enum_cls)})")


def _coop(values, where: str) -> list[str]:
    return [_by_label(CoopMode, v, where).value for v in (values or [])]


class BenchmarkRun:
    """A benchmark loaded into a throw-away database and index, ranked by the real engine."""

    def __init__(self, bench: Benchmark, *, encoder: str | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> None:
        from matchmaker import create_app
        from matchmaker.extensions import db
        from matchmaker.matching.runtime import matching_service
        from matchmaker.taxonomy.services import sync_taxonomy

        self.bench = bench
        self._tmp = tempfile.TemporaryDirectory(prefix="mm-eval-")
        overrides = {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{self._tmp.name}/bench.sqlite3",
            "MATCHING_INDEX_DIR": f"{self._tmp.name}/index",
        }
        if encoder:
            overrides["MATCHING_ENCODER"] = encoder
        self.app = create_app("testing", overrides=overrides)
        self.db = db
        self._ctx = self.app.app_context()
        self._ctx.push()
        db.create_all()
        sync_taxonomy(db.session)
        self.need_rows, self.ach_rows = self._load(db.session)
        db.session.commit()
        self.service = matching_service(self.app)
        total, done = len(self.need_rows) + len(self.ach_rows), [0]

        def tick(n: int) -> None:
            done[0] += n
            if progress:
                progress("text", done[0], total)

        self.service.rebuild(db.session, progress=tick)
        db.session.commit()
        self.need_key = {row.id: key for key, row in self.need_rows.items()}
        self.ach_key = {row.id: key for key, row in self.ach_rows.items()}

    def _load(self, session):
        tops = {i.name: i for i in session.query(Industry).filter(Industry.parent_id.is_(None))}

        def industry(row, where):
            name = row.get("industry")
            if name in (None, ""):
                return None
            if name not in tops:
                raise BenchmarkError(f"{where}: unknown industry {name!r} (expected one of {', '.join(tops)})")
            return tops[name]

        enterprise = Organization(name="评测企业", kind=OrgKind.ENTERPRISE, credit_code="91500101MA5U2X8N4E")
        university = Organization(name="评测高校", kind=OrgKind.UNIVERSITY, credit_code="12500000450400000Q")
        session.add_all([enterprise, university])
        session.flush()
        needs, achievements = {}, {}
        for row in self.bench.needs:
            where = f"needs.jsonl {row['id']}"
            needs[row["id"]] = TechNeed(
                organization_id=enterprise.id, title=row["title"][:120], description=row["description"],
                industry=industry(row, where), keywords=list(row.get("keywords") or []),
                coop_modes=_coop(row.get("coop_modes"), where), budget_wan=_money(row.get("budget_wan"), where),
                status=NeedStatus.OPEN,
            )
        for row in self.bench.achievements:
            where = f"achievements.jsonl {row['id']}"
            achievements[row["id"]] = Achievement(
                organization_id=university.id, title=row["title"][:120], abstract=row["abstract"],
                industry=industry(row, where), keywords=list(row.get("keywords") or []),
                maturity=_by_label(Maturity, row.get("maturity"), where),
                ip_type=_by_label(IPType, row.get("ip_type"), where),
                coop_modes=_coop(row.get("coop_modes"), where), price_wan=_money(row.get("price_wan"), where),
                status=AchievementStatus.PUBLISHED,
            )
        session.add_all(list(needs.values()) + list(achievements.values()))
        session.flush()
        return needs, achievements

    def rankings(self, direction: str, mode: str, query_ids: Sequence[str], k: int = K) -> dict[str, list[str]]:
        session = self.db.session
        out = {}
        for key in query_ids:
            if direction == "need2ach":
                scored = self.service.suggest_for_need(session, self.need_rows[key], k=k, mode=mode)
                out[key] = [self.ach_key[s.id] for s in scored]
            else:
                scored = self.service.suggest_for_achievement(session, self.ach_rows[key], k=k, mode=mode)
                out[key] = [self.need_key[s.id] for s in scored]
        return out

    def evaluate(self, direction: str = "need2ach", split: str | None = None, modes: Sequence[str] = MODES) -> dict:
        if direction == "need2ach":
            queries, qrels = self.bench.need_ids(split), self.bench.qrels
        else:
            queries, qrels = self.bench.achievement_ids(split), self.bench.reverse_qrels()
        results = {mode: score_runs(self.rankings(direction, mode, queries), qrels) for mode in modes}
        judged = results[modes[0]].pop("n")
        for mode in modes[1:]:
            results[mode].pop("n")
        results["n_queries"] = judged
        results["n_unjudged"] = len(queries) - judged
        return results

    def cross_language(self, mode: str, split: str | None = None) -> dict:
        """Where the English-abstract answers (grade ≥ 2) of Chinese needs land in the ranking."""
        english = {a["id"] for a in self.bench.achievements if is_english(a["abstract"])}
        pairs = [(n, a) for n in self.bench.need_ids(split) for a, g in self.bench.qrels.get(n, {}).items()
                 if g >= 2 and a in english]
        if not pairs:
            return {"pairs": 0}
        ranked = self.rankings("need2ach", mode, sorted({n for n, _ in pairs}), k=len(self.ach_rows))
        ranks = [ranked[n].index(a) + 1 if a in ranked[n] else len(self.ach_rows) for n, a in pairs]
        return {"pairs": len(pairs), "in_top10": sum(r <= 10 for r in ranks), "median_rank": sorted(ranks)[len(ranks) // 2],
                "ranks": ranks}

    def close(self) -> None:
        self.db.session.remove()
        self.db.engine.dispose()
        self._ctx.pop()
        self._tmp.cleanup()
