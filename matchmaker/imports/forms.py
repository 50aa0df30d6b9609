"""Forms of the import pages: the upload, and the confirmation with its keep/drop choices."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from models import ImportBatch, ImportKind

from ..forms import BaseForm, enum_choices
from .services import SOURCE_MAX


class UploadForm(BaseForm):
    kind = SelectField(_l("导入内容"), choices=enum_choices(ImportKind), default=ImportKind.NEEDS.value)
    year = IntegerField(_l("征集年度"), validators=[InputRequired(message=_l("请填写征集年度。")),
                                                NumberRange(2000, 2100, message=_l("年度应在 2000 到 2100 之间。"))])
    source = StringField(_l("来源"), validators=[Optional(), Length(max=SOURCE_MAX)],
                         description=_l("例如：万州区科技局 2026年度技术需求征集；留空则按年度自动命名"))
    file = FileField(_l("征集表文件"), validators=[FileRequired(message=_l("请选择要导入的 .xlsx 或 .csv 文件。"))],
                     description=_l("支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）；表头在第1行"))
    submit = SubmitField(_l("上传并预览"))


class ConfirmForm(BaseForm):
    """Confirm a previewed batch; ``drop`` lists the flagged rows the broker chose not to import."""

    drop = SelectMultipleField(_l("不导入的疑似重复行"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("确认导入"))

    def narrow_to(self, batch: ImportBatch) -> "ConfirmForm":
        rows = sorted({d["row"] for d in (batch.report or {}).get("duplicates", [])})
        self.drop.choices = [(row, str(row)) for row in rows]
        return self
