"""征集批次与遴选: prioritising what a yearly collection (征集) brought in.

Each 征集表 import is an ImportBatch that its needs and achievements remember (``batch_id``). Brokers
work through a batch, filtered by industry, region, status and mark, and mark needs as key (重点需求)
and achievements as selected (遴选成果), each with a rationale; the funnel of a batch counts what was
collected and what was marked (the bureau's 2024 figures: 242 → 33 needs, 71 → 43 achievements).

A mark belongs to the need or achievement, not to the batch: the batch page is one view onto its
members, the listing's own page is another, and a listing posted on the platform (no batch) can be
marked there too. Only batch members count in a funnel. Who may mark is the model's rule
(``TechNeed.can_mark_key``, ``Achievement.can_select``); the pages are for brokers and admins.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Industry,
    NeedStatus,
    Organization,
    TechNeed,
    User,
    utcnow,
)

from .. import audit
from ..errors import DomainError, NotFound, PermissionDenied
from ..listings.search import apply_text_search, industry_and_children

#: Longest rationale a broker may give for a mark.
RATIONALE_MAX = 500


# --- what differs between marking needs (重点) and achievements (遴选) --------------------------
@dataclass(frozen=True)
class Kind:
    """One side of the collection: its model, the columns of its mark, its words and audit codes."""

    slug: str  #: URL segment, as the listing's own pages use it
    import_kind: ImportKind
    model: type
    flag: str
    rationale_attr: str
    by_attr: str
    at_attr: str
    predicate: str  #: the model's permission predicate for marking
    statuses: type
    withdrawn: Any
    money_attr: str
    detail_endpoint: str
    detail_arg: str
    mark_action: str
    unmark_action: str
    # words, translated at display time
    noun: Any
    collected_label: Any
    marked_label: Any
    badge: Any
    mark_label: Any
    unmark_label: Any
    money_label: Any
    denied: Any
    missing: Any
    not_found: Any
    refused_withdrawn: Any
    marked_message: Any
    updated_message: Any
    unmarked_message: Any

    def is_marked(self, item) -> bool:
        return bool(getattr(item, self.flag))

    def rationale(self, item) -> str | None:
        return getattr(item, self.rationale_attr)

    def marked_by(self, item) -> User | None:
        return getattr(item, self.by_attr)

    def marked_at(self, item) -> datetime | None:
        return getattr(item, self.at_attr)

    def money(self, item):
        return getattr(item, self.money_attr)

    def may_mark(self, item, user: User) -> bool:
        return getattr(item, self.predicate)(user)

    def column(self, attr: str):
        return getattr(self.model, attr)


NEEDS = Kind(
    slug="needs", import_kind=ImportKind.NEEDS, model=TechNeed, flag="is_key", rationale_attr="key_rationale",
    by_attr="key_marked_by", at_attr="key_marked_at", predicate="can_mark_key", statuses=NeedStatus,
    withdrawn=NeedStatus.WITHDRAWN, money_attr="budget_wan", detail_endpoint="needs.detail", detail_arg="need_id",
    mark_action="need.mark_key", unmark_action="need.unmark_key",
    noun=_l("技术需求"), collected_label=_l("征集需求"), marked_label=_l("重点需求"), badge=_l("重点"),
    mark_label=_l("标为重点"), unmark_label=_l("取消重点"), money_label=_l("预算"),
    denied=_l("只有技术经纪人和管理员可以标记重点需求。"),
    missing=_l("请填写标为重点需求的理由。"),
    not_found=_l("需求不存在。"),
    refused_withdrawn=_l("需求已撤回，不能标为重点需求。"),
    marked_message=_l("已标为重点需求。"), updated_message=_l("已更新重点需求的理由。"),
    unmarked_message=_l("已取消重点需求标记。"),
)
ACHIEVEMENTS = Kind(
    slug="achievements", import_kind=ImportKind.ACHIEVEMENTS, model=Achievement, flag="is_selected",
    rationale_attr="selection_rationale", by_attr="selected_by", at_attr="selected_at", predicate="can_select",
    statuses=AchievementStatus, withdrawn=AchievementStatus.WITHDRAWN, money_attr="price_wan",
    detail_endpoint="achievements.detail", detail_arg="ach_id",
    mark_action="achievement.select", unmark_action="achievement.unselect",
    noun=_l("科技成果"), collected_label=_l("收集成果"), marked_label=_l("遴选成果"), badge=_l("遴选"),
    mark_label=_l("遴选"), unmark_label=_l("取消遴选"), money_label=_l("意向价格"),
    denied=_l("只有技术经纪人和管理员可以遴选成果。"),
    missing=_l("请填写遴选该成果的理由。"),
    not_found=_l("成果不存在。"),
    refused_withdrawn=_l("成果已撤回，不能遴选。"),
    marked_message=_l("已遴选该成果。"), updated_message=_l("已更新遴选理由。"),
    unmarked_message=_l("已取消遴选。"),
)
KINDS: dict[str, Kind] = {k.slug: k for k in (NEEDS, ACHIEVEMENTS)}
BY_IMPORT_KIND: dict[ImportKind, Kind] = {k.import_kind: k for k in KINDS.values()}


def kind_of(item_or_batch) -> Kind:
    if isinstance(item_or_batch, ImportBatch):
        return BY_IMPORT_KIND[item_or_batch.kind]
    return NEEDS if isinstance(item_or_batch, TechNeed) else ACHIEVEMENTS


def require_staff(actor: User) -> None:
    """The collection pages are the bureau's working material: brokers and admins."""
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人和管理员可以查看征集批次。"))


