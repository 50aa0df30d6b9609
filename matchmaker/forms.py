"""The base form every form inherits: CSRF on, surrounding whitespace stripped."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm


def strip_whitespace(value):
    # type() not isinstance(): str-based enums coerced by a field must stay enums.
    return value.strip() if type(value) is str else value


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", []) or [])
            filters.insert(0, strip_whitespace)
            return unbound_field.bind(form=form, filters=filters, **options)


class ActionForm(BaseForm):
    """An empty form for button-only POSTs (withdraw, logout…): it carries the CSRF token."""


def enum_choices(enum_cls, blank: bool = False) -> list[tuple[str, object]]:
    """Select options for a LabeledEnum, with titles translated at render time."""
    options = [(m.value, _l(m.label)) for m in enum_cls]
    return ([("", _l("请选择"))] if blank else []) + options
