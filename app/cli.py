"""The `voicetally` command line (Typer): a thin layer over services. DESIGN.md's contract.

Errors print as one line on stderr with exit code 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from app import db
from app.errors import NotAvailableYet, VoicetallyError
from app.settings import Settings
from scrapers.errors import ScrapeError

__all__ = ["cli", "main"]

cli = typer.Typer(
    name="voicetally",
    help="Count whose expertise gets heard: panel lineups and cited experts, by gender.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_cli = typer.Typer(help="Migrate the database schema (Alembic).", no_args_is_help=True)
extract_cli = typer.Typer(help="Parse a source and print its records; stores nothing.")
keys_cli = typer.Typer(help="Create and revoke API keys.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(extract_cli, name="extract")
cli.add_typer(keys_cli, name="keys")

HostOpt = Annotated[str | None, typer.Option(help="Address to listen on.")]
PortOpt = Annotated[int | None, typer.Option(help="Port to listen on.")]


def fail(message: str) -> NoReturn:
    """Print MESSAGE as one stderr line and exit 1."""
    first = " ".join(str(message).split())
    typer.echo(f"voicetally: error: {first}", err=True)
    raise typer.Exit(1)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn the project's errors into one stderr line and exit code 1."""
    try:
        yield
    except (VoicetallyError, ScrapeError) as exc:
        fail(str(exc))


def not_available(what: str, issue: int) -> NoReturn:
    """Exit 1: the command's issue has not landed yet."""
    with reporting_errors():
        raise NotAvailableYet(f"`voicetally {what}` is not available yet (issue #{issue})")
    raise AssertionError("unreachable")


def load_settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:
        fail(f"invalid VOICETALLY_ setting: {exc}")


def _serve(settings: Settings, host: str | None, port: int | None) -> None:
    import uvicorn

    from app.web import create_app

    host, port = host or settings.host, port or settings.port
    with reporting_errors():
        web_app = create_app(settings)
        db.check_schema(web_app.state.engine)
    where = db.mask_url(settings.database_url)
    typer.echo(f"voicetally serving on http://{host}:{port}  (database {where})")
    uvicorn.run(web_app, host=host, port=port, log_level="info")


@cli.command()
def demo(host: HostOpt = None, port: PortOpt = None) -> None:
    """Migrate the embedded database, load the bundled samples, and serve."""
    from app.ingest import samples

    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.upgrade(engine)
        loaded = samples.load_if_empty(engine, settings=settings)
        engine.dispose()
    typer.echo(f"sample data: {loaded}")
    _serve(settings, host, port)


@cli.command()
def serve(host: HostOpt = None, port: PortOpt = None) -> None:
    """Migrate the database to head and serve the API and pages."""
    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.upgrade(engine)
        engine.dispose()
    _serve(settings, host, port)


@db_cli.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database up to REVISION (default head)."""
    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.upgrade(engine, revision)
        typer.echo(f"database at {db.current_revision(engine) or 'base'}")


@db_cli.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision; 'base' empties it.")] = "-1",
) -> None:
    """Migrate the database down to REVISION (default: one step)."""
    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.downgrade(engine, revision)
        typer.echo(f"database at {db.current_revision(engine) or 'base'}")


@db_cli.command("current")
def db_current() -> None:
    """Print the database's revision and the code's head."""
    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        current = db.current_revision(engine) or "base"
        typer.echo(f"database at {current}; code head {db.head_revision()}")


@cli.command()
def gender(
    names: Annotated[list[str] | None, typer.Argument(help="Full names to label.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code for context.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per name.")] = False,
    csv: Annotated[Path | None, typer.Option("--csv", help="CSV with a full_name column.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where --csv writes (default stdout).")] = None,
) -> None:
    """Infer gender labels from names, with probability, source and evidence."""
    not_available("gender", 3)


@extract_cli.command("lineup")
def extract_lineup(
    source: Annotated[str, typer.Argument(help="URL or local path of an agenda.")],
    format: Annotated[str | None, typer.Option("--format", help="Force a format.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the lineup JSON.")] = False,
) -> None:
    """Parse an agenda into sessions, people and roles (DESIGN.md lineup JSON)."""
    not_available("extract lineup", 4)


@extract_cli.command("article")
def extract_article(
    source: Annotated[str, typer.Argument(help="URL or local path of a media page.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the article JSON.")] = False,
) -> None:
    """Extract an article's authors and cited experts (DESIGN.md article JSON)."""
    not_available("extract article", 5)


@cli.command()
def ingest(sources: Annotated[list[str], typer.Argument(help="URLs or local paths.")]) -> None:
    """Fetch, parse and store sources; idempotent."""
    not_available("ingest", 4)


@cli.command()
def crawl(source: Annotated[int | None, typer.Option(help="Only this source id.")] = None) -> None:
    """Queue or run crawls of registered sources."""
    not_available("crawl", 8)


@cli.command()
def worker() -> None:
    """Run a job worker (PostgreSQL, procrastinate)."""
    not_available("worker", 8)


@cli.command()
def jobs() -> None:
    """Show the job queue."""
    not_available("jobs", 8)


@cli.command()
def check(
    names: Annotated[list[str] | None, typer.Argument(help="Names on the panel.")] = None,
    file: Annotated[Path | None, typer.Option(help="A lineup file.")] = None,
    url: Annotated[str | None, typer.Option(help="An agenda URL.")] = None,
) -> None:
    """Quick balance check of a panel or lineup; stores nothing."""
    not_available("check", 6)


@keys_cli.command("create")
def keys_create(
    role: Annotated[str, typer.Option(help="viewer, editor or admin.")],
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
) -> None:
    """Create an API key and print it once."""
    not_available("keys create", 6)


@keys_cli.command("revoke")
def keys_revoke(key_id: Annotated[int, typer.Argument(help="The key's id.")]) -> None:
    """Revoke an API key."""
    not_available("keys revoke", 6)


@cli.command("export-site")
def export_site(directory: Annotated[Path, typer.Argument(help="Output directory.")]) -> None:
    """Write the public pages and their data as static files."""
    not_available("export-site", 7)


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli())
