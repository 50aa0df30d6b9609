"""The inbox's one form: e-mail on or off (marking read uses the empty ActionForm)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from ..forms import BaseForm


class EmailPreferenceForm(BaseForm):
    email = RadioField(_l("邮件通知"), choices=[("on", _l("开")), ("off", _l("关"))])

    @classmethod
    def for_user(cls, user, **kw) -> "EmailPreferenceForm":
        return cls(email="on" if user.email_notifications else "off", **kw)

    @property
    def enabled(self) -> bool:
        return self.email.data == "on"
