"""Forms of the matchmaking events: the event itself, and an outcome (a pair that showed interest)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from models import EventKind, MatchmakingEvent

from ..forms import BaseForm, enum_choices
from ..listings.rules import TEXT_MAX, TITLE_MAX
from .services import NOTE_MAX, VENUE_MAX, EventData


def optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class EventForm(BaseForm):
    title = StringField(_l("活动名称"), validators=[DataRequired(message=_l("标题不能为空。")),
                                                 Length(max=TITLE_MAX, message=_l("标题不能超过 %(max)d 个字。"))],
                        description=_l("例如：万达开技术成果对接会（新材料专场）"))
    kind = SelectField(_l("活动类型"), choices=enum_choices(EventKind), default=EventKind.MATCHMAKING.value)
    held_on = DateField(_l("活动日期"), validators=[InputRequired(message=_l("请填写活动日期。"))])
    online = BooleanField(_l("线上举办"))
    venue = StringField(_l("地点"), validators=[Optional(), Length(max=VENUE_MAX)],
                        description=_l("线下活动的场地；线上活动可填写会议平台"))
    industry_id = SelectField(_l("行业方向"), coerce=optional_int, validators=[Optional()],
                              description=_l("系统按此方向推荐受邀需求和成果；不选则不限"))
    region_id = SelectField(_l("举办地区"), coerce=optional_int, validators=[Optional()])
    description = TextAreaField(_l("活动说明"), validators=[Optional(), Length(max=TEXT_MAX)])
    submit = SubmitField(_l("保存"))

    def set_choices(self, industry_choices, regions) -> None:
        self.industry_id.choices = [("", _l("不限"))] + list(industry_choices)
        self.region_id.choices = [("", _l("请选择"))] + [(r.id, r.name) for r in regions]

    def to_data(self) -> EventData:
        return EventData(title=self.title.data, kind=self.kind.data, held_on=self.held_on.data,
                         online=self.online.data, venue=self.venue.data, industry_id=self.industry_id.data,
                         region_id=self.region_id.data, description=self.description.data)


class OutcomeForm(BaseForm):
    """A pair of the event's invitees that showed interest; the choices are the event's invitees
    not recorded as absent, and the service checks them again."""

    need_id = SelectField(_l("需求"), coerce=optional_int, validate_choice=False)
    achievement_id = SelectField(_l("成果"), coerce=optional_int, validate_choice=False)
    note = StringField(_l("洽谈情况"), validators=[Optional(), Length(max=NOTE_MAX)],
                       description=_l("例如：双方约定下周到企业现场考察"))

    def narrow_to(self, event: MatchmakingEvent) -> "OutcomeForm":
        blank = [("", _l("请选择"))]
        self.need_id.choices = blank + [(link.need.id, link.need.title) for link in event.invited_needs
                                        if link.attended is not False]
        self.achievement_id.choices = blank + [(link.achievement.id, link.achievement.title)
                                               for link in event.invited_achievements if link.attended is not False]
        return self
