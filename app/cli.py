"""The `voicetally` command line (Typer): a thin layer over services. DESIGN.md's contract.

Errors print as one line on stderr with exit code 1.
"""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from app import db
from app.errors import VoicetallyError
from app.settings import Settings
from scrapers.errors import BlockedHost, ScrapeError

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from app.gender.engine import Engine
    from app.jobs import Rerun
    from scrapers.records import Snapshot

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
rollups_cli = typer.Typer(help="The cached aggregates behind the metrics.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(extract_cli, name="extract")
cli.add_typer(keys_cli, name="keys")
cli.add_typer(rollups_cli, name="rollups")

HostOpt = Annotated[str | None, typer.Option(help="Address to listen on.")]
PortOpt = Annotated[int | None, typer.Option(help="Port to listen on.")]


def country_code(value: str | None) -> str | None:
    """An ISO 3166 code of two letters, upper-cased; anything else ends the command (the engine
    ignored '--country italy' without a word)."""
    if value is None:
        return None
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        fail(f"--country takes an ISO country code of two letters such as IT, not {value!r}")
    return value.upper()


def fail(message: str) -> NoReturn:
    """Print MESSAGE as one stderr line and exit 1."""
    first = " ".join(str(message).split())
    typer.echo(f"voicetally: error: {first}", err=True)
    raise typer.Exit(1)


@contextmanager
def reporting_errors(source: str | None = None) -> Iterator[None]:
    """Turn the project's errors into one stderr line (naming SOURCE) and exit code 1."""
    try:
        yield
    except ScrapeError as exc:
        message = str(exc) if exc.source or not source else f"{source}: {exc}"
        if isinstance(exc, BlockedHost):  # a local server someone is testing with
            message += "; VOICETALLY_ALLOW_PRIVATE_HOSTS=1 lets the fetcher reach it (tests only)"
        fail(message)
    except VoicetallyError as exc:
        fail(str(exc))


def _engine(settings: Settings) -> Engine:
    from app.gender.engine import Engine, default_engine

    if settings.gender_threshold is None:
        return default_engine()
    return Engine(threshold=settings.gender_threshold)


def _read_one(source: str, settings: Settings) -> Snapshot:
    from app.ingest import pipeline

    (got,) = pipeline.read_sources([source], settings=settings)
    if isinstance(got, ScrapeError):
        raise got
    return got


def _print_json(document: object, *, pretty: bool) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2 if pretty else None))


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def load_settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:
        fail(f"invalid VOICETALLY_ setting: {exc}")


# uvicorn would believe X-Forwarded-For from 127.0.0.1 by default; the app reads it itself, from
# VOICETALLY_TRUSTED_PROXIES only (app.web), so uvicorn is told to trust nobody.
UVICORN_PROXY_OPTIONS: dict[str, Any] = {"proxy_headers": False, "forwarded_allow_ips": ""}


def _serve(settings: Settings, host: str | None, port: int | None) -> None:
    import uvicorn

    from app.web import create_app

    host, port = host or settings.host, port or settings.port
    with reporting_errors():
        web_app = create_app(settings)
        db.check_schema(web_app.state.engine)
    where = db.mask_url(settings.database_url)
    typer.echo(f"voicetally serving on http://{host}:{port}  (database {where})")
    uvicorn.run(web_app, host=host, port=port, log_level="info", **UVICORN_PROXY_OPTIONS)


@cli.command()
def demo(host: HostOpt = None, port: PortOpt = None) -> None:
    """Migrate the embedded database, load the bundled samples, and serve."""
    from app.ingest import samples

    settings = load_settings()
    if not settings.secret_key:
        # Self-identification links need a signing key; the demo makes one for its lifetime.
        settings = settings.model_copy(update={"secret_key": secrets.token_urlsafe(32)})
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.upgrade(engine)
        loaded = samples.load_if_empty(engine, gender=_engine(settings))
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
    country: Annotated[
        str | None, typer.Option(help="ISO country code for context.", callback=country_code)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per name.")] = False,
    csv: Annotated[Path | None, typer.Option("--csv", help="CSV with a full_name column.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where --csv writes (default stdout).")] = None,
) -> None:
    """Infer gender labels from names, with probability, source and evidence."""
    from app.gender.command import run_gender

    engine = _engine(load_settings())
    code = run_gender(
        names or [], country=country, as_json=as_json, csv_path=csv, out_path=out, engine=engine
    )
    raise typer.Exit(code)


