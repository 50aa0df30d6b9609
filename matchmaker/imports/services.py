"""Import of the yearly 征集表: read and check a file, preview it, write it in one transaction.

The flow, on the web and on the command line alike:

1. ``analyse`` reads the file (``reader``), matches the header row (``columns``), turns every
   cell into a value or a problem (``normalise``), finds or plans each organisation by credit
   code, and flags possible duplicates (``duplicates``). Nothing is written but cached vectors.
2. The web request keeps the upload under ``instance/imports/`` after a quick look (``probe``:
   the file opens, the columns are there) as an ImportBatch in status CHECKING; the
   ``imports.check`` task runs ``analyse`` (``check``) and moves it to PREVIEW, its ``report``
   holding the findings. The broker reads them, chooses for each possible duplicate to keep (the
   default) or drop it, and confirms (→ IMPORTING, ``request_confirm``) or discards.
3. The ``imports.confirm`` task (``confirm``) reads the stored file again and checks it again
   (the taxonomy or the pool may have changed since), refuses while any problem remains, and
   writes every row — organisations, teams, needs or achievements — in one transaction: a
   failure at any row leaves nothing written and the batch back in PREVIEW with the message.
   The command line (``import_file``) does the same synchronously, sharing ``analyse`` and
   ``write_rows``. Rows are inserted in bulk (a few statements per thousand rows, one
   query for the existing organisations), never one query per row.
4. After the commit ONE task, ``imports.index_batch``, brings the matching index and the
   suggestion lists up to date for the batch (``tasks``). Imported rows send no per-item save
   signal, so no per-item matching task is queued.

Duplicates default to *keep*: the check flags texts that look alike, and only a person can tell
a re-submitted need from two similar ones of one enterprise; dropping a row is an explicit
choice, shown and audited.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, joinedload

from embeddings.snapshot import sha256_of
from models import (
    Achievement,
    AchievementStatus,
    CoopMode,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Industry,
    NeedStatus,
    Organization,
    OrgKind,
    Region,
    ResearchTeam,
    TechNeed,
    User,
    utcnow,
)

from .. import audit
from ..errors import Conflict, DomainError, NotFound, PermissionDenied
from ..listings.rules import bureau_today
from ..matching.documents import achievement_doc, need_doc
from ..matching.services import MatchingService
from .columns import HeaderMap, map_headers
from .duplicates import Duplicate, Item, find_duplicates
from .normalise import (CellError, IndustryLookup, IndustryRef, Lookups, RegionLookup, is_empty, is_example, parser_for,
                        research_kind)
from .reader import MissingFormulaValue, UnreadableFile, read_table
from .tasks import after_commit

SOURCE_MAX = 50
#: Rows per INSERT statement (and per progress step).
WRITE_CHUNK = 1000
#: Values per IN (...) query.
QUERY_CHUNK = 500
#: Rows shown in the preview's sample table.
SAMPLE_ROWS = 20
#: Names of organisations to create listed in the report.
NAMES_SHOWN = 100
UPLOAD_DIR = "imports"

#: A progress bar's step function (advance by n), and what makes one: (label, total) → step.
Progress = Callable[[int], None]
ProgressBars = Callable[[str, int], Progress]


# --- who may import ------------------------------------------------------------------------
def may_import(user: User) -> bool:
    """Brokers and admins import 征集表."""
    return user.is_staff and user.active


def require_importer(user: User) -> None:
    if not may_import(user):
        raise PermissionDenied(_("只有技术经纪人和管理员可以导入征集表。"))


# --- findings ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One thing wrong: the sheet row (header = 1), the file's column header, what is wrong."""

    row: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


@dataclass
class OrgPlan:
    """The organisation a credit code stands for: an existing one, or one to create."""

    credit_code: str
    name: str
    kind: OrgKind
    existing_id: int | None = None
    region_id: int | None = None
    industry_id: int | None = None
    rows: list[int] = field(default_factory=list)


