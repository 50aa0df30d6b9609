"""Exports of needs, achievements, pairings and contracts to ``.xlsx`` and ``.csv``.

An export holds exactly the rows the reader may see on the matching list page, filtered as the page
filters them: the rows come from the list pages' own queries and the models' ``visible_to``
predicates, never from a second copy of the rules. A confidential need's enterprise is shown as the
pages show it ("某企业(行业)") unless ``need.can_see_owner(reader)``; the contact person and phone only
with ``need.can_see_contact(reader)``; the credit code and the brokers' rationales are for staff.
Every export is audited (``export.<kind>`` with its format, filters and row count) in the request's
transaction, and every cell goes through ``matchmaker.spreadsheets`` (formula injection neutralised).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterable, Iterator, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import get_timezone
from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    Contract,
    ContractType,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Maturity,
    NeedStatus,
    Pairing,
    Stage,
    TechNeed,
    User,
)

from .. import audit
from ..achievements.services import search_achievements
from ..errors import DomainError
from ..listings.rules import BUREAU_TZ, bureau_today
from ..listings.search import ListingFilters
from ..needs.services import search_needs
from ..pairings.services import pairings_for
from ..spreadsheets import CSV_MIMETYPE, XLSX_MIMETYPE, Sheet, attachment, csv_bytes, xlsx_bytes
from ..templating import label, owner_label

FORMATS = {"xlsx": XLSX_MIMETYPE, "csv": CSV_MIMETYPE}


# --- filters -----------------------------------------------------------------------------------
def _year(value: str) -> str | None:
    return value if value.isdigit() and 2000 <= int(value) <= 2100 else None


def _digits(value: str) -> str | None:
    return value if value.isdigit() else None


def _one_of(values: Iterable[str]) -> Callable[[str], str | None]:
    allowed = set(values)
    return lambda value: value if value in allowed else None


def _flag(value: str) -> str | None:
    return value if value in ("0", "1") else None


def _in_year(column, year: str) -> ColumnElement[bool]:
    """Within the bureau's calendar year (timestamps are stored in UTC, aware)."""
    start, end = (datetime(int(year) + n, 1, 1, tzinfo=BUREAU_TZ) for n in (0, 1))
    return and_(column >= start, column < end)


# --- rows --------------------------------------------------------------------------------------
def _listing_select(search, model):
    """The list page's query for needs or achievements, plus the batch and year filters."""

    def build(session: Session, reader: User, filters: dict[str, str]) -> Select:
        stmt = search(session, reader, ListingFilters.from_args(filters))
        if filters.get("batch"):
            stmt = stmt.where(model.batch_id == int(filters["batch"]))
        if filters.get("year"):
            stmt = stmt.where(_in_year(model.created_at, filters["year"]))
        return stmt

    return build


def _pairings_select(session: Session, reader: User, filters: dict[str, str]) -> Select:
    stage = Stage(filters["stage"]) if filters.get("stage") else None
    stmt = pairings_for(session, reader, stage).options(
        joinedload(Pairing.broker), joinedload(Pairing.contract), joinedload(Pairing.need).joinedload(TechNeed.industry)
    )
    if filters.get("year"):
        stmt = stmt.where(_in_year(Pairing.created_at, filters["year"]))
    return stmt


def _contracts_select(session: Session, reader: User, filters: dict[str, str]) -> Select:
    stmt = (
        select(Contract)
        .where(Contract.visible_to(reader))
        .options(
            joinedload(Contract.pairing).joinedload(Pairing.need).joinedload(TechNeed.organization),
            joinedload(Contract.buyer),
            joinedload(Contract.seller),
        )
        .order_by(Contract.signed_on.desc(), Contract.id.desc())
    )
    if filters.get("type"):
        stmt = stmt.where(Contract.contract_type == ContractType(filters["type"]))
    if filters.get("registered") == "1":
        stmt = stmt.where(Contract.registration_no.is_not(None))
    elif filters.get("registered") == "0":
        stmt = stmt.where(Contract.registration_no.is_(None))
    if filters.get("year"):
        year = int(filters["year"])
        stmt = stmt.where(Contract.signed_on >= date(year, 1, 1), Contract.signed_on < date(year + 1, 1, 1))
    return stmt


