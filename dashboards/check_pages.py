"""The check page: a panel's names, an agenda (URL or file) or an article (URL, HTML or text).

Nothing is stored unless the user saves the report. The result comes back with a signed copy of
itself, so labels can be corrected (`/check/report`, "update") and the corrected result saved
("save") without fetching or parsing again; the same quick checks as POST /api/check/*.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from app import db
from app.access.ratelimit import enforce, limit
from app.errors import REFUSED_FETCHES, InvalidInput, VoicetallyError
from app.gender.labels import Label
from app.ingest import pipeline
from app.metrics import check, check_sources, panel_lines, plain_errors, reports
from app.people import privacy
from app.web_session import gender_engine, get_session
from app.workers import run_cpu
from dashboards import check_view, signing
from dashboards.render import render
from dashboards.urls import Urls
from scrapers.errors import ParseError, ScrapeError

__all__ = ["TEMPLATE_CSV", "router"]

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
MAX_UPLOAD = 5_000_000
MAX_NAMES = 200
FIELDS = ("what", "names", "country", "url", "article_url", "article_html", "article_text",
          "count_woman", "count_man", "count_nonbinary", "count_unknown")  # fmt: skip
CHOICES = {"woman": Label.WOMAN, "man": Label.MAN, "nonbinary": Label.NONBINARY,
           "unknown": Label.UNKNOWN}  # fmt: skip
TEMPLATE_CSV = (
    "session,name,role,affiliation,honorific,pronouns\n"
    "Opening panel,Fiona Hill,moderator,Brookings,Dr.,she/her\n"
    "Opening panel,Timothy Snyder,speaker,Yale,Prof.,\n"
    "Opening panel,Maria Ressa,speaker,Rappler,,\n"
)
TITLE = "Check a panel or an article"
LIMIT = [Depends(limit("check", "rate_limit_per_minute"))]


def _page(request: Request, *, status: int = 200, **context: Any) -> HTMLResponse:
    form = {name: "" for name in FIELDS} | {"what": "panel"} | context.pop("form", {})
    body = render(
        "check.html", urls=Urls(), path="/check", title=context.pop("title", TITLE),
        section="check", form=form, report=context.pop("report", None),
        error=context.pop("error", None), saved=context.pop("saved", None),
        contact=request.app.state.settings.contact_url, **context,
    )  # fmt: skip
    return HTMLResponse(body, status_code=status)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> HTMLResponse:
    return _page(request)


@router.get("/check/template.csv")
def template_csv() -> Response:
    headers = {"content-disposition": 'attachment; filename="voicetally-lineup-template.csv"'}
    return PlainTextResponse(TEMPLATE_CSV, media_type="text/csv", headers=headers)


@router.post("/check", response_class=HTMLResponse, dependencies=LIMIT)
async def check_submit(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    fields = {name: str(form.get(name) or "").strip() for name in FIELDS}
    fields["what"] = fields["what"] or _what(fields, form.get("file"))
    try:
        found = await _report(request, fields, form.get("file"), await _hidden(request))
    except ScrapeError as exc:
        status = 422 if isinstance(exc, (ParseError, *REFUSED_FETCHES)) else 502
        return _page(request, status=status, form=fields, error=plain_errors.plain_words(exc),
                     error_detail=str(exc))  # fmt: skip
    except VoicetallyError as exc:
        return _page(request, status=exc.status, form=fields, error=exc.detail)
    if found is None:
        return _page(request, status=422, form=fields, error=_missing(fields["what"]))
    kind, result = found
    if form.get("save"):  # saved in one step (a form without the script, or an API client)
        return await _save(request, session, kind, result, str(form.get("title") or ""))
    return _result_page(request, kind, result, form=fields)


def _what(fields: dict[str, str], upload: Any) -> str:
    """Which form was sent, when the form did not say (a script posting its own fields)."""
    if fields["url"] or (isinstance(upload, UploadFile) and upload.filename):
        return "lineup"
    if fields["article_url"] or fields["article_html"] or fields["article_text"]:
        return "article"
    return "panel"


def _missing(what: str) -> str:
    return {
        "article": "Give the article's address, or paste its HTML or its text.",
        "lineup": "Give the agenda's address, or choose a file.",
        "count": "Count at least one person.",
    }.get(what, "Paste some names, one a line.")


def _result_page(request: Request, kind: check.CheckKind, result: dict[str, Any], **context: Any):
    token = signing.sign(request, {"kind": kind, "result": result})
    shaped = check_view.report(kind, result)
    return _page(request, report=shaped, token=token, **context)


@router.post("/check/report", response_class=HTMLResponse, dependencies=LIMIT)
async def report_action(request: Request, session: SessionDep) -> Response:
    """Recompute a result with the labels the user set, and save it when asked."""
    form = await request.form()
    payload = signing.unsign(request, str(form.get("token") or ""))
    if payload is None:
        return _page(request, status=422, error="This result has expired: please check again.")
    kind, result = payload["kind"], payload["result"]
    result = check.apply_overrides(kind, result, _overrides(form, kind, result))
    if form.get("action") != "save":
        return _result_page(request, kind, result)
    return await _save(request, session, kind, result, str(form.get("title") or ""))


async def _save(
    request: Request, session: Session, kind: check.CheckKind, result: dict[str, Any], title: str
) -> Response:
    """Save RESULT as a report and go to its permalink."""
    title = title.strip()[:300] or check_view.default_title(kind, result)
    settings = request.app.state.settings
    try:  # issue 14: saved reports capped per client, sized and expiring
        await enforce(request, "report", "report_rate_limit_per_hour", keyed=False)
        # In a worker thread: the write may wait for another writer's lock (app/guards.py),
        # which must not hold up the event loop.
        row = await run_in_threadpool(
            reports.save, session, kind=kind, report=result, title=title,
            max_bytes=settings.report_max_bytes, ttl=timedelta(days=settings.report_ttl_days),
        )  # fmt: skip
    except VoicetallyError as exc:
        return _page(request, status=exc.status, error=exc.detail)
    return RedirectResponse(f"/report/{row.slug}", status_code=303)


async def _hidden(request: Request) -> privacy.Mask:
    """The names of people who opted out: never named in a check (a short read of its own)."""

    def load() -> privacy.Mask:
        with request.app.state.sessionmaker() as session, session.begin():
            session.connection(execution_options=db.READ_ONLY)
            return privacy.load(session).mask

    return await run_in_threadpool(load)


def _overrides(form: FormData, kind: check.CheckKind, result: dict[str, Any]) -> dict[int, Label]:
    """The labels the user changed: `label-N` fields that differ from the result's."""
    rows = check.people_rows(kind, result)
    found = {}
    for index, row in enumerate(rows):
        chosen = CHOICES.get(str(form.get(f"label-{index}") or ""))
        current = (row.get("gender") or row).get("label")
        if chosen is not None and current is not None and chosen.value != current:
            found[index] = chosen
    return found