@dataclass
class Analysis:
    kind: ImportKind
    filename: str
    sha256: str
    header: HeaderMap
    rows: list[ParsedRow]
    orgs: dict[str, OrgPlan]
    duplicates: list[Duplicate]
    #: Earlier batches made from the very same file (same SHA-256).
    previous: list[dict] = field(default_factory=list)
    #: Rows skipped as the template's example (title starting with 【示例】).
    examples: list[int] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if not r.problems]

    @property
    def duplicate_rows(self) -> set[int]:
        return {d.row for d in self.duplicates}

    def organisation_counts(self, rows: Iterable[int] | None = None) -> tuple[int, int]:
        """(to create, to match) among the organisations of ``rows`` (default: the valid rows)."""
        wanted = set(rows) if rows is not None else {r.number for r in self.valid_rows}
        used = [p for p in self.orgs.values() if wanted.intersection(p.rows)]
        return sum(p.existing_id is None for p in used), sum(p.existing_id is not None for p in used)

    def _new_names(self) -> list[str]:
        valid = {r.number for r in self.valid_rows}
        return sorted(p.name for p in self.orgs.values() if p.existing_id is None and valid.intersection(p.rows))

    def report(self) -> dict:
        """What the preview page and the CLI show (JSON-ready)."""
        create, match = self.organisation_counts()
        return {
            "kind": self.kind.value,
            "filename": self.filename,
            "columns": dict(self.header.headers),
            "ignored_columns": list(self.header.unknown),
            "examples": list(self.examples),
            "rows": len(self.rows),
            "valid": len(self.valid_rows),
            "errors": [p.as_dict() for p in self.problems],
            "duplicates": [d.as_dict() for d in self.duplicates],
            "organisations_to_create": create,
            "organisations_to_match": match,
            "new_organisations": self._new_names()[:NAMES_SHOWN],
            "previous": self.previous,
            "sample": [_sample(self.header, r) for r in self.rows[:SAMPLE_ROWS]],
        }


def _sample(header: HeaderMap, row: ParsedRow) -> dict:
    shown = {}
    for key, title in header.headers.items():
        value = row.values.get(key)
        shown[title] = _display(value)
    return {"row": row.number, "ok": not row.problems, "values": shown}


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, IndustryRef):
        return value.full_name
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):  # cooperation modes (by their labels) or keywords
        labels = {m.value: m.label for m in CoopMode}
        return "、".join(labels.get(v, str(v)) for v in value)
    label = getattr(value, "label", None)
    if label is not None:
        return label
    return str(value)


# --- reading and checking ------------------------------------------------------------------
def load_lookups(session: Session, today: date) -> Lookups:
    industries = list(session.scalars(select(Industry)))
    regions = list(session.scalars(select(Region).order_by(Region.position)))
    return Lookups(IndustryLookup.from_rows(industries), RegionLookup.from_rows(regions), today)


def analyse(session: Session, kind: ImportKind, path: Path, filename: str, *, matcher: MatchingService,
            today: date | None = None, max_rows: int | None = None, progress: ProgressBars | None = None) -> Analysis:
    """Read and check a 征集表. Raises UnreadableFile or HeaderError when nothing can be imported."""
    table = read_table(path, filename, max_rows=max_rows)
    header = map_headers(kind, table.headers)
    lookups = load_lookups(session, today or bureau_today())
    parsers = {c.key: parser_for(c.parser, lookups, header.units.get(c.key)) for c in header.columns()}
    step = progress(_("检查"), len(table.rows)) if progress else None
    rows, examples = [], []
    for number, cells in table.rows:
        if is_example(cells[header.positions["title"]]):
            examples.append(number)
        else:
            rows.append(_parse_row(number, cells, header, parsers))
        if step:
            step(1)
    if not rows:
        raise UnreadableFile(_no_data())
    orgs = _plan_organisations(session, kind, rows, header)
    duplicates = _find_duplicates(session, kind, rows, orgs, matcher)
    sha = sha256_of(path)
    previous = [{"id": b.id, "label": b.label, "status": b.status.value}
                for b in session.scalars(select(ImportBatch).where(ImportBatch.sha256 == sha,
                                                                    ImportBatch.status == ImportStatus.IMPORTED)
                                         .order_by(ImportBatch.id))]
    return Analysis(kind, filename, sha, header, rows, orgs, duplicates, previous, examples)


def _parse_row(number: int, cells: list, header: HeaderMap, parsers: dict[str, Callable]) -> ParsedRow:
    row = ParsedRow(number, {})
    for column in header.columns():
        raw = cells[header.positions[column.key]]
        title = header.headers[column.key]
        row.values[column.key] = None
        if is_empty(raw):
            if column.required:
                row.problems.append(Problem(number, title, _("必填项为空。")))
            continue
        try:
            if isinstance(raw, MissingFormulaValue):
                raise CellError(_("公式没有计算结果（%(f)s）。请在 Excel 中打开文件、保存后再导入，或把公式改成数值。",
                                  f=raw.formula[:40]))
            row.values[column.key] = parsers[column.key](raw)
        except CellError as error:
            row.problems.append(Problem(number, title, str(error)))
    maturity = row.values.get("maturity")
    if isinstance(maturity, tuple):  # a TRL given as maturity: both are known
        row.values["maturity"], trl = maturity
        if row.values.get("trl") is None:
            row.values["trl"] = trl
    return row