# --- the funnel -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    """Collected (征集 / 收集) and marked (重点 / 遴选) members of one batch, or of several."""

    collected: int = 0
    marked: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.marked / self.collected, 1) if self.collected else 0.0

    def __add__(self, other: "Count") -> "Count":
        return Count(self.collected + other.collected, self.marked + other.marked)


@dataclass(frozen=True)
class Funnel:
    batch: ImportBatch
    count: Count

    @property
    def kind(self) -> Kind:
        return kind_of(self.batch)


@dataclass(frozen=True)
class YearTotals:
    """Every imported batch of a year added up, per side."""

    year: int
    needs: Count
    achievements: Count


def _counts(session: Session, kind: Kind, batch_ids: list[int]) -> dict[int, Count]:
    if not batch_ids:
        return {}
    model = kind.model
    marked = func.sum(case((kind.column(kind.flag).is_(True), 1), else_=0))
    rows = session.execute(
        select(model.batch_id, func.count(model.id), marked)
        .where(model.batch_id.in_(batch_ids))
        .group_by(model.batch_id)
    )
    return {batch_id: Count(int(total), int(flagged or 0)) for batch_id, total, flagged in rows}


def batch_funnels(session: Session) -> list[Funnel]:
    """Every imported batch with its funnel: newest year first, needs before achievements."""
    batches = list(session.scalars(
        select(ImportBatch).where(ImportBatch.status == ImportStatus.IMPORTED)
        .order_by(ImportBatch.year.desc(), case((ImportBatch.kind == ImportKind.NEEDS, 0), else_=1),
                  ImportBatch.id.desc())
    ))
    counts: dict[int, Count] = {}
    for kind in KINDS.values():
        counts.update(_counts(session, kind, [b.id for b in batches if b.kind == kind.import_kind]))
    return [Funnel(b, counts.get(b.id, Count())) for b in batches]


def funnel_for(session: Session, batch: ImportBatch) -> Funnel:
    return Funnel(batch, _counts(session, kind_of(batch), [batch.id]).get(batch.id, Count()))


def year_totals(funnels: list[Funnel]) -> list[YearTotals]:
    """The funnels of each year added up across its batches, newest year first."""
    sums: dict[int, dict[str, Count]] = defaultdict(lambda: {k: Count() for k in KINDS})
    for funnel in funnels:
        sums[funnel.batch.year][funnel.kind.slug] += funnel.count
    return [YearTotals(year, sums[year]["needs"], sums[year]["achievements"])
            for year in sorted(sums, reverse=True)]


# --- one batch's members -----------------------------------------------------------------------
def get_batch(session: Session, batch_id: int, actor: User) -> ImportBatch:
    """An imported batch, for brokers and admins (403 for anyone else, before anything is looked up)."""
    require_staff(actor)
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.status != ImportStatus.IMPORTED:
        raise NotFound(_("征集批次不存在。"))
    return batch


MARKED_CHOICES = ("1", "0")


@dataclass
class BatchFilters:
    """A batch page's filters, parsed leniently from the query string (so the URL can be shared)."""

    batch_id: int
    q: str = ""
    industry_id: int | None = None
    region_id: int | None = None
    status: str | None = None
    #: "" every member, "1" only the marked (重点 / 遴选), "0" only the others.
    marked: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, batch: ImportBatch, args: Mapping[str, str]) -> "BatchFilters":
        def as_int(name: str) -> int | None:
            value = args.get(name, "")
            return int(value) if value.isdigit() else None

        statuses = {s.value for s in kind_of(batch).statuses}
        return cls(
            batch_id=batch.id,
            q=args.get("q", "").strip()[:100],
            industry_id=as_int("industry"),
            region_id=as_int("region"),
            status=args.get("status") if args.get("status") in statuses else None,
            marked=args.get("marked") if args.get("marked") in MARKED_CHOICES else "",
            page=max(as_int("page") or 1, 1),
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.industry_id or self.region_id or self.status or self.marked)

    def query_args(self, **overrides: Any) -> dict[str, Any]:
        """URL arguments of the batch page with these filters (pagination links, the row's way back)."""
        args = {"batch_id": self.batch_id, "q": self.q or None, "industry": self.industry_id,
                "region": self.region_id, "status": self.status, "marked": self.marked or None}
        args.update(overrides)
        return {k: v for k, v in args.items() if v is not None}


