"""Forms of the review queue."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional

from models import RejectReason

from ..forms import BaseForm, enum_choices


class RejectForm(BaseForm):
    reason = SelectField(_l("驳回原因"), choices=enum_choices(RejectReason, blank=True), validators=[Optional()])
    note = TextAreaField(_l("备注"), validators=[Optional(), Length(max=500)])