async def _report(
    request: Request, fields: dict[str, str], upload: Any, hidden: privacy.Mask
) -> tuple[check.CheckKind, dict[str, Any]] | None:
    engine = gender_engine(request)
    what = fields["what"]
    if what == "article":
        article = await _article(request, fields)
        if article is None:
            return None
        return "article", await run_cpu(request, check.check_article, article, engine=engine,
                                        hidden=hidden)  # fmt: skip
    if what == "lineup":
        content, name = await _lineup_bytes(request, fields, upload)
        if content is None:
            return None
        lineup = await run_cpu(request, check_sources.lineup_from_file, content, filename=name)
        return "lineup", await run_cpu(request, check.check_lineup, lineup, engine=engine,
                                       hidden=hidden)  # fmt: skip
    if what == "count":
        counts = {label: _count(fields[f"count_{label.value}"]) for label in CHOICES.values()}
        return ("panel", check.check_headcount(counts)) if sum(counts.values()) else None
    people = panel_lines.parse_lines(fields["names"], limit=MAX_NAMES)
    if not people:
        return None
    country = fields["country"].upper() if len(fields["country"]) == 2 else None
    return "panel", await run_cpu(request, check.check_panel, people, engine=engine,
                                  country=country, hidden=hidden)  # fmt: skip


def _count(value: str) -> int:
    if not value:
        return 0
    if not value.isdigit():
        raise InvalidInput("A head count is a whole number of people.")
    return int(value)


async def _fetch(request: Request, url: str) -> tuple[bytes, str]:
    await enforce(request, "check-url", "check_url_rate_limit_per_minute", keyed=False)
    snapshot = await pipeline.fetch_url(url, settings=request.app.state.settings)
    return snapshot.content, snapshot.final_url


async def _article(request: Request, fields: dict[str, str]) -> Any:
    if fields["article_text"]:
        return await run_cpu(request, check_sources.article_from_text, fields["article_text"])
    if fields["article_html"]:
        html = fields["article_html"].encode()
        url = fields["article_url"] or None
        return await run_cpu(request, check_sources.article_from_html, html, url=url)
    if fields["article_url"]:
        content, final_url = await _fetch(request, fields["article_url"])
        return await run_cpu(request, check_sources.article_from_html, content, url=final_url)
    return None


async def _lineup_bytes(
    request: Request, fields: dict[str, str], upload: Any
) -> tuple[bytes | None, str | None]:
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read(MAX_UPLOAD + 1)
        if len(content) > MAX_UPLOAD:
            raise InvalidInput(f"A file is limited to {MAX_UPLOAD // 1_000_000} MB.")
        return content, upload.filename
    if fields["url"]:
        return await _fetch(request, fields["url"])
    return None, None
