"""Plain-Chinese reasons for a suggestion, rendered at display time from stored evidence.

The evidence holds only terms, scores and fit codes — never an organisation's name — so a
reason can be shown to anyone who may see the suggestion. Raw scores are never shown: the first
line is the calibrated match level and figure (``calibration``). Evidence stored before levels
existed has a similarity band instead, shown without its cosine.
"""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup, escape

from models import CoopMode, Maturity
from models.enums import N_

from ..templating import money
from .stoplist import is_boilerplate

BANDS = {"high": N_("高"), "medium": N_("中"), "low": N_("低")}


def highlight(text: str, terms: list[str]) -> Markup:
    """``text`` with each matched term wrapped in <mark> (escaped, longest terms first)."""
    out = escape(text)
    for term in sorted(set(terms), key=len, reverse=True):
        safe = escape(term)
        out = Markup(out.replace(safe, Markup(f"<mark>{safe}</mark>")))
    return Markup(out)


def level_label(evidence: dict | None) -> str | None:
    """高 / 中 / 低 for a suggestion's calibrated level; None when it has none (stored before levels)."""
    level = (evidence or {}).get("level")
    return _(BANDS[level]) if level in BANDS else None


def shown_terms(evidence: dict) -> list[str]:
    """The stored terms fit to show: evidence stored before the stop lists may hold boilerplate
    and bare English tokens (关键, low, energy), which are dropped here."""
    return [t for t in evidence.get("terms") or [] if isinstance(t, str) and not t.isascii() and not is_boilerplate(t)]


def reasons(evidence: dict, *, with_level: bool = True) -> list[Markup]:
    """Each line of evidence as one short sentence (the match level first, unless the page
    shows it elsewhere: ``with_level=False``)."""
    lines: list[Markup] = []
    level, confidence = level_label(evidence), evidence.get("confidence")
    if level and not with_level:
        pass
    elif level and isinstance(confidence, (int, float)):
        lines.append(escape(_("匹配度：%(level)s（%(score)d）", level=level, score=int(confidence))))
    elif level:
        lines.append(escape(_("匹配度：%(level)s", level=level)))
    elif evidence.get("band") in BANDS:
        lines.append(escape(_("语义相似度：%(band)s", band=level_label({"level": evidence["band"]}))))
    terms = shown_terms(evidence)
    if terms:
        english = evidence.get("terms_en") or {}
        parts = []
        for term in terms:
            part = Markup("<mark>{}</mark>").format(term)
            if english.get(term):
                part += escape(_("（%(en)s）", en=english[term]))
            parts.append(part)
        lines.append(Markup(escape(_("共同关键词："))) + Markup(escape(_("、"))).join(parts))
    industry = evidence.get("industry")
    if industry == "exact":
        lines.append(escape(_("行业相同：%(name)s", name=evidence.get("industry_name") or "")))
    elif industry == "parent":
        lines.append(escape(_("同属一个行业大类：%(name)s", name=evidence.get("industry_name") or "")))
    elif industry == "other":
        lines.append(escape(_("行业不同，属跨行业应用")))
    coop = evidence.get("coop") or []
    if coop:
        names = _("、").join(_(CoopMode(c).label) for c in coop if c in CoopMode._value2member_map_)
        lines.append(escape(_("双方都接受的合作方式：%(modes)s", modes=names)))
    maturity = evidence.get("maturity")
    label = _(Maturity(evidence["maturity_value"]).label) if evidence.get("maturity_value") else ""
    if maturity == "ok":
        lines.append(escape(_("成熟度：%(m)s，可较快落地", m=label)))
    elif maturity == "early":
        lines.append(escape(_("成熟度：%(m)s，尚需联合开发", m=label)))
    elif maturity == "needs_development":
        lines.append(escape(_("成熟度：%(m)s，适合以技术开发方式合作", m=label)))
    budget = evidence.get("budget")
    price, limit = evidence.get("price_wan"), evidence.get("budget_wan")
    if budget == "within":
        lines.append(escape(_("意向价格 %(p)s，在预算 %(b)s 以内", p=money(price), b=money(limit))))
    elif budget == "near":
        lines.append(escape(_("意向价格 %(p)s，略高于预算 %(b)s，可协商", p=money(price), b=money(limit))))
    elif budget == "over":
        lines.append(escape(_("意向价格 %(p)s，明显高于预算 %(b)s", p=money(price), b=money(limit))))
    return lines