def _kind_fits(kind: ImportKind, org_kind: OrgKind) -> bool:
    if kind == ImportKind.NEEDS:
        return org_kind == OrgKind.ENTERPRISE
    return org_kind in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE)


def _chunks(values: Sequence, size: int = QUERY_CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _plan_organisations(session: Session, kind: ImportKind, rows: list[ParsedRow],
                        header: HeaderMap) -> dict[str, OrgPlan]:
    """Match each row's organisation by credit code (one query), or plan its creation."""
    usable = [r for r in rows if r.values.get("credit_code") and r.values.get("org_name")]
    codes = sorted({r.values["credit_code"] for r in usable})
    names = sorted({r.values["org_name"] for r in usable})
    columns = (Organization.id, Organization.credit_code, Organization.name, Organization.kind)
    by_code, by_name = {}, {}
    for chunk in _chunks(codes):
        by_code.update({o.credit_code: o for o in session.execute(select(*columns).where(Organization.credit_code.in_(chunk)))})
    for chunk in _chunks(names):
        by_name.update({o.name: o for o in session.execute(select(*columns).where(Organization.name.in_(chunk)))})
    code_column, name_column = header.headers["credit_code"], header.headers["org_name"]
    plans: dict[str, OrgPlan] = {}
    claimed: dict[str, str] = {}  # name → the credit code this file gives it first
    for row in usable:
        code, name = row.values["credit_code"], row.values["org_name"]
        known = by_code.get(code)
        if known is not None:
            if not _kind_fits(kind, known.kind):
                row.problems.append(Problem(row.number, code_column, _wrong_kind(kind, known.name, known.kind)))
                continue
            plan = plans.setdefault(code, OrgPlan(code, known.name, known.kind, existing_id=known.id))
            plan.rows.append(row.number)
            continue
        other = by_name.get(name)
        if other is not None:
            row.problems.append(Problem(row.number, name_column, _(
                "机构“%(name)s”已登记，统一社会信用代码为 %(theirs)s，与本行的 %(ours)s 不一致。",
                name=name, theirs=other.credit_code, ours=code)))
            continue
        first = claimed.setdefault(name, code)
        if first != code:
            row.problems.append(Problem(row.number, name_column, _(
                "文件中“%(name)s”对应两个统一社会信用代码（%(a)s 与 %(b)s），请核对。", name=name, a=first, b=code)))
            continue
        plan = plans.get(code)
        if plan is None:
            org_kind = _new_org_kind(kind, row, header)
            if org_kind is None:
                continue
            industry = row.values.get("industry")
            plan = plans[code] = OrgPlan(code, name, org_kind, region_id=row.values.get("region"),
                                         industry_id=industry.top_id if industry else None)
        plan.rows.append(row.number)
    return plans


def _new_org_kind(kind: ImportKind, row: ParsedRow, header: HeaderMap) -> OrgKind | None:
    if kind == ImportKind.NEEDS:
        return OrgKind.ENTERPRISE
    stated = row.values.get("org_kind")
    if stated is not None and stated not in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE):
        row.problems.append(Problem(row.number, header.headers["org_kind"],
                                    _("科技成果的完成单位应为高校或科研院所。")))
        return None
    return research_kind(row.values["org_name"], stated)


def _wrong_kind(kind: ImportKind, name: str, org_kind: OrgKind) -> str:
    if kind == ImportKind.NEEDS:
        return _("该代码属于已登记的“%(name)s”（%(kind)s），技术需求只能由企业提出。", name=name, kind=_(org_kind.label))
    return _("该代码属于已登记的“%(name)s”（%(kind)s），科技成果只能属于高校或科研院所。", name=name, kind=_(org_kind.label))


# --- duplicates ----------------------------------------------------------------------------
def _row_model(kind: ImportKind, values: dict) -> TechNeed | Achievement:
    """A transient need / achievement carrying the row's text (never added to a session)."""
    if kind == ImportKind.NEEDS:
        return TechNeed(title=values["title"], description=values["description"],
                        current_situation=values.get("current_situation"),
                        target_indicators=values.get("target_indicators"), keywords=values.get("keywords") or [])
    return Achievement(title=values["title"], abstract=values["abstract"], advantages=values.get("advantages"),
                       keywords=values.get("keywords") or [])


