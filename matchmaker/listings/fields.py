"""Form fields and parsing shared by the need and achievement forms."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField, widgets
from wtforms.validators import ValidationError

from models import CoopMode

from ..forms import enum_choices

KEYWORD_SPLIT = re.compile(r"[,，、;；\s]+")
MAX_KEYWORDS = 10
MAX_KEYWORD_LENGTH = 20
MAX_MONEY_WAN = Decimal("1000000")  # 100亿元: anything above is a typo


def parse_keywords(raw: str | None) -> list[str]:
    """Split "铜杆，氧含量 连铸" into distinct terms, in the order given."""
    seen: dict[str, None] = {}
    for term in KEYWORD_SPLIT.split(raw or ""):
        term = term.strip()
        if term:
            seen.setdefault(term, None)
    return list(seen)


class KeywordsField(StringField):
    """Comma- or space-separated key terms, stored as a list."""

    def _value(self) -> str:
        if isinstance(self.data, list):
            return "，".join(self.data)
        return super()._value()

    def process_formdata(self, valuelist):
        self.data = parse_keywords(valuelist[0] if valuelist else "")

    def pre_validate(self, form):
        if len(self.data) > MAX_KEYWORDS:
            raise ValidationError(_l("关键词最多 %(n)d 个。", n=MAX_KEYWORDS))
        too_long = [t for t in self.data if len(t) > MAX_KEYWORD_LENGTH]
        if too_long:
            raise ValidationError(
                _l("关键词“%(term)s”过长（每个不超过 %(n)d 字）。", term=too_long[0], n=MAX_KEYWORD_LENGTH)
            )


class MoneyField(StringField):
    """An amount in 万元: optional, non-negative, at most two decimals, with a clear message."""

    def _value(self) -> str:
        if isinstance(self.data, Decimal):
            return format(self.data.normalize(), "f")
        return super()._value()

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip().replace(",", "").replace("，", "")
        self.raw = raw
        if raw == "":
            self.data = None
            return
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.data = None
            raise ValueError(_l("请输入数字金额（单位：万元），例如 50 或 12.5。")) from None
        if not value.is_finite():
            self.data = None
            raise ValueError(_l("请输入数字金额（单位：万元），例如 50 或 12.5。"))
        self.data = value

    def pre_validate(self, form):
        if self.data is None:
            return
        if self.data < 0:
            raise ValidationError(_l("金额不能为负数。"))
        if self.data > MAX_MONEY_WAN:
            raise ValidationError(_l("金额过大，请确认单位为万元。"))
        if self.data != self.data.quantize(Decimal("0.01")):
            raise ValidationError(_l("金额最多保留两位小数（单位：万元）。"))


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        allowed = {str(value) for value, _label in self.choices}
        unknown = [v for v in self.data or [] if str(v) not in allowed]
        if unknown:
            raise ValidationError(_l("“%(value)s”不是可选的选项。", value="、".join(map(str, unknown))))


def coop_mode_field(label) -> MultiCheckboxField:
    return MultiCheckboxField(label, choices=enum_choices(CoopMode))
