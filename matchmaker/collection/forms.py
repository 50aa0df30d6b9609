"""The one form of the collection pages: a mark's rationale (the service checks it is there and short)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField

from ..forms import BaseForm


class MarkForm(BaseForm):
    """Mark or unmark (CSRF-checked); ``next`` is the page to go back to when JavaScript is off."""

    rationale = TextAreaField(_l("理由"))
    next = HiddenField()
