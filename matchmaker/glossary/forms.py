"""The form that adds a glossary pair. The rules (empty, length, scripts, duplicates) are the
service's, so the page and any other caller get the same answer."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField

from models import GlossaryKind

from ..forms import BaseForm, enum_choices
from .services import EQUIVALENT_MAX, TERM_MAX


class PairForm(BaseForm):
    kind = SelectField(_l("类型"), choices=enum_choices(GlossaryKind), default=GlossaryKind.BILINGUAL.value,
                       validate_choice=False)
    term = StringField(_l("术语"), render_kw={"maxlength": TERM_MAX},
                       description=_l("中英对照填中文术语，如“钛合金”；同义词填技术术语，如“氧化”"))
    equivalent = StringField(_l("对应说法"), render_kw={"maxlength": EQUIVALENT_MAX},
                             description=_l("中英对照填英文说法，如“titanium alloy; Ti alloy”；同义词填企业的口语说法，"
                                            "如“发黑; 变黑”。多个说法用分号分隔"))
    submit = SubmitField(_l("添加"))
