"""Jinja filters and globals: translated enum titles, money in 万元, dates."""
from __future__ import annotations

import enum
from decimal import Decimal

from flask import Flask, request
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _

from .forms import ActionForm


def label(value) -> str:
    """Translated title of a LabeledEnum member (or of its stored value)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum) and hasattr(value, "label"):
        return _(value.label)
    return str(value)


def money(value: Decimal | None) -> str:
    if value is None:
        return _("面议")
    return _("%(amount)s 万元", amount=format_decimal(value, format="#,##0.##"))


def owner_label(need, viewer) -> str:
    """The enterprise's name, or "某企业(新材料)" when the need hides it from ``viewer``."""
    if need.can_see_owner(viewer):
        return need.organization.name
    if need.industry is not None:
        return _("某企业(%(industry)s)", industry=need.industry.top.name)
    return _("某企业")


def days_since(day) -> int:
    """Whole days from ``day`` to today (the bureau's today, Asia/Shanghai)."""
    from .listings.rules import bureau_today

    return (bureau_today() - day).days if day else 0


def match_level(evidence: dict) -> str:
    """"匹配度 高 · 82": the calibrated level and figure of a stored suggestion."""
    from .matching.explain import BANDS

    level = evidence.get("level")
    if level not in BANDS:
        return ""
    confidence = evidence.get("confidence")
    if confidence is None:
        return _("匹配度 %(level)s", level=_(BANDS[level]))
    return _("匹配度 %(level)s · %(score)d", level=_(BANDS[level]), score=int(confidence))


def init_templating(app: Flask) -> None:
    app.jinja_env.filters.update(
        label=label,
        money=money,
        owner_label=owner_label,
        date=lambda d, fmt="medium": format_date(d, fmt) if d else "",
        datetime=lambda d, fmt="short": format_datetime(d, fmt) if d else "",
        days_since=days_since,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    from .matching import explain

    app.jinja_env.globals.update(reasons=explain.reasons, highlight=explain.highlight, match_level=match_level)

    @app.context_processor
    def _globals():
        return {
            "languages": app.config["LANGUAGES"],
            "current_locale": str(get_locale() or "zh"),
            "action_form": ActionForm(),
            "current_path": request.full_path.rstrip("?"),
        }