def _find_duplicates(session: Session, kind: ImportKind, rows: list[ParsedRow], orgs: dict[str, OrgPlan],
                     matcher: MatchingService) -> list[Duplicate]:
    body = "description" if kind == ImportKind.NEEDS else "abstract"
    to_doc = need_doc if kind == ImportKind.NEEDS else achievement_doc
    items = [Item(r.values["credit_code"], to_doc(_row_model(kind, r.values)), row=r.number, title=r.values["title"])
             for r in rows if r.values.get("credit_code") and r.values.get("title") and r.values.get(body)]
    counts: dict[str, int] = {}
    for item in items:
        counts[item.org_key] = counts.get(item.org_key, 0) + 1
    code_of = {p.existing_id: code for code, p in orgs.items() if p.existing_id is not None}
    model = TechNeed if kind == ImportKind.NEEDS else Achievement
    existing: list[Item] = []
    for chunk in _chunks(sorted(code_of)):
        stored = session.scalars(select(model).options(joinedload(model.industry))
                                 .where(model.organization_id.in_(chunk)).order_by(model.id))
        existing.extend(Item(code_of[s.organization_id], to_doc(s), existing_id=s.id, title=s.title) for s in stored)
    return find_duplicates(items, existing, lambda docs: matcher.vectors_for(session, docs))


# --- writing -------------------------------------------------------------------------------
class WriteFailed(DomainError):
    """The database refused part of the import: everything was rolled back."""

    status_code = 500


@dataclass
class Written:
    rows: int
    organisations_created: int
    organisations_matched: int


def write_rows(session: Session, analysis: Analysis, batch: ImportBatch, actor: User | None,
               drop: set[int] = frozenset(), progress: Progress | None = None) -> Written:
    """Insert the organisations, teams and rows of a checked analysis, in the session's transaction.

    The caller commits; on any database error it must roll back (WriteFailed says so), and
    then nothing of the import remains.
    """
    if analysis.problems:
        raise DomainError(_("文件仍有 %(n)d 处问题，修改后重新上传才能导入。", n=len(analysis.problems)))
    rows = [r for r in analysis.rows if r.number not in drop]
    numbers = {r.number for r in rows}
    plans = [p for p in analysis.orgs.values() if numbers.intersection(p.rows)]
    try:
        org_ids = _create_organisations(session, plans)
        if analysis.kind == ImportKind.NEEDS:
            _insert_needs(session, rows, org_ids, batch, actor, progress)
        else:
            _insert_achievements(session, rows, org_ids, batch, actor, progress)
        session.flush()
    except SQLAlchemyError as error:
        raise WriteFailed(_("数据库拒绝写入（%(why)s），已全部撤销，未导入任何数据。",
                            why=type(getattr(error, "orig", None) or error).__name__)) from error
    created = sum(p.existing_id is None for p in plans)
    return Written(len(rows), created, len(plans) - created)


def _create_organisations(session: Session, plans: list[OrgPlan]) -> dict[str, int]:
    ids = {p.credit_code: p.existing_id for p in plans if p.existing_id is not None}
    new = [p for p in plans if p.existing_id is None]
    now = utcnow()
    for chunk in _chunks(new, WRITE_CHUNK):
        values = [{"name": p.name, "kind": p.kind, "credit_code": p.credit_code, "region_id": p.region_id,
                   "industry_id": p.industry_id, "created_at": now} for p in chunk]
        result = session.execute(insert(Organization).returning(Organization.id, Organization.credit_code), values)
        ids.update({code: org_id for org_id, code in result})
    return ids


def _base_values(row: ParsedRow, org_ids: dict[str, int], batch: ImportBatch, actor: User | None, now) -> dict:
    v = row.values
    industry = v.get("industry")
    return {
        "organization_id": org_ids[v["credit_code"]], "created_by_id": actor.id if actor else None,
        "title": v["title"], "industry_id": industry.id if industry else None, "keywords": v.get("keywords") or [],
        "coop_modes": v.get("coop_modes") or [], "batch_id": batch.id, "created_at": now, "updated_at": now,
    }


def _insert_chunks(session: Session, model, values: list[dict], progress: Progress | None) -> None:
    for chunk in _chunks(values, WRITE_CHUNK):
        session.execute(insert(model), list(chunk))
        if progress:
            progress(len(chunk))