@extract_cli.command("lineup")
def extract_lineup(
    source: Annotated[str, typer.Argument(help="URL or local path of an agenda.")],
    format: Annotated[str | None, typer.Option("--format", help="Force a format.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the lineup JSON.")] = False,
) -> None:
    """Parse an agenda into sessions, people and roles (DESIGN.md lineup JSON)."""
    from app.ingest.documents import lineup_document
    from scrapers import lineup as lineup_parser

    settings = load_settings()
    with reporting_errors(source):
        snapshot = _read_one(source, settings)
        url = snapshot.final_url if snapshot.final_url.startswith("http") else None
        lineup = lineup_parser.parse(snapshot.content, url=url, format=format)
        _print_json(lineup_document(lineup, engine=_engine(settings)), pretty=not as_json)


@extract_cli.command("article")
def extract_article(
    source: Annotated[str, typer.Argument(help="URL or local path of a media page.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the article JSON.")] = False,
) -> None:
    """Extract an article's authors and cited experts (DESIGN.md article JSON)."""
    from app.ingest.documents import article_document
    from scrapers import article as article_parser

    settings = load_settings()
    with reporting_errors(source):
        snapshot = _read_one(source, settings)
        url = snapshot.final_url if snapshot.final_url.startswith("http") else None
        article = article_parser.parse(snapshot.content, url=url)
        _print_json(article_document(article, engine=_engine(settings)), pretty=not as_json)


@cli.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="URLs or local paths.")],
    format: Annotated[str | None, typer.Option("--format", help="Force a lineup format.")] = None,
    series: Annotated[str | None, typer.Option(help="Event series the lineups belong to.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Outlet country (ISO code).", callback=country_code)
    ] = None,
) -> None:
    """Fetch, parse and store sources; idempotent. Exit 1 when any source failed."""
    from rich.progress import Progress

    from app.ingest import feeds, pipeline

    settings = load_settings()
    with reporting_errors(), Progress(transient=True, console=_stderr()) as progress:
        engine = db.make_engine(settings.database_url)
        db.check_schema(engine)
        task = progress.add_task("ingesting", total=len(sources))
        outcomes = feeds.ingest_any(
            db.make_sessionmaker(engine),
            sources,
            settings=settings,
            engine=_engine(settings),
            options=pipeline.IngestOptions(format=format, series=series, country=country),
            on_source=lambda _source: progress.advance(task),
        )
    for outcome in outcomes:
        mark = "ok" if outcome.ok else "FAILED"
        stream = sys.stdout if outcome.ok else sys.stderr
        print(f"{mark}  {outcome.source}: {outcome.detail}", file=stream)
    failed = sum(not outcome.ok for outcome in outcomes)
    if failed:
        fail(f"{failed} of {len(outcomes)} sources failed")


@cli.command()
def crawl(
    source: Annotated[int | None, typer.Option(help="Only this source id.")] = None,
    due: Annotated[bool, typer.Option(help="Only sources due on their schedule.")] = False,
) -> None:
    """Crawl registered sources: queued for workers on PostgreSQL, run now on SQLite."""
    from app import jobs
    from app.ingest.pipeline import Outcome

    settings = load_settings()
    with reporting_errors():
        db.check_schema(db.make_engine(settings.database_url))
        result = jobs.queue_crawls(settings, [source] if source else None, due=due)
    if jobs.uses_workers(settings):
        typer.echo(f"queued {len(result)} crawls" if result else "nothing new to queue")
        return
    outcomes = [item for item in result if isinstance(item, Outcome)]
    for outcome in outcomes:
        stream = sys.stdout if outcome.ok else sys.stderr
        print(
            f"{'ok' if outcome.ok else 'FAILED'}  {outcome.source}: {outcome.detail}", file=stream
        )
    if not outcomes:
        typer.echo("no sources to crawl (register them with POST /api/sources)")
    if any(not outcome.ok for outcome in outcomes):
        fail(f"{sum(not o.ok for o in outcomes)} of {len(outcomes)} fetches failed")


