"""The one form of 定期推送: how often an organisation gets its digest."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField
from wtforms.validators import InputRequired

from models import DigestFrequency, Organization

from ..forms import BaseForm, enum_choices


class DigestFrequencyForm(BaseForm):
    frequency = RadioField(_l("定期推送"), choices=enum_choices(DigestFrequency), validators=[InputRequired()])
    #: The page to go back to (a path on this site; anything else falls back to the default).
    next = HiddenField()

    @classmethod
    def for_organization(cls, org: Organization, **kw) -> "DigestFrequencyForm":
        return cls(formdata=None, frequency=org.digest_frequency.value, **kw)

    @property
    def value(self) -> DigestFrequency:
        return DigestFrequency(self.frequency.data)