def _insert_needs(session: Session, rows: list[ParsedRow], org_ids: dict[str, int], batch: ImportBatch,
                  actor: User | None, progress: Progress | None) -> None:
    now = utcnow()
    label = batch.label[:60]
    values = []
    for row in rows:
        v = row.values
        values.append({
            **_base_values(row, org_ids, batch, actor, now),
            "description": v["description"], "current_situation": v.get("current_situation") or None,
            "target_indicators": v.get("target_indicators") or None, "budget_wan": v.get("budget_wan"),
            "deadline": v.get("deadline"), "contact_name": v.get("contact_name") or None,
            "contact_phone": v.get("contact_phone") or None, "source_batch": label,
            "is_confidential": bool(v.get("is_confidential")), "status": NeedStatus.OPEN, "is_key": False,
        })
    _insert_chunks(session, TechNeed, values, progress)


def _team_name(values: dict) -> str | None:
    if values.get("team_name"):
        return values["team_name"]
    if values.get("team_leader"):
        with force_locale(DATA_LOCALE):  # stored data stays Chinese whatever the importer's UI language
            return _("%(leader)s团队", leader=values["team_leader"])
    return None


def _insert_achievements(session: Session, rows: list[ParsedRow], org_ids: dict[str, int], batch: ImportBatch,
                         actor: User | None, progress: Progress | None) -> None:
    team_ids = _teams(session, rows, org_ids)
    now = utcnow()
    values = []
    for row in rows:
        v = row.values
        team = _team_name(v)
        values.append({
            **_base_values(row, org_ids, batch, actor, now),
            "abstract": v["abstract"], "advantages": v.get("advantages") or None,
            "team_id": team_ids.get((org_ids[v["credit_code"]], team)) if team else None,
            "maturity": v.get("maturity"), "trl": v.get("trl"), "ip_type": v.get("ip_type"),
            "ip_numbers": v.get("ip_numbers") or None, "price_wan": v.get("price_wan"),
            "status": AchievementStatus.PUBLISHED, "is_selected": False,
        })
    _insert_chunks(session, Achievement, values, progress)


def _teams(session: Session, rows: list[ParsedRow], org_ids: dict[str, int]) -> dict[tuple[int, str], int]:
    """(organisation, team name) → team id: the existing teams (one query), the missing ones created."""
    wanted: dict[tuple[int, str], str | None] = {}
    for row in rows:
        team = _team_name(row.values)
        if team:
            wanted.setdefault((org_ids[row.values["credit_code"]], team), row.values.get("team_leader"))
    org_list = sorted({org for org, _name in wanted})
    ids: dict[tuple[int, str], int] = {}
    for chunk in _chunks(org_list):
        ids.update({(t.organization_id, t.name): t.id for t in session.execute(
            select(ResearchTeam.id, ResearchTeam.organization_id, ResearchTeam.name)
            .where(ResearchTeam.organization_id.in_(chunk)))})
    missing = [{"organization_id": org, "name": name, "leader": leader, "created_at": utcnow()}
               for (org, name), leader in wanted.items() if (org, name) not in ids]
    for chunk in _chunks(missing, WRITE_CHUNK):
        result = session.execute(insert(ResearchTeam).returning(ResearchTeam.id, ResearchTeam.organization_id,
                                                                ResearchTeam.name), list(chunk))
        ids.update({(org, name): team_id for team_id, org, name in result})
    return ids


# --- the template -------------------------------------------------------------------------
def template_bytes(session: Session, kind: ImportKind, today: date) -> bytes:
    """The downloadable template, its 所属行业 list drawn from the current taxonomy."""
    from .workbook import template_xlsx

    # the 征集表 is the bureau's Chinese form, and its drop-downs must offer the labels the import reads
    with force_locale(DATA_LOCALE):
        return template_xlsx(kind, load_lookups(session, today).industries.names, today)


#: The language of the data the import stores and of the template it hands out.
DATA_LOCALE = "zh"


# --- batches -------------------------------------------------------------------------------
def default_source(kind: ImportKind, year: int) -> str:
    """The batch's name when the broker gives none: stored data, so in Chinese whatever the UI language."""
    with force_locale(DATA_LOCALE):
        if kind == ImportKind.NEEDS:
            return _("%(year)d年度技术需求征集", year=year)
        return _("%(year)d年度科技成果征集", year=year)


