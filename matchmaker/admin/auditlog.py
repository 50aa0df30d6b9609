"""The audit log as admins read it: filters (actor, object, action prefix, date range in the bureau's
time zone), newest first, and an export of what the filters select — itself audited (``export.audit``).

Codes are stored language-neutral (``need.update``) and given a Chinese title here, at display time;
an unknown code shows as it is.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from models import AuditEvent, User
from models.enums import N_

from .. import audit
from ..errors import DomainError
from .services import QueryFilters, arg_int, arg_text, require_admin

#: Rows one export may hold; past it the admin narrows the filters.
EXPORT_MAX_ROWS = 100_000

ACTION_TITLES = {
    "user.login": N_("登录"),
    "user.create": N_("创建用户"),
    "user.create_expert": N_("创建评审专家账号"),
    "user.disable": N_("停用用户"),
    "user.enable": N_("启用用户"),
    "user.reset_password": N_("重置密码"),
    "user.change_role": N_("更改角色"),
    "user.password_change": N_("修改密码"),
    "user.email_notifications": N_("设置邮件通知"),
    "organization.register": N_("机构注册"),
    "organization.update": N_("修改机构信息"),
    "organization.merge": N_("合并机构"),
    "organization.digest_frequency": N_("设置推送频率"),
    "industry.create": N_("新增技术方向"),
    "industry.rename": N_("行业更名"),
    "industry.retire": N_("停用技术方向"),
    "industry.restore": N_("恢复技术方向"),
    "need.create": N_("发布需求"),
    "need.update": N_("修改需求"),
    "need.withdraw": N_("撤回需求"),
    "need.set_key": N_("标记重点需求"),
    "achievement.create": N_("登记成果"),
    "achievement.update": N_("修改成果"),
    "achievement.withdraw": N_("撤回成果"),
    "achievement.set_selected": N_("遴选成果"),
    "team.create": N_("创建团队"),
    "pair.requested": N_("申请对接"),
    "pair.accepted": N_("采纳推荐"),
    "pair.rejected": N_("驳回推荐"),
    "pairing.advance": N_("对接推进"),
    "pairing.answer": N_("答复对接"),
    "pairing.milestone_done": N_("完成里程碑"),
    "call.publish": N_("发榜"),
    "call.extend": N_("延长揭榜期"),
    "call.invite_expert": N_("邀请评审专家"),
    "call.review": N_("进入评审"),
    "call.choose_winner": N_("确定中榜方"),
    "call.award": N_("揭榜结果生效"),
    "call.objection": N_("提出异议"),
    "call.objection_resolved": N_("处理异议"),
    "call.acceptance": N_("验收"),
    "call.conflict_refused": N_("回避拒绝"),
    "proposal.submit": N_("提交揭榜方案"),
    "proposal.update": N_("修改揭榜方案"),
    "proposal.score": N_("专家评分"),
    "proposal.conflict": N_("声明回避"),
    "event.create": N_("创建对接活动"),
    "event.update": N_("修改对接活动"),
    "event.invite": N_("邀请参会"),
    "event.uninvite": N_("取消邀请"),
    "event.attendance": N_("记录出席"),
    "event.outcome": N_("登记洽谈成果"),
    "event.outcome_delete": N_("删除洽谈成果"),
    "event.pairing": N_("洽谈成果转为对接"),
    "need.mark_key": N_("标记重点需求"),
    "need.unmark_key": N_("取消重点需求"),
    "achievement.select": N_("遴选成果"),
    "achievement.unselect": N_("取消遴选"),
    "import.preview": N_("上传征集表（预览）"),
    "import.confirm": N_("确认导入"),
    "import.discard": N_("放弃导入"),
    "glossary.add": N_("新增匹配词"),
    "glossary.retire": N_("停用匹配词"),
    "glossary.restore": N_("恢复匹配词"),
    "digest.sent": N_("发送定期推送"),
    "export.needs": N_("导出技术需求"),
    "export.achievements": N_("导出科技成果"),
    "export.pairings": N_("导出对接记录"),
    "export.contracts": N_("导出技术合同"),
    "export.audit": N_("导出审计日志"),
}

OBJECT_TITLES = {
    "users": N_("用户"),
    "organizations": N_("机构"),
    "research_teams": N_("研究团队"),
    "industries": N_("行业"),
    "tech_needs": N_("技术需求"),
    "achievements": N_("科技成果"),
    "pair_reviews": N_("推荐审核"),
    "pairings": N_("对接"),
    "contracts": N_("技术合同"),
    "challenges": N_("揭榜挂帅"),
    "proposals": N_("揭榜方案"),
    "matchmaking_events": N_("对接活动"),
    "import_batches": N_("导入批次"),
    "glossary_terms": N_("匹配词表"),
    "system": N_("系统"),
}


def action_title(code: str) -> str:
    title = ACTION_TITLES.get(code)
    return _(title) if title else code


def object_title(object_type: str) -> str:
    title = OBJECT_TITLES.get(object_type)
    return _(title) if title else object_type


def data_text(data: dict | None) -> str:
    """The event's data as one line of JSON, Chinese kept readable."""
    return json.dumps(data or {}, ensure_ascii=False, sort_keys=True) if data else ""


