"""Sign-in, registration and password forms."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from models import OrgKind

from ..forms import BaseForm
from .passwords import MIN_LENGTH
from .services import SELF_SERVICE_ROLES


class LoginForm(BaseForm):
    email = EmailField(_l("邮箱"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("密码"), validators=[DataRequired()])
    submit = SubmitField(_l("登录"))


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class RegistrationForm(BaseForm):
    org_name = StringField(_l("机构名称"), validators=[DataRequired(), Length(min=2, max=120)])
    org_kind = SelectField(
        _l("机构类型"),
        choices=[(k.value, _l(k.label)) for k in SELF_SERVICE_ROLES],
        validators=[DataRequired()],
    )
    credit_code = StringField(
        _l("统一社会信用代码"),
        validators=[DataRequired(), Length(min=18, max=24)],
        description=_l("18位，见营业执照或事业单位法人证书"),
    )
    region_id = SelectField(_l("所在地区"), coerce=_optional_int, validators=[Optional()])
    industry_id = SelectField(_l("主要行业"), coerce=_optional_int, validators=[Optional()])
    user_name = StringField(_l("联系人姓名"), validators=[DataRequired(), Length(max=60)])
    email = EmailField(_l("邮箱（登录名）"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("密码"),
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=128)],
        description=_l("至少8位，需同时包含字母和数字"),
    )
    password2 = PasswordField(
        _l("确认密码"), validators=[DataRequired(), EqualTo("password", message=_l("两次输入的密码不一致。"))]
    )
    submit = SubmitField(_l("注册"))

    def set_choices(self, regions, industries) -> None:
        self.region_id.choices = [("", _l("请选择"))] + [(r.id, r.name) for r in regions]
        self.industry_id.choices = [("", _l("请选择"))] + [(i.id, i.name) for i in industries]

    @property
    def kind(self) -> OrgKind:
        return OrgKind(self.org_kind.data)


class PasswordChangeForm(BaseForm):
    current_password = PasswordField(_l("当前密码"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("新密码"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=128)]
    )
    new_password2 = PasswordField(
        _l("确认新密码"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("两次输入的密码不一致。"))],
    )
    submit = SubmitField(_l("修改密码"))