def check_batch_fields(kind: ImportKind, year: int, source: str | None) -> str:
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("批次年份应在 2000 到 2100 之间。"), field="year")
    source = (source or "").strip() or default_source(kind, year)
    if len(source) > SOURCE_MAX:
        raise DomainError(_("来源说明不能超过 %(n)d 字。", n=SOURCE_MAX), field="source")
    return source


def upload_dir(instance_path: str | Path) -> Path:
    path = Path(instance_path) / UPLOAD_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def stored_path(instance_path: str | Path, batch: ImportBatch) -> Path:
    return upload_dir(instance_path) / batch.stored_name


def new_stored_name(filename: str) -> str:
    """A random file name keeping only the (known) extension: nothing of the user's name reaches the disk."""
    extension = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    return secrets.token_hex(16) + extension


#: Data rows of a fresh upload read in the request (the check task reads the rest).
PEEK_ROWS = 50


def _no_data() -> str:
    return _("表格除模板示例行外没有数据行。")


def probe(kind: ImportKind, path: Path, filename: str) -> None:
    """The quick look at a fresh upload, in the request: the file opens, its header has every
    required column, and it has a data row besides the template's example. Raises UnreadableFile
    or HeaderError. No cell is checked and nothing is encoded: that is the check task's work."""
    table = read_table(path, filename, peek=PEEK_ROWS)
    header = map_headers(kind, table.headers)
    title = header.positions["title"]
    if len(table.rows) < PEEK_ROWS and all(is_example(cells[title]) for _number, cells in table.rows):
        raise UnreadableFile(_no_data())


def start_check(session: Session, actor: User, *, kind: ImportKind, year: int, source: str | None, filename: str,
                stored: Path) -> ImportBatch:
    """Keep an uploaded file (already saved as ``stored``) as a CHECKING batch; once the caller
    commits, the ``imports.check`` task reads and checks every row and moves it to PREVIEW.

    A file that cannot be opened or lacks required columns raises (UnreadableFile / HeaderError)
    at once; the caller deletes the stored file then.
    """
    require_importer(actor)
    source = check_batch_fields(kind, year, source)
    probe(kind, stored, filename)
    batch = ImportBatch(kind=kind, year=year, source=source, filename=filename[:255], stored_name=stored.name,
                        status=ImportStatus.CHECKING, rows=0, report={}, created_by=actor)
    session.add(batch)
    session.flush()
    after_commit(session, task=("imports.check", batch.id))
    return batch


def check(session: Session, batch: ImportBatch, *, instance_path: str | Path, matcher: MatchingService,
          max_rows: int | None = None) -> None:
    """The ``imports.check`` task's work: CHECKING → PREVIEW with the findings (duplicates found
    with the encoder), or with the reason nothing can be imported as the one problem. Run again
    on a batch no longer CHECKING, it does nothing."""
    if batch.status != ImportStatus.CHECKING:
        return
    path = stored_path(instance_path, batch)
    try:
        analysis = analyse(session, batch.kind, path, batch.filename or path.name, matcher=matcher,
                           max_rows=max_rows)
    except FileNotFoundError:
        _check_failed(session, batch, _("上传的文件已不在服务器上，请重新上传。"))
        return
    except DomainError as error:  # UnreadableFile, HeaderError: found beyond the rows the upload looked at
        _check_failed(session, batch, error.message)
        return
    if not _transition(session, batch, ImportStatus.CHECKING, ImportStatus.PREVIEW):
        return
    batch.sha256 = analysis.sha256
    batch.rows = len(analysis.rows)
    batch.report = {**analysis.report(), "drop": []}
    audit.record(session, batch.created_by, "import.preview", batch, kind=batch.kind.value, year=batch.year,
                 filename=batch.filename, rows=batch.rows, errors=len(analysis.problems),
                 duplicates=len(analysis.duplicate_rows))


def _check_failed(session: Session, batch: ImportBatch, message: str) -> None:
    """CHECKING → PREVIEW with ``message`` as the one problem: the page shows it, confirming is refused."""
    if _transition(session, batch, ImportStatus.CHECKING, ImportStatus.PREVIEW):
        batch.report = {"errors": [Problem(None, None, message).as_dict()], "failure": message, "drop": []}


