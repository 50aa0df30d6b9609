"""Plain-Chinese reasons for a suggestion, rendered at display time from stored evidence.

The evidence holds only terms, scores and fit codes — never an organisation's name — so a
reason can be shown to anyone who may see the suggestion.
"""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup, escape

from models import CoopMode, Maturity
from models.enums import N_

from ..templating import money

BANDS = {"high": N_("高"), "medium": N_("中"), "low": N_("低")}


def highlight(text: str, terms: list[str]) -> Markup:
    """``text`` with each matched term wrapped in <mark> (escaped, longest terms first)."""
    out = escape(text)
    for term in sorted(set(terms), key=len, reverse=True):
        safe = escape(term)
        out = Markup(out.replace(safe, Markup(f"<mark>{safe}</mark>")))
    return Markup(out)


def reasons(evidence: dict) -> list[Markup]:
    """Each line of evidence as one short sentence."""
    lines: list[Markup] = []
    terms = evidence.get("terms") or []
    if terms:
        marked = Markup(escape(_("、"))).join(Markup("<mark>{}</mark>").format(t) for t in terms)
        lines.append(Markup(escape(_("共同关键词："))) + marked)
    band = evidence.get("band")
    if band:
        lines.append(escape(_("语义相似度：%(band)s（余弦 %(score).2f）", band=_(BANDS[band]), score=evidence.get("dense") or 0)))
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