@cli.command()
def worker(
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs run at once.")] = 1,
    queue: Annotated[list[str] | None, typer.Option(help="Only these queues.")] = None,
) -> None:
    """Run a job worker (PostgreSQL, procrastinate) until SIGINT/SIGTERM."""
    import logging

    from app import jobs

    settings = load_settings()
    with reporting_errors():
        db.check_schema(db.make_engine(settings.database_url))
        logging.basicConfig(level=logging.INFO)
        jobs.run_worker(settings, concurrency=concurrency, queues=queue or None)


@cli.command("jobs")
def jobs_command(
    limit: Annotated[int, typer.Option(min=1, help="Newest jobs listed.")] = 30,
) -> None:
    """Show each task's progress and the newest jobs; on SQLite jobs run in-process."""
    from rich.console import Console

    from app import jobs

    settings = load_settings()
    with reporting_errors():
        db.check_schema(db.make_engine(settings.database_url))
        if not jobs.uses_workers(settings):
            typer.echo("SQLite runs jobs in-process: nothing is queued (see voicetally crawl)")
            return
        console = Console()
        console.print(jobs.render_progress(jobs.task_progress(settings)))
        console.print(jobs.render_jobs(jobs.list_jobs(settings, limit=limit)))


def _rerun(what: str, unit: str, run: Callable[..., Rerun]) -> Rerun:
    """Run a re-run here with a progress bar (SQLite); on PostgreSQL queue its jobs, say how
    many, and exit."""
    from rich.progress import MofNCompleteColumn, Progress, TimeRemainingColumn

    from app import jobs

    settings = load_settings()
    with reporting_errors():
        db.check_schema(db.make_engine(settings.database_url))
        if jobs.uses_workers(settings):
            result = run(settings)
            typer.echo(f"{what}: {result.total} {unit}, {len(result.queued)} jobs queued "
                       "(follow them with `voicetally jobs`)")  # fmt: skip
            raise typer.Exit(0)
        columns = (
            *Progress.get_default_columns()[:-1],
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=_stderr()) as bar:
            task = bar.add_task(what, total=None)

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = run(settings, progress=advance)
    return result


@cli.command()
def relabel(
    everyone: Annotated[bool, typer.Option("--all", help="Every person, not only stale.")] = False,
) -> None:
    """Re-infer the labels whose evidence or engine version changed (batched jobs on PostgreSQL)."""
    from app import jobs

    result = _rerun("relabel", "people", lambda s, **kw: jobs.relabel(s, everyone=everyone, **kw))
    typer.echo(f"relabelled {result.total} people: {result.changed} new label rows")


@cli.command()
def reparse(
    everyone: Annotated[
        bool, typer.Option("--all", help="Every stored page, not only stale.")
    ] = False,
) -> None:
    """Read stored snapshots again with today's parsers; changes go through the ingest path."""
    from app import jobs

    result = _rerun("reparse", "pages", lambda s, **kw: jobs.reparse(s, everyone=everyone, **kw))
    for outcome in result.failed or []:
        print(f"FAILED  {outcome.source}: {outcome.detail}", file=sys.stderr)
    typer.echo(f"reparsed {result.changed} of {result.total} pages")
    if result.failed:
        fail(f"{len(result.failed)} of {result.total} pages failed")


@rollups_cli.command("rebuild")
def rollups_rebuild() -> None:
    """Recompute every rollup from the base tables (a job on PostgreSQL)."""
    from app import jobs

    _rerun("rollups rebuild", "rebuild", jobs.rebuild_rollups)
    typer.echo("rollups rebuilt")