def task_failed(session: Session, batch_id: int, error: BaseException) -> None:
    """A check or confirm task failed for good (retries spent): the batch must not stay in
    progress. A check leaves the failure as the batch's one problem; a confirmation returns the
    batch to PREVIEW with the message (its transaction was rolled back: nothing was written)."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        return
    why = type(error).__name__
    if batch.status == ImportStatus.CHECKING:
        _check_failed(session, batch, _("后台检查失败（%(why)s），请重新上传；问题持续时请联系管理员。", why=why))
    elif batch.status == ImportStatus.IMPORTING:
        _confirm_failed(session, batch, _("后台导入失败（%(why)s），已全部撤销，未导入任何数据；可以重试。", why=why))


def get_batch(session: Session, batch_id: int, actor: User) -> ImportBatch:
    require_importer(actor)
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(_("导入批次不存在。"))
    return batch


def list_batches(session: Session, actor: User) -> list[ImportBatch]:
    require_importer(actor)
    return list(session.scalars(select(ImportBatch).options(joinedload(ImportBatch.created_by))
                                .order_by(ImportBatch.created_at.desc(), ImportBatch.id.desc())))


def _transition(session: Session, batch: ImportBatch, frm: ImportStatus, to: ImportStatus) -> bool:
    """Move the batch from ``frm`` to ``to`` with a conditional UPDATE: of two requests (or two
    runs of one task) at the same moment, one wins; False for the other.

    The UPDATE takes the row's write lock (PostgreSQL) or the database's (SQLite) for the rest of
    the transaction, so the loser waits and then finds the status changed.
    """
    result = session.execute(update(ImportBatch).where(ImportBatch.id == batch.id, ImportBatch.status == frm)
                             .values(status=to).execution_options(synchronize_session=False))
    session.refresh(batch)
    return result.rowcount == 1


def _claim(session: Session, batch: ImportBatch, to: ImportStatus) -> None:
    """Move a PREVIEW batch on, once, or refuse (409)."""
    if not _transition(session, batch, ImportStatus.PREVIEW, to):
        session.rollback()
        raise Conflict(_("该批次已导入或已放弃，不能再次操作。"))


def request_confirm(session: Session, actor: User, batch: ImportBatch, *, drop: Iterable[int]) -> ImportBatch:
    """The broker confirms a previewed batch: PREVIEW → IMPORTING, the choice kept in the report;
    once the caller commits, the ``imports.confirm`` task writes the rows (``confirm``)."""
    require_importer(actor)
    if batch.status != ImportStatus.PREVIEW or not batch.stored_name:
        raise Conflict(_("该批次已导入或已放弃，不能再次操作。"))
    errors = (batch.report or {}).get("errors") or []
    if errors:
        raise DomainError(_("文件有 %(n)d 处问题，有问题时不能导入：请修改后重新上传。", n=len(errors)))
    _claim(session, batch, ImportStatus.IMPORTING)
    report = {k: v for k, v in (batch.report or {}).items() if k != "failure"}
    batch.report = {**report, "drop": sorted(set(drop)), "confirmed_by": actor.id}
    after_commit(session, task=("imports.confirm", batch.id))
    return batch


def confirm(session: Session, batch: ImportBatch, *, instance_path: str | Path, matcher: MatchingService) -> None:
    """The ``imports.confirm`` task's work: re-read and re-check the stored file, then write every
    row (but the dropped duplicates) or none. IMPORTING → IMPORTED; on a refusal (problems found
    now, a changed file, the database refusing a row) everything is rolled back and the batch goes
    back to PREVIEW with the message. Run again on a batch no longer IMPORTING, it does nothing.

    The file is checked before the batch is claimed, so that the database's write lock (all of
    it, on SQLite) is held only while the rows are written.
    """
    if batch.status != ImportStatus.IMPORTING or not batch.stored_name:
        return
    report = batch.report or {}
    actor = session.get(User, report["confirmed_by"]) if report.get("confirmed_by") else None
    path = stored_path(instance_path, batch)
    try:
        try:
            analysis = analyse(session, batch.kind, path, batch.filename or path.name, matcher=matcher)
        except FileNotFoundError:
            raise DomainError(_("上传的文件已不在服务器上，请重新上传。")) from None
        if analysis.sha256 != batch.sha256:
            raise DomainError(_("服务器上的文件与预览时不同，请重新上传。"))
        if analysis.problems:
            raise DomainError(_("文件仍有 %(n)d 处问题（行业目录或已有数据可能已变化），请修改后重新上传。",
                                n=len(analysis.problems)))
        if not _transition(session, batch, ImportStatus.IMPORTING, ImportStatus.IMPORTED):
            return  # another run of this task got there first
        dropped = sorted(set(report.get("drop") or []) & analysis.duplicate_rows)
        written = write_rows(session, analysis, batch, actor, set(dropped))
    except DomainError as error:
        session.rollback()
        _confirm_failed(session, batch, error.message)
        return
    _finish(batch, analysis, written, dropped)
    audit.record(session, actor, "import.confirm", batch, kind=batch.kind.value, written=written.rows,
                 dropped=dropped, organisations_created=written.organisations_created,
                 organisations_matched=written.organisations_matched)
    after_commit(session, index_batch=batch.id, delete_file=str(path))


def _confirm_failed(session: Session, batch: ImportBatch, message: str) -> None:
    """IMPORTING → PREVIEW with the message (shown on the page); the broker may try again."""
    if _transition(session, batch, ImportStatus.IMPORTING, ImportStatus.PREVIEW):
        batch.report = {**(batch.report or {}), "failure": message}


def _finish(batch: ImportBatch, analysis: Analysis, written: Written, dropped: list[int]) -> None:
    batch.status = ImportStatus.IMPORTED
    batch.rows = len(analysis.rows)
    batch.written = written.rows
    batch.organisations_created = written.organisations_created
    batch.organisations_matched = written.organisations_matched
    batch.report = {**analysis.report(), "drop": dropped}
    batch.imported_at = utcnow()
    batch.stored_name = None


def discard(session: Session, actor: User, batch: ImportBatch, *, instance_path: str | Path) -> ImportBatch:
    """Give up a previewed batch: its file is deleted (after the commit), the batch kept as DISCARDED."""
    require_importer(actor)
    _claim(session, batch, ImportStatus.DISCARDED)
    path = stored_path(instance_path, batch) if batch.stored_name else None
    batch.stored_name = None
    audit.record(session, actor, "import.discard", batch, filename=batch.filename)
    if path is not None:
        after_commit(session, delete_file=str(path))
    return batch


# --- the command line: check and write in one go -------------------------------------------
@dataclass
class CommandResult:
    analysis: Analysis
    batch: ImportBatch | None
    written: Written | None
    dropped: list[int]
    dry_run: bool

    def as_json(self, file: str) -> dict:
        report = self.analysis.report()
        create, match = self.analysis.organisation_counts(
            {r.number for r in self.analysis.rows if r.number not in self.dropped})
        return {
            "file": file, "rows": report["rows"], "errors": report["errors"],
            "written": self.written.rows if self.written else 0,
            "organisations_created": self.written.organisations_created if self.written else create,
            "organisations_matched": self.written.organisations_matched if self.written else match,
            "duplicates": report["duplicates"], "dropped": self.dropped,
            "ignored_columns": report["ignored_columns"], "skipped_examples": report["examples"],
            "batch_id": self.batch.id if self.batch else None,
            "dry_run": self.dry_run,
        }


def import_file(session: Session, *, kind: ImportKind, path: Path, year: int, source: str | None,
                matcher: MatchingService, dry_run: bool = False, drop_duplicates: bool = False,
                actor: User | None = None, max_rows: int | None = None,
                progress: ProgressBars | None = None) -> CommandResult:
    """Check a file and, unless it has problems or ``dry_run``, write it as an imported batch.

    ``progress(label, total)`` returns a step function, for a progress bar. The caller commits
    (or rolls back after a dry run or an error).
    """
    source = check_batch_fields(kind, year, source)
    analysis = analyse(session, kind, path, path.name, matcher=matcher, max_rows=max_rows, progress=progress)
    dropped = sorted(analysis.duplicate_rows) if drop_duplicates else []
    if analysis.problems or dry_run:
        return CommandResult(analysis, None, None, dropped, dry_run)
    batch = ImportBatch(kind=kind, year=year, source=source, filename=path.name[:255], sha256=analysis.sha256,
                        status=ImportStatus.IMPORTED, rows=len(analysis.rows), report={}, created_by=actor)
    session.add(batch)
    session.flush()
    step = progress(_("写入"), len(analysis.rows) - len(dropped)) if progress else None
    written = write_rows(session, analysis, batch, actor, set(dropped), progress=step)
    _finish(batch, analysis, written, dropped)
    audit.record(session, actor, "import.confirm", batch, kind=kind.value, written=written.rows, dropped=dropped,
                 organisations_created=written.organisations_created,
                 organisations_matched=written.organisations_matched, via="cli")
    after_commit(session, index_batch=batch.id)
    return CommandResult(analysis, batch, written, dropped, dry_run)
