"""Forms of the pairing workflow. Each carries the version of the pairing it was made against."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from models import CloseReason, ContractSubType, ContractType, Response

from ..forms import BaseForm, enum_choices
from ..listings.fields import MoneyField
from .services import ContractData, RegistrationData


def _version(value):
    return int(value) if value not in (None, "") and str(value).isdigit() else None


class VersionedForm(BaseForm):
    """The pairing's version when the page was rendered: a later change makes the form stale."""

    version = HiddenField(filters=[_version])


class AdvanceForm(VersionedForm):
    to = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("说明"), validators=[Optional(), Length(max=500)])


class CloseForm(VersionedForm):
    close_code = SelectField(_l("终止原因"), choices=enum_choices(CloseReason, blank=True),
                             validators=[DataRequired(message=_l("请选择终止原因。"))])
    note = TextAreaField(_l("说明"), validators=[Optional(), Length(max=500)])


class AnswerForm(VersionedForm):
    response = RadioField(_l("您的答复"), choices=[(r.value, _l(r.label)) for r in Response],
                          validators=[DataRequired(message=_l("请选择有兴趣或无兴趣。"))])
    note = TextAreaField(_l("说明（无兴趣时请写明原因）"), validators=[Optional(), Length(max=500)])


class ContractForm(VersionedForm):
    contract_type = SelectField(_l("合同类型"), choices=enum_choices(ContractType, blank=True),
                                validators=[DataRequired(message=_l("请选择合同类型。"))])
    sub_type = SelectField(_l("具体类别"), choices=[("", _l("（技术咨询无需选择）"))] + enum_choices(ContractSubType),
                           validators=[Optional()])
    amount_wan = MoneyField(_l("合同成交额（万元）"))
    tech_income_wan = MoneyField(_l("技术交易额（万元）"), description=_l("合同中技术部分的金额，不超过成交额"))
    signed_on = DateField(_l("签订日期"), validators=[DataRequired(message=_l("请填写签订日期。"))])
    term_months = IntegerField(_l("合同期限（月）"), validators=[Optional(), NumberRange(min=1, max=600)])
    note = TextAreaField(_l("说明"), validators=[Optional(), Length(max=500)])

    def to_data(self) -> ContractData:
        return ContractData(self.contract_type.data, self.sub_type.data or None, self.amount_wan.data,
                            self.tech_income_wan.data, self.signed_on.data, self.term_months.data)


class RegistrationForm(VersionedForm):
    registration_no = StringField(_l("登记编号"), validators=[DataRequired(message=_l("请填写登记编号。")),
                                                             Length(max=40)])
    registered_on = DateField(_l("登记日期"), validators=[DataRequired(message=_l("请填写登记日期。"))])
    registered_income_wan = MoneyField(_l("核定技术交易额（万元）"),
                                       description=_l("以技术合同登记机构核定的金额为准，可能与申报金额不同"))
    note = TextAreaField(_l("说明"), validators=[Optional(), Length(max=500)])

    def to_data(self) -> RegistrationData:
        return RegistrationData(self.registration_no.data, self.registered_on.data, self.registered_income_wan.data)
