"""The brokers' decisions as a matching benchmark (the format of benchmarks/public): so that
``scripts/evaluate.py DIR`` measures the engine against the bureau's own judgments.

Grades: a pair a broker accepted (or paired) is 2, and 3 when one side had asked for it; a pair a
broker rejected is 0. The needs are those with at least one decision; the achievements are every
published one (the pool the engine ranks) and every one decided on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from models import Achievement, AchievementStatus, Pairing, PairReview, ReviewStatus, TechNeed


@dataclass
class ExportSummary:
    needs: int
    achievements: int
    judged: int
    grades: dict[int, int]


def _industry(row) -> str | None:
    return row.industry.top.name if row.industry is not None else None


def _money(value) -> float | None:
    return float(value) if value is not None else None


def grades(session: Session) -> dict[tuple[int, int], int]:
    """(need id, achievement id) → grade, from reviews and pairings."""
    out: dict[tuple[int, int], int] = {}
    for pairing in session.scalars(select(Pairing).where(Pairing.achievement_id.is_not(None))):
        out[(pairing.need_id, pairing.achievement_id)] = 2
    for review in session.scalars(select(PairReview).where(PairReview.status != ReviewStatus.PENDING)):
        key = (review.need_id, review.achievement_id)
        if review.status == ReviewStatus.REJECTED:
            out.setdefault(key, 0)  # a pairing made later overrules an old rejection
        else:
            out[key] = 3 if review.requested_at is not None else 2
    return out


def export(session: Session, directory: Path) -> ExportSummary:
    judged = grades(session)
    if not judged:
        raise ValueError("no decisions yet: brokers have accepted or rejected nothing")
    need_ids = sorted({n for n, _ in judged})
    decided_achievements = {a for _, a in judged}
    needs = session.scalars(select(TechNeed).where(TechNeed.id.in_(need_ids))
                            .options(joinedload(TechNeed.industry)).order_by(TechNeed.id)).all()
    achievements = session.scalars(
        select(Achievement).where(or_(Achievement.status == AchievementStatus.PUBLISHED,
                                      Achievement.id.in_(decided_achievements)))
        .options(joinedload(Achievement.industry)).order_by(Achievement.id)).all()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "needs.jsonl", "w", encoding="utf-8") as fh:
        for need in needs:
            description = "\n".join(p for p in (need.description, need.current_situation, need.target_indicators) if p)
            fh.write(json.dumps({"id": f"N{need.id}", "title": need.title, "description": description,
                                 "industry": _industry(need), "keywords": list(need.keywords or []),
                                 "budget_wan": _money(need.budget_wan), "coop_modes": list(need.coop_modes or [])},
                                ensure_ascii=False) + "\n")
    with open(directory / "achievements.jsonl", "w", encoding="utf-8") as fh:
        for ach in achievements:
            abstract = "\n".join(p for p in (ach.abstract, ach.advantages) if p)
            fh.write(json.dumps({"id": f"A{ach.id}", "title": ach.title, "abstract": abstract,
                                 "industry": _industry(ach), "keywords": list(ach.keywords or []),
                                 "maturity": ach.maturity.value if ach.maturity else None,
                                 "ip_type": ach.ip_type.value if ach.ip_type else None,
                                 "coop_modes": list(ach.coop_modes or []), "price_wan": _money(ach.price_wan)},
                                ensure_ascii=False) + "\n")
    with open(directory / "qrels.tsv", "w", encoding="utf-8") as fh:
        for (need_id, ach_id), grade in sorted(judged.items()):
            fh.write(f"N{need_id}\tA{ach_id}\t{grade}\n")
    counts: dict[int, int] = {}
    for grade in judged.values():
        counts[grade] = counts.get(grade, 0) + 1
    return ExportSummary(len(needs), len(achievements), len(judged), dict(sorted(counts.items())))
