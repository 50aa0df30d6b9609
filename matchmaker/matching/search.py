"""Ad-hoc text search over needs or achievements, with the same engine as suggestions."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from embeddings import EmptyText
from models import Achievement, TechNeed, User

from ..errors import DomainError, Unavailable
from .engine import Scored
from .runtime import matching_service
from .services import IndexUnavailable

MAX_QUERY = 2000


@dataclass
class SearchHit:
    item: object
    scored: Scored


@dataclass
class SearchResult:
    hits: list[SearchHit]
    compared: int


def run(app: Flask, session: Session, viewer: User, text: str, target: str, k: int = 20) -> SearchResult:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请输入要搜索的内容。"), field="q")
    if len(text) > MAX_QUERY:
        raise DomainError(_("搜索内容不能超过 %(n)d 字。", n=MAX_QUERY), field="q")
    service = matching_service(app)
    try:
        scored = service.search(session, text, target, k=k)
    except EmptyText:
        raise DomainError(_("请输入要搜索的内容。"), field="q") from None
    except IndexUnavailable:
        raise Unavailable(_("检索索引正在准备，请稍后再试。需求和成果页面上的推荐不受影响。")) from None
    model = TechNeed if target == "need" else Achievement
    rows = {
        r.id: r
        for r in session.scalars(
            select(model).where(model.id.in_([s.id for s in scored])).options(joinedload(model.organization))
        )
    }
    hits = [SearchHit(rows[s.id], s) for s in scored if s.id in rows and rows[s.id].can_view(viewer)]
    return SearchResult(hits, len(service.corpora[target]))
