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


RENDERERS: dict[str, Renderer] = {
    "pairing.pushed": _pushed,
    "pairing.answered": _answered,
    "pairing.stage": _stage,
    "pairing.closed": _closed,
    "contract.overdue": _overdue,
    "pair.requested": _requested,
}
