"""Admin forms: accounts, roles, organisations, taxonomy entries, the audit export."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from models import OrgKind, Role

from ..auth.passwords import MIN_LENGTH
from ..forms import BaseForm, enum_choices
from .organisations import NAME_MAX as ORG_NAME_MAX
from .organisations import OrganisationEdit
from .taxonomy import NAME_MAX as INDUSTRY_NAME_MAX
from .users import NAME_MAX as USER_NAME_MAX
from .users import NewAccount, RoleChange


def optional_int(value):
    return int(value) if value not in (None, "", "None") else None


def organisation_options(organisations) -> list[tuple[object, str]]:
    return [("", _l("无"))] + [(o.id, f"{o.name}（{_l(o.kind.label)}）") for o in organisations]


class RoleFields(BaseForm):
    role = SelectField(_l("角色"), choices=enum_choices(Role), validators=[DataRequired()])
    organization_id = SelectField(
        _l("所属机构"), coerce=optional_int, validators=[Optional()],
        description=_l("企业用户须属于企业；高校院所用户须属于高校或科研院所；经纪人和管理员属于政府部门或服务机构，可不填。"),
    )
    is_expert = BooleanField(_l("可受邀担任评审专家"))

    def set_organisations(self, organisations) -> "RoleFields":
        self.organization_id.choices = organisation_options(organisations)
        return self


class UserCreateForm(RoleFields):
    email = EmailField(_l("邮箱（登录名）"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("姓名"), validators=[DataRequired(), Length(max=USER_NAME_MAX)])
    password = PasswordField(
        _l("初始密码"), validators=[Optional(), Length(min=MIN_LENGTH, max=128)],
        description=_l("留空则自动生成一个临时密码，仅在创建后显示一次。至少8位，需同时包含字母和数字。"),
    )
    submit = SubmitField(_l("创建用户"))

    def to_data(self) -> NewAccount:
        return NewAccount(email=self.email.data, name=self.name.data, role=Role(self.role.data),
                          organization_id=self.organization_id.data, is_expert=self.is_expert.data,
                          password=self.password.data or "")


class RoleForm(RoleFields):
    submit = SubmitField(_l("保存角色"))

    def to_data(self) -> RoleChange:
        return RoleChange(role=Role(self.role.data), organization_id=self.organization_id.data,
                          is_expert=self.is_expert.data)


class OrganisationForm(BaseForm):
    name = StringField(_l("机构名称"), validators=[DataRequired(), Length(min=2, max=ORG_NAME_MAX)])
    kind = SelectField(_l("机构类型"), choices=enum_choices(OrgKind), validators=[DataRequired()])
    credit_code = StringField(_l("统一社会信用代码"), validators=[DataRequired(), Length(min=18, max=24)])
    region_id = SelectField(_l("所在地区"), coerce=optional_int, validators=[Optional()])
    industry_id = SelectField(_l("主要行业"), coerce=optional_int, validators=[Optional()])
    submit = SubmitField(_l("保存"))

    def set_choices(self, regions, industries) -> "OrganisationForm":
        self.region_id.choices = [("", _l("请选择"))] + [(r.id, r.name) for r in regions]
        self.industry_id.choices = [("", _l("请选择"))] + list(industries)
        return self

    def to_data(self) -> OrganisationEdit:
        return OrganisationEdit(name=self.name.data, kind=OrgKind(self.kind.data), credit_code=self.credit_code.data,
                                region_id=self.region_id.data, industry_id=self.industry_id.data)


class MergeForm(BaseForm):
    """The confirmation of a previewed merge: the two organisations and the preview's fingerprint."""

    keep = HiddenField(validators=[DataRequired()])
    duplicate = HiddenField(validators=[DataRequired()])
    fingerprint = HiddenField(validators=[DataRequired()])


class DirectionForm(BaseForm):
    name = StringField(_l("技术方向名称"), validators=[DataRequired(), Length(max=INDUSTRY_NAME_MAX)])
    slug = StringField(_l("代码（可选）"), validators=[Optional(), Length(max=30)],
                       description=_l("小写字母、数字和下划线，例如 copper_foil；留空则自动编号。"))
    submit = SubmitField(_l("添加"))


class RenameForm(BaseForm):
    name = StringField(_l("新名称"), validators=[DataRequired(), Length(max=INDUSTRY_NAME_MAX)])
    submit = SubmitField(_l("更名"))


class AuditExportForm(BaseForm):
    format = SelectField(_l("格式"), choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV")], validators=[DataRequired()])