# --- cells -------------------------------------------------------------------------------------
class Reader:
    """Who reads the file, and what every row repeats, translated once per export (a few thousand
    rows would otherwise spend most of their time looking up the same few translations)."""

    def __init__(self, user: User) -> None:
        self.user = user
        self._tz = get_timezone()
        self._labels: dict[Any, str] = {}
        self._masked: dict[int | None, str] = {}
        self._yes, self._no, self._sep = _("是"), _("否"), _("、")

    def label(self, value: Any) -> str:
        """An enum member's translated title (as the ``label`` filter shows it)."""
        if value not in self._labels:
            self._labels[value] = label(value)
        return self._labels[value]

    def labels(self, values: Iterable[Any]) -> str:
        return self.join(self.label(v) for v in values)

    def join(self, values: Iterable[str]) -> str:
        return self._sep.join(values)

    def yes_no(self, flag: bool) -> str:
        return self._yes if flag else self._no

    def when(self, value: datetime | None) -> datetime | None:
        """A stored (UTC) timestamp in the reader's time zone, as the pages show it."""
        return value.astimezone(self._tz) if value is not None else None

    def owner(self, need: TechNeed) -> str:
        """The need's enterprise, or the pages' "某企业(行业)" when it is confidential to the reader."""
        if need.can_see_owner(self.user):
            return need.organization.name
        key = need.industry.top.id if need.industry is not None else None
        if key not in self._masked:
            self._masked[key] = owner_label(need, self.user)
        return self._masked[key]


def _industry(row) -> str | None:
    return row.industry.full_name if row.industry is not None else None


def _batch(row) -> str | None:
    return row.batch.label if row.batch is not None else getattr(row, "source_batch", None)


def _need_region(need: TechNeed, r: Reader) -> str | None:
    """The enterprise's region, which would narrow down a confidential enterprise: only with its name."""
    region = need.organization.region
    return region.name if region is not None and need.can_see_owner(r.user) else None


def _buyer(contract: Contract, r: Reader) -> str | None:
    """The buyer, masked as the contract's page masks it when its need is confidential to the reader."""
    need = contract.pairing.need if contract.pairing is not None else None
    if need is not None and not need.can_see_owner(r.user):
        return r.owner(need)
    return contract.buyer.name if contract.buyer is not None else None


@dataclass(frozen=True)
class Column:
    header: Any  # a lazy string, translated when the file is written
    value: Callable[[Any, Reader], Any]
    #: Only brokers and admins get this column (e.g. the credit code).
    staff_only: bool = False


NEED_COLUMNS = (
    Column(_l("编号"), lambda n, r: n.id),
    Column(_l("需求名称"), lambda n, r: n.title),
    Column(_l("需求描述"), lambda n, r: n.description),
    Column(_l("现状与痛点"), lambda n, r: n.current_situation),
    Column(_l("目标技术指标"), lambda n, r: n.target_indicators),
    Column(_l("所属行业"), lambda n, r: _industry(n)),
    Column(_l("关键词"), lambda n, r: r.join(n.keywords or [])),
    Column(_l("企业名称"), lambda n, r: r.owner(n)),
    Column(_l("统一社会信用代码"), lambda n, r: n.organization.credit_code, staff_only=True),
    Column(_l("所在地区"), _need_region),
    Column(_l("预算(万元)"), lambda n, r: n.budget_wan),
    Column(_l("合作方式"), lambda n, r: r.labels(n.coop_mode_list)),
    Column(_l("截止日期"), lambda n, r: n.deadline),
    Column(_l("联系人"), lambda n, r: n.contact_name if n.can_see_contact(r.user) else None),
    Column(_l("联系电话"), lambda n, r: n.contact_phone if n.can_see_contact(r.user) else None),
    Column(_l("状态"), lambda n, r: r.label(n.status)),
    Column(_l("重点需求"), lambda n, r: r.yes_no(n.is_key)),
    Column(_l("重点理由"), lambda n, r: n.key_rationale, staff_only=True),
    Column(_l("批次"), lambda n, r: _batch(n)),
    Column(_l("创建时间"), lambda n, r: r.when(n.created_at)),
)

