"""The need form: what an enterprise fills in (征集表 fields)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm
from ..listings.fields import KeywordsField, MoneyField, coop_mode_field
from ..listings.rules import TEXT_MAX, TITLE_MAX
from .services import NeedData


def optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class NeedForm(BaseForm):
    title = StringField(
        _l("需求名称"),
        validators=[DataRequired(message=_l("标题不能为空。")), Length(max=TITLE_MAX, message=_l("标题不能超过 %(max)d 个字。"))],
        description=_l("一句话说明要解决的技术问题，例如：低氧铜杆表面氧化发黑"),
    )
    description = TextAreaField(
        _l("需求描述"),
        validators=[DataRequired(message=_l("此项不能为空。")), Length(max=TEXT_MAX)],
        description=_l("用自己的话说清楚遇到了什么问题、想达到什么效果"),
    )
    current_situation = TextAreaField(_l("现状与痛点"), validators=[Optional(), Length(max=TEXT_MAX)])
    target_indicators = TextAreaField(
        _l("目标技术指标"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("可量化的指标，例如：氧含量≤10ppm，良品率≥98%"),
    )
    industry_id = SelectField(_l("所属行业"), coerce=optional_int, validators=[Optional()])
    keywords = KeywordsField(_l("关键词"), description=_l("用逗号或空格分隔，最多10个"))
    coop_modes = coop_mode_field(_l("可接受的合作方式"))
    budget_wan = MoneyField(_l("预算（万元）"))
    deadline = DateField(_l("截止日期"), validators=[Optional()])
    is_confidential = BooleanField(
        _l("对其他机构隐藏企业名称"),
        description=_l("勾选后，其他企业和高校只能看到“某企业（行业）”，技术经纪人仍可见。"),
    )
    submit = SubmitField(_l("保存"))

    def set_choices(self, industry_choices) -> None:
        self.industry_id.choices = [("", _l("请选择"))] + list(industry_choices)

    def to_data(self) -> NeedData:
        return NeedData(
            title=self.title.data,
            description=self.description.data,
            current_situation=self.current_situation.data,
            target_indicators=self.target_indicators.data,
            industry_id=self.industry_id.data,
            keywords=self.keywords.data,
            coop_modes=self.coop_modes.data,
            budget_wan=self.budget_wan.data,
            deadline=self.deadline.data,
            is_confidential=self.is_confidential.data,
        )
