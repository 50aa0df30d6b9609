"""E-mail for a notification: a plain-text UTF-8 message in the recipient's language, over SMTP.

Settings (config.py): MAIL_SERVER, MAIL_PORT, MAIL_USE_TLS (STARTTLS), MAIL_USE_SSL, MAIL_USERNAME,
MAIL_PASSWORD, MAIL_DEFAULT_SENDER, MAIL_TIMEOUT, and SITE_URL for the links.
"""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Mapping

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from models import Notification

from . import messages

INBOX_PATH = "/notifications/"


def compose(notification: Notification, config: Mapping | None = None) -> EmailMessage:
    """The message for ``notification``'s recipient, in their language (the platform's by default)."""
    config = config or current_app.config
    user = notification.user
    site = str(config["SITE_URL"]).rstrip("/")
    locale = user.locale if user.locale in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        title, body, link = messages.render(notification)
        lines = [_("%(name)s，您好：", name=user.name), "", title]
        if body:
            lines += ["", body]
        lines += ["", _("查看详情：%(url)s", url=site + (link or INBOX_PATH)), "", "—— " + _("科技成果转化对接平台"),
                  _("不想再收到邮件？可在通知页面关闭邮件通知：%(url)s", url=site + INBOX_PATH)]
    message = EmailMessage()
    message["Subject"] = " ".join(title.split())  # a title is one line: no header injection
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = user.email
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(idstring=f"notification-{notification.id}", domain=_domain(config))
    message.set_content("\n".join(lines) + "\n", charset="utf-8")
    return message


def send(notification: Notification, config: Mapping | None = None) -> None:
    """Hand the mail to the SMTP server; returns once the server accepted it, raises otherwise."""
    config = config or current_app.config
    message = compose(notification, config)
    smtp = connect(config)
    try:
        refused = smtp.send_message(message)
    finally:
        try:  # the server has the mail: a failed goodbye must not make it look unsent
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    if refused:  # only some recipients refused; ours is the only one
        raise smtplib.SMTPRecipientsRefused(refused)


def connect(config: Mapping) -> smtplib.SMTP:
    host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    context = ssl.create_default_context()
    if config.get("MAIL_USE_SSL"):
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=context)
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _domain(config: Mapping) -> str:
    sender = str(config["MAIL_DEFAULT_SENDER"])
    return sender.rpartition("@")[2].strip("> ") or "matchmaker.local"
