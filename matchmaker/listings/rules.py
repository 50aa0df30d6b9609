"""Validation rules both listings obey, enforced in services whatever the form checked."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from models import CoopMode, Industry

from ..errors import DomainError

TITLE_MAX = 120
TEXT_MAX = 20000
BUREAU_TZ = ZoneInfo("Asia/Shanghai")


def bureau_today() -> date:
    """Today where the bureau is: deadlines are calendar dates in China."""
    return datetime.now(BUREAU_TZ).date()


def clean_title(title: str | None) -> str:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("标题不能为空。"), field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(_("标题不能超过 %(n)d 个字。", n=TITLE_MAX), field="title")
    return title


def clean_text(value: str | None, field: str, *, required: bool) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise DomainError(_("此项不能为空。"), field=field)
        return None
    if len(value) > TEXT_MAX:
        raise DomainError(_("内容不能超过 %(n)d 字。", n=TEXT_MAX), field=field)
    return value


def check_money(value: Decimal | None, field: str) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or value < 0:
        raise DomainError(_("金额须为不小于 0 的数字（单位：万元）。"), field=field)
    return value.quantize(Decimal("0.01"))


def check_industry(session: Session, industry_id: int | None, current: int | None = None) -> int | None:
    """The industry, if it exists and is not retired; a record may keep the (retired) one it has."""
    if industry_id is None:
        return None
    industry = session.get(Industry, industry_id)
    if industry is None:
        raise DomainError(_("所选行业不存在。"), field="industry_id")
    if industry.retired_at is not None and industry_id != current:
        raise DomainError(_("行业方向“%(name)s”已停用，请选择其他方向。", name=industry.full_name), field="industry_id")
    return industry_id


def check_coop_modes(values: list[str] | None) -> list[str]:
    allowed = {m.value for m in CoopMode}
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise DomainError(_("未知的合作方式：%(v)s", v="、".join(unknown)), field="coop_modes")
    return values


def check_future_deadline(deadline: date | None, today: date) -> date | None:
    if deadline is not None and deadline < today:
        raise DomainError(_("截止日期不能早于今天。"), field="deadline")
    return deadline


def missing_fields(obj: object, spec: list[tuple[str, object]]) -> list[str]:
    """Labels of the fields in ``spec`` that ``obj`` leaves empty (for completeness hints)."""
    return [str(label) for name, label in spec if getattr(obj, name) in (None, "", [])]