ACHIEVEMENT_COLUMNS = (
    Column(_l("编号"), lambda a, r: a.id),
    Column(_l("成果名称"), lambda a, r: a.title),
    Column(_l("成果简介"), lambda a, r: a.abstract),
    Column(_l("技术优势"), lambda a, r: a.advantages),
    Column(_l("所属行业"), lambda a, r: _industry(a)),
    Column(_l("关键词"), lambda a, r: r.join(a.keywords or [])),
    Column(_l("完成单位"), lambda a, r: a.organization.name),
    Column(_l("统一社会信用代码"), lambda a, r: a.organization.credit_code, staff_only=True),
    Column(_l("所在地区"), lambda a, r: a.organization.region.name if a.organization.region else None),
    Column(_l("团队"), lambda a, r: a.team.name if a.team else None),
    Column(_l("团队负责人"), lambda a, r: a.team.leader if a.team else None),
    Column(_l("成熟度"), lambda a, r: r.label(a.maturity)),
    Column(_l("技术就绪度(TRL)"), lambda a, r: a.trl),
    Column(_l("知识产权类型"), lambda a, r: r.label(a.ip_type)),
    Column(_l("专利号"), lambda a, r: a.ip_numbers),
    Column(_l("合作方式"), lambda a, r: r.labels(a.coop_mode_list)),
    Column(_l("意向价格(万元)"), lambda a, r: a.price_wan),
    Column(_l("状态"), lambda a, r: r.label(a.status)),
    Column(_l("遴选成果"), lambda a, r: r.yes_no(a.is_selected)),
    Column(_l("遴选理由"), lambda a, r: a.selection_rationale, staff_only=True),
    Column(_l("批次"), lambda a, r: _batch(a)),
    Column(_l("创建时间"), lambda a, r: r.when(a.created_at)),
)

PAIRING_COLUMNS = (
    Column(_l("对接编号"), lambda p, r: p.id),
    Column(_l("需求"), lambda p, r: p.need.title),
    Column(_l("企业"), lambda p, r: r.owner(p.need)),
    Column(_l("所属行业"), lambda p, r: _industry(p.need)),
    Column(_l("成果"), lambda p, r: p.supply_title),
    Column(_l("成果单位"), lambda p, r: p.seller_org.name if p.seller_org else None),
    Column(_l("阶段"), lambda p, r: r.label(p.stage)),
    Column(_l("经纪人"), lambda p, r: p.broker.name if p.broker else None),
    Column(_l("终止原因"), lambda p, r: r.label(p.closed_code)),
    Column(_l("创建时间"), lambda p, r: r.when(p.created_at)),
    Column(_l("更新时间"), lambda p, r: r.when(p.updated_at)),
    Column(_l("合同编号"), lambda p, r: p.contract_id),
    Column(_l("登记编号"), lambda p, r: p.registration_no),
)

CONTRACT_COLUMNS = (
    Column(_l("合同编号"), lambda c, r: c.id),
    Column(_l("对接编号"), lambda c, r: c.pairing.id if c.pairing else None),
    Column(_l("需求"), lambda c, r: c.pairing.need.title if c.pairing else None),
    Column(_l("合同类型"), lambda c, r: r.label(c.contract_type)),
    Column(_l("子类型"), lambda c, r: r.label(c.sub_type)),
    Column(_l("成交额(万元)"), lambda c, r: c.amount_wan),
    Column(_l("技术交易额(万元)"), lambda c, r: c.tech_income_wan),
    Column(_l("签订日期"), lambda c, r: c.signed_on),
    Column(_l("合同期限(月)"), lambda c, r: c.term_months),
    Column(_l("买方"), _buyer),
    Column(_l("卖方"), lambda c, r: c.seller.name if c.seller else None),
    Column(_l("登记编号"), lambda c, r: c.registration_no),
    Column(_l("登记日期"), lambda c, r: c.registered_on),
    Column(_l("核定技术交易额(万元)"), lambda c, r: c.registered_income_wan),
)


@dataclass(frozen=True)
class ExportKind:
    """One kind of export: its title, columns, accepted filters and the query its rows come from."""

    code: str
    title: Any
    columns: tuple[Column, ...]
    #: filter name → normaliser (returns the value kept, or None to drop it).
    filters: Mapping[str, Callable[[str], str | None]]
    select: Callable[[Session, User, dict[str, str]], Select]
    #: The import batches its ``batch`` filter chooses from, if it has one.
    import_kind: ImportKind | None = None

    def columns_for(self, reader: User) -> list[Column]:
        return [c for c in self.columns if reader.is_staff or not c.staff_only]


def _listing_filters(statuses: Iterable[Any], **extra: Callable[[str], str | None]) -> dict:
    """The list page's filters (ListingFilters.from_args reads them) plus the batch and the year."""
    return {"q": lambda value: value or None, "industry": _digits, "region": _digits,
            "status": _one_of(s.value for s in statuses), "flagged": _one_of(["1"]), "mine": _one_of(["1"]),
            **extra, "batch": _digits, "year": _year}


