"""``flask --app wsgi digest send [--dry-run] [--org ID] [--force]``: the digest run by hand."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from ..extensions import db

digest_cli = AppGroup("digest", help="定期推送: each organisation's periodic digest.")

STATUS = {
    "sent": "sent",
    "would_send": "would send",
    "nothing_new": "nothing new (nothing sent; last digest time kept)",
    "no_recipients": "no active user to tell",
    "not_due": "not due yet",
    "off": "digests switched off",
    "taken": "sent meanwhile by another run",
    "failed": "failed",
}


@digest_cli.command("send")
@click.option("--dry-run", is_flag=True, help="Print what each organisation would get; send and change nothing.")
@click.option("--org", "org_ids", type=int, multiple=True, metavar="ID",
              help="Only this organisation (repeatable).")
@click.option("--force", is_flag=True, help="Also organisations not due yet (frequency off still gets none).")
def digest_send(dry_run: bool, org_ids: tuple[int, ...], force: bool) -> None:
    """Send each due organisation its digest of what is new and fits it (the daily task does the same)."""
    from ..notifications import messages
    from . import services

    try:
        outcomes = services.run(db.session, org_ids=org_ids or None, force=force, dry_run=dry_run)
    except Exception as error:
        raise click.ClickException(f"digest run failed: {type(error).__name__}: {error}") from None
    finally:
        if dry_run:
            db.session.rollback()
    if org_ids:
        missing = set(org_ids) - {o.organization_id for o in outcomes}
        for org_id in sorted(missing):
            click.echo(f"[{org_id}] no such organisation, or not one that gets digests")
    for outcome in outcomes:
        if not org_ids and not dry_run and outcome.status in ("not_due", "off"):
            continue  # a normal run lists what it did, not every organisation it skipped
        click.echo(f"[{outcome.organization_id}] {outcome.name}: {STATUS[outcome.status]}"
                   + (f" ({outcome.told} user(s))" if outcome.told else ""))
        digest = outcome.digest
        if dry_run and digest is not None and not digest.is_empty:
            with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
                title, body = _render(messages, digest)
            click.echo(f"    {title}")
            for line in body.splitlines():
                click.echo(f"    {line}")
            click.echo(f"    link: {digest.link()}; to: {', '.join(u.email for u in digest.recipients) or '-'}")
    sent = sum(1 for o in outcomes if o.status == "sent")
    would = sum(1 for o in outcomes if o.status == "would_send")
    if dry_run:
        click.echo(f"dry run: {would} organisation(s) would get a digest; nothing was sent or changed")
    else:
        click.echo(f"{sent} digest(s) sent; the task consumer mails them (`flask --app wsgi worker`)")


def _render(messages, digest) -> tuple[str, str]:
    from models import Notification

    title, body, _link = messages.render(Notification(kind="digest", data=dict(digest.data())))
    return title, body