def batch_members(session: Session, batch: ImportBatch, viewer: User, filters: BatchFilters) -> Select:
    """The batch's needs (or achievements) matching ``filters``, in the order they were collected."""
    kind = kind_of(batch)
    model = kind.model
    stmt = (
        select(model)
        .where(model.batch_id == batch.id, model.visible_to(viewer))
        .options(joinedload(model.organization).joinedload(Organization.region),
                 joinedload(model.industry).joinedload(Industry.parent),
                 joinedload(kind.column(kind.by_attr)))
    )
    stmt = apply_text_search(stmt, [model.title], filters.q)
    if filters.industry_id:
        stmt = stmt.where(model.industry_id.in_(industry_and_children(session, filters.industry_id)))
    if filters.region_id:
        stmt = stmt.where(model.organization_id.in_(
            select(Organization.id).where(Organization.region_id == filters.region_id)))
    if filters.status:
        stmt = stmt.where(model.status == kind.statuses(filters.status))
    if filters.marked:
        stmt = stmt.where(kind.column(kind.flag).is_(filters.marked == "1"))
    # The sheet's order (ids follow the rows): a row keeps its place while the broker marks.
    return stmt.order_by(model.id)


def industry_filter_choices(session: Session) -> list[tuple[int, str]]:
    """Every industry, directions under their top one; retired directions too, since records keep them."""
    tops = session.scalars(
        select(Industry).where(Industry.parent_id.is_(None)).order_by(Industry.position)
        .options(joinedload(Industry.children))
    ).unique()
    choices: list[tuple[int, str]] = []
    for top in tops:
        choices.append((top.id, top.name))
        for child in top.children:
            retired = _("（已停用）") if child.retired_at is not None else ""
            choices.append((child.id, f"{top.name} · {child.name}{retired}"))
    return choices


# --- marking ----------------------------------------------------------------------------------
def get_item(session: Session, kind: Kind, item_id: int, viewer: User):
    """The need or achievement, if the viewer may see it; otherwise NotFound (no hint it exists)."""
    item = session.get(kind.model, item_id)
    if item is None or not item.can_view(viewer):
        raise NotFound(str(kind.not_found))
    return item


def clean_rationale(kind: Kind, text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(str(kind.missing), field="rationale")
    if len(text) > RATIONALE_MAX:
        raise DomainError(_("理由不能超过 %(max)d 个字（现为 %(n)d 个字）。", max=RATIONALE_MAX, n=len(text)),
                          field="rationale")
    return text


def mark(session: Session, item, actor: User, rationale: str | None, *, now: datetime | None = None) -> str:
    """Mark a need as key (重点) or an achievement as selected (遴选), with why; marking a marked one
    again replaces its rationale. Returns the message to show."""
    kind = kind_of(item)
    if not kind.may_mark(item, actor):
        raise PermissionDenied(str(kind.denied))
    if item.status == kind.withdrawn:
        raise DomainError(str(kind.refused_withdrawn))
    text = clean_rationale(kind, rationale)
    previous = kind.rationale(item) if kind.is_marked(item) else None
    if kind.is_marked(item) and previous == text:
        return str(kind.marked_message)  # the same again: nothing to write
    setattr(item, kind.flag, True)
    setattr(item, kind.rationale_attr, text)
    setattr(item, kind.by_attr, actor)
    setattr(item, kind.at_attr, now or utcnow())
    session.flush()
    data = {"rationale": text, "batch_id": item.batch_id}
    if previous is not None:
        data["previous_rationale"] = previous
    audit.record(session, actor, kind.mark_action, item, **data)
    return str(kind.updated_message if previous is not None else kind.marked_message)


def unmark(session: Session, item, actor: User) -> str:
    """Take the mark off (idempotent); the audit keeps the rationale it had."""
    kind = kind_of(item)
    if not kind.may_mark(item, actor):
        raise PermissionDenied(str(kind.denied))
    if kind.is_marked(item):
        previous = kind.rationale(item)
        setattr(item, kind.flag, False)
        for attr in (kind.rationale_attr, kind.by_attr, kind.at_attr):
            setattr(item, attr, None)
        session.flush()
        audit.record(session, actor, kind.unmark_action, item, rationale=previous, batch_id=item.batch_id)
    return str(kind.unmarked_message)


def batch_overview(session: Session, viewer: User, limit: int = 4) -> list[Funnel]:
    """The newest batches' funnels, for the broker's home page (nothing for anyone else)."""
    return batch_funnels(session)[:limit] if viewer.is_staff else []
