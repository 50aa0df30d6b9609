"""What a notification says: its title, body and link, rendered from ``kind`` and ``data`` in the
current locale (the reader's, or the recipient's for a mail).

Rows store only codes and values; a text is written here once and translated at display time.
Data names need and achievement titles, never an organisation: a confidential enterprise's name
must not reach a university through its inbox or its mail.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Any, Callable, NamedTuple

from flask_babel import format_date
from flask_babel import gettext as _

from models import CloseReason, Notification, Response, Stage
from models.enums import N_

log = logging.getLogger(__name__)

#: The two sides of a pairing, as a notification names them (never by organisation).
SIDES = {"enterprise": N_("企业方"), "university": N_("成果方")}


class Message(NamedTuple):
    title: str
    #: Further lines (may be empty); plain text.
    body: str
    #: A site path such as ``/pairings/12``, or None.
    link: str | None


def render(notification: Notification) -> Message:
    """The notification's text in the current locale; an unknown kind or bad data never raises."""
    data = notification.data or {}
    link = safe_link(data.get("link"))
    renderer = RENDERERS.get(notification.kind)
    if renderer is not None:
        try:
            title, lines = renderer(_Values(data))
            return Message(title, "\n".join(line for line in lines if line), link)
        except Exception:  # a row written by an older version, or by hand: show something
            log.exception("cannot render notification %s (%s)", notification.id, notification.kind)
    return Message(_("您有一条新通知"), "", link)


def safe_link(value: Any) -> str | None:
    """A path on this site, or None (never another host: ``//evil`` or ``https://…``)."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return None


class _Values:
    """The data values a text needs, with harmless fallbacks for missing ones."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def text(self, key: str) -> str:
        value = self.data.get(key)
        return "" if value is None else str(value)

    def pair(self) -> str:
        return _("需求「%(need)s」与成果「%(achievement)s」", need=self.text("need_title"),
                 achievement=self.text("achievement_title"))

    def label(self, enum_cls, key: str) -> str:
        value = self.text(key)
        try:
            return _(enum_cls(value).label)
        except ValueError:
            return value

    def side(self) -> str:
        side = self.text("side")
        return _(SIDES[side]) if side in SIDES else side

    def day(self, key: str) -> str:
        value = self.text(key)
        try:
            return format_date(date.fromisoformat(value), "long")
        except ValueError:
            return value

    def note(self) -> str:
        note = self.text("note").strip()
        return _("备注：%(note)s", note=note) if note else ""


Renderer = Callable[[_Values], tuple[str, list[str]]]


def _pushed(v: _Values) -> tuple[str, list[str]]:
    return (_("经纪人向您推送了一项对接：%(pair)s，请答复是否有兴趣", pair=v.pair()),
            [_("请登录平台查看对接详情，答复有意向或无意向（无意向请说明原因）。")])


def _answered(v: _Values) -> tuple[str, list[str]]:
    return (_("%(side)s答复「%(response)s」：%(pair)s", side=v.side(), response=v.label(Response, "response"),
              pair=v.pair()),
            [v.note()])


def _stage(v: _Values) -> tuple[str, list[str]]:
    stage = v.label(Stage, "to")
    return (_("对接进入「%(stage)s」：%(pair)s", stage=stage, pair=v.pair()),
            [_("%(pair)s的对接已进入「%(stage)s」阶段。", pair=v.pair(), stage=stage), v.note()])


def _closed(v: _Values) -> tuple[str, list[str]]:
    return (_("对接已终止：%(pair)s", pair=v.pair()),
            [_("终止原因：%(reason)s", reason=v.label(CloseReason, "code")), v.note()])


def _overdue(v: _Values) -> tuple[str, list[str]]:
    return (_("技术合同尚未认定登记：%(pair)s", pair=v.pair()),
            [_("该技术合同于%(signed_on)s签订，应于%(due_on)s前申请认定登记，目前仍未登记。请尽快向技术合同登记机构提交申请。",
               signed_on=v.day("signed_on"), due_on=v.day("due_on"))])


def _requested(v: _Values) -> tuple[str, list[str]]:
    return (_("%(side)s申请对接：%(pair)s", side=v.side(), pair=v.pair()),
            [_("请审核这项对接申请，决定是否推送给双方。")])


