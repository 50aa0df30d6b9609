"""Forms of the open calls. Criteria and milestones are entered as lines ("名称 权重", "日期 名称")."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..forms import BaseForm
from ..listings.fields import MoneyField
from .services import CallData, ProposalData

DEFAULT_CRITERIA = "技术方案先进性与可行性 30\n团队实力与前期基础 25\n实施计划与进度保障 20\n报价合理性 15\n成果转化与服务保障 10"
_LINE = re.compile(r"^\s*(.+?)[\s,，:：]+(\d+)\s*(?:分|%)?\s*$")
_MILESTONE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})[\s,，:：]+(.+?)\s*$")


def parse_criteria(text: str) -> list[tuple[str, int]]:
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(_l("第 %(n)d 行应为「名称 权重」，例如：技术方案 30", n=number))
        out.append((match.group(1).strip(), int(match.group(2))))
    return out


def parse_milestones(text: str) -> list[tuple[str, date]]:
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _MILESTONE.match(line)
        try:
            due = date.fromisoformat("-".join(f"{int(p):02d}" for p in match.group(1).split("-"))) if match else None
        except ValueError:
            due = None
        if due is None:
            raise ValueError(_l("第 %(n)d 行应为「日期 名称」，例如：2027-06-30 完成中试", n=number))
        out.append((match.group(2), due))
    return out


class LinesField(TextAreaField):
    """A textarea parsed into rows by ``parser``; a bad line is a message naming its number."""

    def __init__(self, label=None, validators=None, parser=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parser = parser
        self.rows: list = []

    def pre_validate(self, form):
        try:
            self.rows = self.parser(self.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None


class CallForm(BaseForm):
    title = StringField(_l("榜单名称"), validators=[DataRequired(message=_l("请填写榜单名称。")), Length(max=120)])
    indicators = TextAreaField(_l("技术指标"), validators=[DataRequired(message=_l("请填写可量化的技术指标。"))],
                               description=_l("可量化、可验收，例如：铜杆氧含量≤10ppm，导电率≥101%IACS"))
    requirements = TextAreaField(_l("揭榜条件"), validators=[DataRequired(message=_l("请填写揭榜条件。"))],
                                 description=_l("对揭榜团队的资质、业绩和条件要求"))
    reward_wan = MoneyField(_l("榜金（万元）"))
    closes_on = DateField(_l("揭榜截止日期"), validators=[DataRequired(message=_l("请填写揭榜截止日期。"))])
    complete_by = DateField(_l("完成期限"), validators=[Optional()])
    criteria = LinesField(_l("评审标准与权重"), parser=parse_criteria, default=DEFAULT_CRITERIA,
                          description=_l("每行一项：名称 权重；权重之和须为 100。发榜后不能修改。"))
    milestones = LinesField(_l("里程碑"), parser=parse_milestones,
                            description=_l("每行一个：日期 名称，例如 2027-06-30 完成中试验证"))
    min_scores = IntegerField(_l("每份方案至少几位专家评分"), default=2, validators=[NumberRange(min=1, max=20)])
    publicity_days = IntegerField(_l("公示期（天）"), default=5, validators=[NumberRange(min=1, max=60)])

    def to_data(self, need_id: int) -> CallData:
        return CallData(need_id, self.title.data, self.indicators.data, self.requirements.data, self.reward_wan.data,
                        self.closes_on.data, self.complete_by.data, self.criteria.rows, self.milestones.rows,
                        self.min_scores.data or 2, self.publicity_days.data or 5)


class ProposalForm(BaseForm):
    team_id = SelectField(_l("揭榜团队"), coerce=lambda v: int(v) if str(v).isdigit() else None, validators=[Optional()])
    new_team_name = StringField(_l("或新团队名称"), validators=[Optional(), Length(max=120)])
    summary = TextAreaField(_l("技术方案"), validators=[DataRequired(message=_l("请填写技术方案。"))])
    team_members = TextAreaField(_l("团队成员"), description=_l("每行一人：姓名、职称、分工"))
    timeline = TextAreaField(_l("进度安排与里程碑"))
    price_wan = MoneyField(_l("报价（万元）"))
    duration_months = IntegerField(_l("实施周期（月）"), validators=[Optional(), NumberRange(min=1, max=120)])
    achievement_id = SelectField(_l("依托成果（可选）"), coerce=lambda v: int(v) if str(v).isdigit() else None,
                                 validators=[Optional()])

    def to_data(self) -> ProposalData:
        return ProposalData(self.summary.data, self.team_id.data, self.new_team_name.data, self.team_members.data,
                            self.timeline.data, self.price_wan.data, self.duration_months.data, self.achievement_id.data)


class ExtendForm(BaseForm):
    closes_on = DateField(_l("新的截止日期"), validators=[DataRequired(message=_l("请填写新的截止日期。"))])
    note = StringField(_l("延期原因"), validators=[Length(max=500)])


class InviteForm(BaseForm):
    expert_id = SelectField(_l("评审专家"), coerce=lambda v: int(v) if str(v).isdigit() else None,
                            validators=[DataRequired(message=_l("请选择专家。"))])


class ExpertAccountForm(BaseForm):
    name = StringField(_l("专家姓名"), validators=[DataRequired(), Length(max=60)])
    email = StringField(_l("邮箱"), validators=[DataRequired(), Length(max=254)])
    password = StringField(_l("初始密码"), validators=[DataRequired(), Length(min=8, max=128)],
                           description=_l("请通过安全渠道告知专家，并请其登录后修改"))


class WinnerForm(BaseForm):
    proposal_id = SelectField(_l("中榜方案"), coerce=lambda v: int(v) if str(v).isdigit() else None,
                              validators=[DataRequired(message=_l("请选择中榜方案。"))])
    reason = TextAreaField(_l("理由（未选评分最高的方案时必填）"), validators=[Length(max=2000)])


class ObjectionForm(BaseForm):
    text = TextAreaField(_l("异议内容"), validators=[DataRequired(message=_l("请写明异议内容。")), Length(max=2000)])


class ResolveForm(BaseForm):
    resolution = TextAreaField(_l("处理意见"), validators=[DataRequired(message=_l("请写明处理意见。"))])
    uphold = BooleanField(_l("异议成立，重新评审"))


class AcceptanceForm(BaseForm):
    passed = RadioField(_l("验收结论"), choices=[("1", _l("通过")), ("0", _l("未通过"))],
                        validators=[DataRequired(message=_l("请选择验收结论。"))])
    report = TextAreaField(_l("验收报告"), validators=[DataRequired(message=_l("请填写验收报告。"))])
    accepted_on = DateField(_l("验收日期"), validators=[DataRequired(message=_l("请填写验收日期。"))])