KINDS: dict[str, ExportKind] = {
    kind.code: kind
    for kind in (
        ExportKind("needs", _l("技术需求"), NEED_COLUMNS, _listing_filters(NeedStatus),
                   _listing_select(search_needs, TechNeed), ImportKind.NEEDS),
        ExportKind("achievements", _l("科技成果"), ACHIEVEMENT_COLUMNS,
                   _listing_filters(AchievementStatus, maturity=_one_of(m.value for m in Maturity)),
                   _listing_select(search_achievements, Achievement), ImportKind.ACHIEVEMENTS),
        ExportKind("pairings", _l("对接记录"), PAIRING_COLUMNS,
                   {"stage": _one_of(s.value for s in Stage), "year": _year}, _pairings_select),
        ExportKind("contracts", _l("技术合同"), CONTRACT_COLUMNS,
                   {"type": _one_of(t.value for t in ContractType), "registered": _flag, "year": _year},
                   _contracts_select),
    )
}


def kind_of(code: str | None) -> ExportKind:
    kind = KINDS.get(code or "")
    if kind is None:
        raise DomainError(_("未知的导出类型。"), field="kind")
    return kind


def parse_filters(kind: ExportKind, args: Mapping[str, str]) -> dict[str, str]:
    """The filters ``kind`` accepts, as given in ``args`` (the list page's query string or a form),
    without the empty or malformed ones: what the rows are chosen by and what the audit records."""
    filters = {}
    for name, keep in kind.filters.items():
        value = keep((args.get(name) or "").strip()[:100])
        if value is not None:
            filters[name] = value
    return filters


def count_rows(session: Session, reader: User, kind: ExportKind, filters: dict[str, str]) -> int:
    """How many rows an export with these filters would hold (for the export page; reads only)."""
    stmt = kind.select(session, reader, filters).order_by(None)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def batches_for(session: Session, kind: ExportKind, reader: User) -> list[ImportBatch]:
    """The imported batches the export page offers as a filter: batches are the brokers' working
    material (the collection pages are theirs), so others are offered none."""
    if kind.import_kind is None or not reader.is_staff:
        return []
    return list(session.scalars(
        select(ImportBatch)
        .where(ImportBatch.kind == kind.import_kind, ImportBatch.status == ImportStatus.IMPORTED)
        .order_by(ImportBatch.year.desc(), ImportBatch.id.desc())
    ))


# --- the file ----------------------------------------------------------------------------------
@dataclass
class ExportFile:
    data: bytes
    mimetype: str
    #: e.g. 技术需求_2026-12-02.xlsx, and an ASCII name for clients without RFC 5987 support.
    filename: str
    ascii_filename: str
    rows: int

    @property
    def content_disposition(self) -> str:
        return attachment(self.filename, self.ascii_filename)


def export(session: Session, reader: User, kind: ExportKind, fmt: str, args: Mapping[str, str],
           *, today: date | None = None) -> ExportFile:
    """The file of ``kind`` rows the reader may see, filtered by ``args``; audited as ``export.<kind>``."""
    if fmt not in FORMATS:
        raise DomainError(_("不支持的导出格式：%(f)s", f=fmt), field="format")
    filters = parse_filters(kind, args)
    columns = kind.columns_for(reader)
    headers = [str(c.header) for c in columns]
    counted = _Counter(session.scalars(kind.select(session, reader, filters)))
    cells = Reader(reader)
    rows = ([c.value(item, cells) for c in columns] for item in counted)
    if fmt == "xlsx":
        data = xlsx_bytes([Sheet(str(kind.title), headers, rows)])
    else:
        data = csv_bytes(headers, rows)
    audit.record(session, reader, f"export.{kind.code}", None, format=fmt, filters=filters, rows=counted.n)
    session.flush()
    day = (today or bureau_today()).isoformat()
    return ExportFile(data=data, mimetype=FORMATS[fmt], filename=f"{kind.title}_{day}.{fmt}",
                      ascii_filename=f"{kind.code}_{day}.{fmt}", rows=counted.n)


class _Counter:
    """Iterate over ``items`` and remember how many there were (rows are written as they come)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = items
        self.n = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self._items:
            self.n += 1
            yield item