@dataclass
class AuditFilters(QueryFilters):
    #: A user id, or ``system`` for what the platform did by itself.
    actor: str = ""
    object_type: str = ""
    object_id: int | None = None
    #: An action code or its beginning, e.g. ``need.`` or ``user.disable``.
    action: str = ""
    #: Local (bureau) dates, both included, as entered: ``YYYY-MM-DD``.
    date_from: str = ""
    date_to: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> "AuditFilters":
        actor = arg_text(args, "actor")
        filters = cls(
            actor=actor if actor == "system" or actor.isdigit() else "",
            object_type=arg_text(args, "object_type", 40),
            object_id=arg_int(args, "object_id"),
            action=arg_text(args, "action", 60),
            date_from=arg_text(args, "date_from", 10),
            date_to=arg_text(args, "date_to", 10),
            page=max(arg_int(args, "page") or 1, 1),
        )
        filters.check()
        return filters

    def query_args(self, **overrides):
        args = super().query_args(**overrides)
        args.pop("errors", None)
        return args

    def as_dict(self) -> dict:
        data = super().as_dict()
        data.pop("errors", None)
        return data

    def _date(self, value: str, label: str) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.errors.append(_("%(label)s“%(value)s”不是有效日期，请按 年-月-日 填写，例如 2026-03-01。",
                                 label=label, value=value))
            return None

    def check(self) -> None:
        self.errors = []
        start, end = self._date(self.date_from, _("开始日期")), self._date(self.date_to, _("结束日期"))
        if start and end and start > end:
            self.errors.append(_("开始日期不能晚于结束日期。"))

    def utc_range(self, tz: str) -> tuple[datetime | None, datetime | None]:
        """[start, end) in UTC for the local dates entered (the end date is included)."""
        zone = ZoneInfo(tz)

        def midnight(value: str, days: int = 0) -> datetime | None:
            try:
                day = date.fromisoformat(value) + timedelta(days=days)
            except ValueError:
                return None
            return datetime.combine(day, time.min, tzinfo=zone).astimezone(timezone.utc)

        return midnight(self.date_from), midnight(self.date_to, days=1)


def search_events(actor: User, filters: AuditFilters, tz: str) -> Select:
    """The events the filters select, newest first (a statement to paginate)."""
    require_admin(actor)
    stmt = select(AuditEvent).options(joinedload(AuditEvent.actor)).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if filters.actor == "system":
        stmt = stmt.where(AuditEvent.actor_id.is_(None))
    elif filters.actor:
        stmt = stmt.where(AuditEvent.actor_id == int(filters.actor))
    if filters.object_type:
        stmt = stmt.where(AuditEvent.object_type == filters.object_type)
    if filters.object_id is not None:
        stmt = stmt.where(AuditEvent.object_id == filters.object_id)
    if filters.action:
        stmt = stmt.where(AuditEvent.action.startswith(filters.action, autoescape=True))
    start, end = filters.utc_range(tz)
    if start is not None:
        stmt = stmt.where(AuditEvent.at >= start)
    if end is not None:
        stmt = stmt.where(AuditEvent.at < end)
    return stmt


def actors(session: Session) -> list[User]:
    """Users who appear in the log, for the actor filter."""
    return list(session.scalars(
        select(User).where(User.id.in_(select(AuditEvent.actor_id).distinct())).order_by(User.name, User.id)))


def object_types(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)))


def export_stamp(tz: str) -> str:
    """The local time for an export's file name, e.g. ``20260301-0930``."""
    return datetime.now(ZoneInfo(tz)).strftime("%Y%m%d-%H%M")


EXPORT_HEADERS = (N_("时间"), N_("操作人"), N_("操作人邮箱"), N_("操作代码"), N_("操作"), N_("对象类型"),
                  N_("对象编号"), N_("数据"))


def export_events(session: Session, actor: User, filters: AuditFilters, tz: str,
                  fmt: str) -> tuple[list[str], list[list]]:
    """Headers and rows of the filtered log (times in the bureau's zone), and the export audited."""
    require_admin(actor)
    if filters.errors:
        raise DomainError(" ".join(filters.errors))
    stmt = search_events(actor, filters, tz)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    if total > EXPORT_MAX_ROWS:
        raise DomainError(_("符合条件的记录有 %(n)d 条，超过单次导出上限 %(max)d 条，请缩小筛选范围。",
                            n=total, max=EXPORT_MAX_ROWS))
    zone = ZoneInfo(tz)
    rows = [
        [e.at.astimezone(zone), e.actor.name if e.actor else _("系统"), e.actor.email if e.actor else "",
         e.action, action_title(e.action), object_title(e.object_type), e.object_id, data_text(e.data)]
        for e in session.scalars(stmt)
    ]
    audit.record(session, actor, "export.audit", None, format=fmt, rows=len(rows), filters=filters.as_dict())
    session.flush()
    headers = [_(h) if i else _("时间（%(tz)s）", tz=tz) for i, h in enumerate(EXPORT_HEADERS)]
    return headers, rows