@cli.command()
def check(
    names: Annotated[list[str] | None, typer.Argument(help="Names on the panel.")] = None,
    file: Annotated[Path | None, typer.Option(help="A lineup file.")] = None,
    url: Annotated[str | None, typer.Option(help="An agenda URL.")] = None,
    article: Annotated[
        str | None, typer.Option(help="An article: URL, HTML file or text file.")
    ] = None,
) -> None:
    """Quick balance check of a panel, lineup or article; stores nothing.

    Names are read as written: "Dr. Fiona Hill, Brookings (moderator)", "Angela Merkel [DE]".
    """
    from app.metrics import check as check_service
    from app.metrics import check_sources, panel_lines

    settings = load_settings()
    given = [bool(names), file is not None, url is not None, article is not None]
    if sum(given) != 1:
        fail("give names, or --file F, or --url U, or --article A (exactly one)")
    source = str(file or url or article or "")
    with reporting_errors(source or None):
        engine = _engine(settings)
        if names:
            people = panel_lines.parse_lines(names, limit=len(names))
            report = check_service.check_panel(people, engine=engine)
        elif article is not None:
            report = check_service.check_article(_article_at(article, settings), engine=engine)
        else:
            snapshot = _read_one(source, settings)
            page_url = snapshot.final_url if snapshot.final_url.startswith("http") else None
            lineup = check_sources.lineup_from_file(snapshot.content, filename=page_url or source)
            report = check_service.check_lineup(lineup, engine=engine)
    _print_json(report, pretty=True)


def _article_at(source: str, settings: Settings) -> Any:
    from app.metrics import check_sources

    snapshot = _read_one(source, settings)
    page_url = snapshot.final_url if snapshot.final_url.startswith("http") else None
    if page_url is None and source.lower().endswith((".txt", ".md")):
        return check_sources.article_from_text(snapshot.content.decode("utf-8", "replace"))
    return check_sources.article_from_html(snapshot.content, url=page_url)


@keys_cli.command("create")
def keys_create(
    role: Annotated[str, typer.Option(help="viewer, editor or admin.")],
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    from app.access import service as access_service

    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.check_schema(engine)
        with db.make_sessionmaker(engine)() as session, session.begin():
            row, secret = access_service.create_key(session, role=role, name=name)
            access_service.audit(
                session, actor="cli", action="key.create", entity="api_key", entity_id=row.id,
                after={"name": row.name, "role": row.role.value, "prefix": row.prefix},
            )  # fmt: skip
    typer.echo(f"key {row.id} ({row.role.value}) for {row.name}; shown once, store it now:")
    typer.echo(secret)


@keys_cli.command("revoke")
def keys_revoke(key_id: Annotated[int, typer.Argument(help="The key's id.")]) -> None:
    """Revoke an API key; requests with it are refused from now on."""
    from app.access import service as access_service

    settings = load_settings()
    with reporting_errors():
        engine = db.make_engine(settings.database_url)
        db.check_schema(engine)
        with db.make_sessionmaker(engine)() as session, session.begin():
            row = access_service.revoke_key(session, key_id)
            access_service.audit(
                session, actor="cli", action="key.revoke", entity="api_key", entity_id=row.id
            )
    typer.echo(f"key {key_id} revoked")


@cli.command("export-site")
def export_site(directory: Annotated[Path, typer.Argument(help="Output directory.")]) -> None:
    """Write the public pages and their data as static files (for any web server or CDN)."""
    from app.people import privacy
    from dashboards.export import export_site

    settings = load_settings()
    with reporting_errors(), _stderr().status(f"writing the public pages to {directory}"):
        engine = db.make_engine(settings.database_url)
        db.check_schema(engine)
        rule = privacy.PublicRule(
            min_articles=settings.public_min_articles, min_events=settings.public_min_events
        )
        written = export_site(engine, directory, rule=rule)
    typer.echo(f"wrote {len(written)} files to {directory}")


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli())
