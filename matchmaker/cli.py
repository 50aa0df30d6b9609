"""``flask`` commands: taxonomy, demo data, users, translations; matching and tasks bring their own."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from models import Organization, Role

from .extensions import db


def init_cli(app: Flask) -> None:
    from .digests.cli import digest_cli
    from .imports.cli import import_cli
    from .matching.cli import index_cli, suggestions_cli
    from .review.cli import reviews_cli
    from .tasks.cli import tasks_cli, worker_command

    for command in (taxonomy_cli, demo_cli, users_cli, translate_cli, index_cli, suggestions_cli, tasks_cli,
                    worker_command, reviews_cli, digest_cli, import_cli):
        app.cli.add_command(command)


taxonomy_cli = AppGroup("taxonomy", help="Industries and regions.")


@taxonomy_cli.command("sync")
@click.option("--force", is_flag=True,
              help="Also reset the names, order and retirement of existing industries to data.py "
                   "(undoes renames and retirements made on the admin pages).")
def taxonomy_sync(force: bool) -> None:
    """Add the industries and regions of matchmaker/taxonomy/data.py that are missing."""
    from .taxonomy.services import sync_taxonomy

    industries, regions = sync_taxonomy(db.session, force=force)
    db.session.commit()
    click.echo(f"taxonomy: {industries} industries and {regions} regions added")


demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--reset", is_flag=True, help="Delete every row first (the database must already have its schema).")
@click.option("--seed", default=2024, show_default=True, help="Random seed: the same seed gives the same data.")
@click.option("--index/--no-index", "build_index", default=True, show_default=True,
              help="Build the matching indexes right after loading (encodes every text once).")
def demo_load(reset: bool, seed: int, build_index: bool) -> None:
    """Load the demo (242 needs, 71 achievements, pairings, contracts) into the configured database."""
    from .demo import DEMO_ACCOUNTS, DEMO_PASSWORD, clear_all, database_is_empty, load_demo

    if not database_is_empty(db.session):
        if not reset:
            raise click.ClickException(
                "the database already holds data; refusing to mix the demo into it "
                "(use --reset to delete everything first)"
            )
        clear_all(db.session)
    try:
        summary = load_demo(db.session, seed=seed)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo("demo loaded: " + ", ".join(f"{k}={v}" for k, v in summary.items()))
    if build_index:
        from .matching.cli import rebuild_indexes
        from .tasks import task_queue

        rebuild_indexes()
        task_queue().enqueue("matching.refresh_all", True)
        click.echo("suggestion lists queued: the worker computes them (`make demo` starts it; "
                   "`flask --app wsgi suggestions status` shows progress)")
    click.echo(f"demo accounts (password {DEMO_PASSWORD}):")
    for account in DEMO_ACCOUNTS:
        click.echo(f"  {account[0]:<22} {account[2]}")


users_cli = AppGroup("users", help="User accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--organization", "org_name", help="Name of an existing organisation.")
@click.password_option()
def users_create(email: str, name: str, role: str, org_name: str | None, password: str) -> None:
    """Create a user (admins and brokers are created this way)."""
    from .auth.services import create_user
    from .errors import DomainError

    org = None
    if org_name:
        org = db.session.scalar(db.select(Organization).where(Organization.name == org_name))
        if org is None:
            raise click.ClickException(f"no organisation named {org_name!r}")
    try:
        user = create_user(db.session, email=email, name=name, password=password, role=Role(role), organization=org)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"created user {user.id} {user.email} ({user.role.value})")


translate_cli = AppGroup("translate", help="Message catalogs (Chinese msgids, English catalog).")
_ROOT = Path(__file__).resolve().parent.parent


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=_ROOT)


@translate_cli.command("update")
def translate_update() -> None:
    """Extract messages and merge them into every catalog."""
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "N_", "-o", "messages.pot", ".")
    _pybabel("update", "-i", "messages.pot", "-d", "matchmaker/translations")
    (_ROOT / "messages.pot").unlink()


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the catalogs (.po → .mo)."""
    _pybabel("compile", "-d", "matchmaker/translations")
