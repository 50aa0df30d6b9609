"""The achievement form: what a research team fills in."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from models import IPType, Maturity

from ..forms import BaseForm, enum_choices
from ..listings.fields import KeywordsField, MoneyField, coop_mode_field
from ..listings.rules import TEXT_MAX, TITLE_MAX
from ..needs.forms import optional_int
from .services import AchievementData


def optional_enum(enum_cls):
    def coerce(value):
        if value in (None, "", "None"):
            return None
        return value if isinstance(value, enum_cls) else enum_cls(value)

    return coerce


class AchievementForm(BaseForm):
    title = StringField(
        _l("成果名称"),
        validators=[DataRequired(message=_l("标题不能为空。")), Length(max=TITLE_MAX, message=_l("标题不能超过 %(max)d 个字。"))],
    )
    abstract = TextAreaField(
        _l("成果简介"),
        validators=[DataRequired(message=_l("此项不能为空。")), Length(max=TEXT_MAX)],
        description=_l("技术原理、关键指标、应用场景；中英文均可"),
    )
    advantages = TextAreaField(
        _l("相对现有技术的优势"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("企业最关心：比现有工艺好在哪里、好多少"),
    )
    industry_id = SelectField(_l("所属行业"), coerce=optional_int, validators=[Optional()])
    keywords = KeywordsField(_l("关键词"), description=_l("用逗号或空格分隔，最多10个"))
    maturity = SelectField(
        _l("成熟度"),
        choices=enum_choices(Maturity, blank=True),
        coerce=optional_enum(Maturity),
        validators=[Optional()],
    )
    trl = IntegerField(
        _l("技术就绪度（TRL 1–9）"),
        validators=[Optional(), NumberRange(min=1, max=9, message=_l("技术就绪度等级应在 1–9 之间。"))],
    )
    ip_type = SelectField(
        _l("知识产权类型"),
        choices=enum_choices(IPType, blank=True),
        coerce=optional_enum(IPType),
        validators=[Optional()],
    )
    ip_numbers = StringField(_l("专利号/登记号"), validators=[Optional(), Length(max=400)])
    coop_modes = coop_mode_field(_l("合作方式"))
    price_wan = MoneyField(_l("意向价格（万元）"))
    team_id = SelectField(_l("所属团队"), coerce=optional_int, validators=[Optional()])
    new_team_name = StringField(
        _l("或新建团队"), validators=[Optional(), Length(max=120)], description=_l("团队不在列表中时填写")
    )
    publish = BooleanField(_l("立即发布"), default=True)
    submit = SubmitField(_l("保存"))

    def set_choices(self, industry_choices, teams) -> None:
        self.industry_id.choices = [("", _l("请选择"))] + list(industry_choices)
        self.team_id.choices = [("", _l("请选择"))] + [(t.id, t.name) for t in teams]

    def to_data(self) -> AchievementData:
        return AchievementData(
            title=self.title.data,
            abstract=self.abstract.data,
            advantages=self.advantages.data,
            industry_id=self.industry_id.data,
            keywords=self.keywords.data,
            maturity=self.maturity.data,
            trl=self.trl.data,
            ip_type=self.ip_type.data,
            ip_numbers=self.ip_numbers.data,
            coop_modes=self.coop_modes.data,
            price_wan=self.price_wan.data,
            team_id=self.team_id.data,
            new_team_name=self.new_team_name.data,
            publish=self.publish.data,
        )
