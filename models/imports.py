"""Collection batches: each yearly 征集表 import is a batch its needs and achievements remember."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import User
from .base import Base, enum_type, utcnow
from .enums import GlossaryKind, ImportKind, ImportStatus


class ImportBatch(Base):
    """One collection (征集) of needs or achievements: a year, a source, and the file it came in.

    The uploaded file is kept under the instance folder (``stored_name``) between preview and
    confirmation, so that any web worker can confirm what another previewed.
    """

    __tablename__ = "import_batches"
    __table_args__ = (CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ImportKind] = mapped_column(enum_type(ImportKind, "import_kind"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    #: Where the rows came from, e.g. "万州区科技局 2026年度技术需求征集".
    source: Mapped[str] = mapped_column(String(120))
    #: The uploaded file's name as the user gave it; None for batches not made from a file (demo).
    filename: Mapped[Optional[str]] = mapped_column(String(255))
    #: Name of the kept upload under ``instance/imports/``; cleared once imported or discarded.
    stored_name: Mapped[Optional[str]] = mapped_column(String(80))
    sha256: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    status: Mapped[ImportStatus] = mapped_column(
        enum_type(ImportStatus, "import_status"), default=ImportStatus.PREVIEW, index=True
    )
    rows: Mapped[int] = mapped_column(default=0)
    written: Mapped[int] = mapped_column(default=0)
    organisations_created: Mapped[int] = mapped_column(default=0)
    organisations_matched: Mapped[int] = mapped_column(default=0)
    #: The preview's findings (errors, duplicates) and the broker's keep/drop decisions.
    report: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_at: Mapped[Optional[datetime]]

    created_by: Mapped[Optional[User]] = relationship()

    @property
    def label(self) -> str:
        return f"{self.year} · {self.source}"

    def __repr__(self) -> str:
        return f"<ImportBatch {self.id} {self.kind} {self.year}>"


class GlossaryTerm(Base):
    """A term pair brokers add to (or retire from) the matching glossary, on top of the built-in one.

    Rows are only ever added or retired: retiring turns ``active`` off and sets ``retired_at``;
    restoring a retired pair adds a new row. So the counts of rows and of retired rows change with
    every change, which is how each process tells cheaply that its copy of the glossary is stale
    (``matchmaker/matching/glossary_layer.py``).
    """

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[GlossaryKind] = mapped_column(enum_type(GlossaryKind, "glossary_kind"))
    #: The Chinese term (bilingual) or the technical term (synonym), e.g. 铜杆 / 氧化.
    term: Mapped[str] = mapped_column(String(60))
    #: The equivalent: English variants (bilingual) or colloquial words (synonym), separated by "; ".
    #: A text saying any of them gains ``term`` when it is matched (a Chinese text with a bilingual
    #: term also gains its first English variant).
    equivalent: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True, index=True)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[Optional[datetime]]

    created_by: Mapped[Optional[User]] = relationship()

    def __repr__(self) -> str:
        return f"<GlossaryTerm {self.id} {self.term}={self.equivalent}>"
