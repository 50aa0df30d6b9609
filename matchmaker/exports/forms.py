"""The export request: which kind, which format (the filters ride along and the service reads them)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import InputRequired

from ..forms import BaseForm
from .services import FORMATS, KINDS


class ExportForm(BaseForm):
    kind = SelectField(_l("导出内容"), choices=[(k.code, k.title) for k in KINDS.values()],
                       validators=[InputRequired()])
    format = SelectField(_l("格式"), choices=[(f, f) for f in FORMATS], validators=[InputRequired()])