def _digest_section(v: _Values, key: str) -> tuple[int, list[dict]]:
    section = v.data.get(key)
    if not isinstance(section, dict):
        return 0, []
    items = [item for item in section.get("items") or [] if isinstance(item, dict)]
    return int(section.get("count") or 0), items


def _digest(v: _Values) -> tuple[str, list[str]]:
    """定期推送 (``digests.services``): counts and a few titles per section; never an organisation's name."""
    summary: list[str] = []
    lines: list[str] = []
    count, items = _digest_section(v, "achievements")
    if count:
        summary.append(_("%(n)d 项新成果适合您的需求", n=count))
        lines.append(_("适合您需求的新成果："))
        lines += [_("· 成果「%(title)s」，适合需求「%(fits)s」", title=i.get("title", ""), fits=i.get("fits", ""))
                  for i in items]
        if count > len(items):
            lines.append(_("……共 %(n)d 项，请登录平台查看。", n=count))
    count, items = _digest_section(v, "needs")
    if count:
        summary.append(_("%(n)d 项新需求与您的成果相符", n=count))
        lines.append(_("与您的成果相符的新需求："))
        lines += [_("· 需求「%(title)s」，与成果「%(fits)s」相符", title=i.get("title", ""), fits=i.get("fits", ""))
                  for i in items]
        if count > len(items):
            lines.append(_("……共 %(n)d 项，请登录平台查看。", n=count))
    count, items = _digest_section(v, "calls")
    if count:
        summary.append(_("%(n)d 个榜单正在征集", n=count))
        lines.append(_("您所在行业正在征集的榜单（揭榜挂帅）："))
        lines += [_("· 「%(title)s」，揭榜截止 %(closes_on)s", title=i.get("title", ""),
                    closes_on=_Values(i).day("closes_on")) for i in items]
        if count > len(items):
            lines.append(_("……共 %(n)d 个，请登录平台查看。", n=count))
    lines.append(_("推送频率（每周、每月或不推送）可在通知页面为本机构设置。"))
    title = _("定期推送：%(summary)s", summary=_("；").join(summary)) if summary else _("定期推送")
    return title, lines


def _call(v: _Values) -> str:
    return v.text("call_title")


def _call_extended(v: _Values) -> tuple[str, list[str]]:
    return (_("揭榜截止日期延长至%(date)s：%(call)s", date=v.day("closes_on"), call=_call(v)), [v.note()])


def _call_proposal(v: _Values) -> tuple[str, list[str]]:
    return (_("榜单收到新的揭榜方案：%(call)s", call=_call(v)),
            [_("揭榜团队：%(team)s。截止后由评审专家评分。", team=v.text("team"))])


def _call_expert(v: _Values) -> tuple[str, list[str]]:
    return (_("邀请您担任评审专家：%(call)s", call=_call(v)),
            [_("揭榜截止后请登录平台，按评审标准为各方案打分；与提交单位存在利害关系时请声明回避。")])


def _call_publicity(v: _Values) -> tuple[str, list[str]]:
    return (_("揭榜结果公示：%(call)s", call=_call(v)),
            [_("公示至%(date)s，期间可在榜单页面向技术经纪人提出异议。", date=v.day("ends_on"))])


def _call_objection(v: _Values) -> tuple[str, list[str]]:
    return (_("公示期收到异议：%(call)s", call=_call(v)), [_("请在榜单页面处理异议后再确认中榜结果。")])


def _call_awarded(v: _Values) -> tuple[str, list[str]]:
    return (_("揭榜结果已确认：%(call)s", call=_call(v)), [_("中榜方案进入实施，对接按榜单里程碑推进。")])


RENDERERS: dict[str, Renderer] = {
    "call.extended": _call_extended,
    "call.proposal": _call_proposal,
    "call.expert": _call_expert,
    "call.publicity": _call_publicity,
    "call.objection": _call_objection,
    "call.awarded": _call_awarded,
    "digest": _digest,
    "pairing.pushed": _pushed,
    "pairing.answered": _answered,
    "pairing.stage": _stage,
    "pairing.closed": _closed,
    "contract.overdue": _overdue,
    "pair.requested": _requested,
}
