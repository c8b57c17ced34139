"""The author pages (viewer key): the balance of sources in one journalist's articles.

A browser signs in once through a small form; the key then travels in an HttpOnly,
SameSite=Strict cookie scoped to /author (never in the URL, where it would leak to logs and
history). API clients may send `Authorization: Bearer KEY` instead.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.access import service as access_service
from app.access.models import KeyRole
from app.metrics.service import Filters
from app.web_session import IdPath, get_session
from dashboards import views
from dashboards.charts import Context
from dashboards.render import render
from dashboards.urls import Urls

__all__ = ["COOKIE", "is_viewer", "router"]

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
COOKIE = "voicetally_viewer"
COOKIE_PATH = "/author"
MAX_KEY = 200


def _key(request: Request) -> str | None:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return secret.strip()
    return request.cookies.get(COOKIE) or None


def _is_viewer(session: Session, secret: str | None) -> bool:
    if not secret or len(secret) > MAX_KEY:
        return False
    row = access_service.authenticate(session, secret)
    return row is not None and (
        access_service.ROLE_ORDER[row.role] >= access_service.ROLE_ORDER[KeyRole.VIEWER]
    )


def is_viewer(session: Session, request: Request) -> bool:
    """Whether REQUEST carries a viewer (or stronger) key: a Bearer header or the sign-in cookie."""
    return _is_viewer(session, _key(request))


def _login(request: Request, *, status: int = 401, error: str | None = None) -> HTMLResponse:
    body = render("author.html", urls=Urls(), path=request.url.path, title="Authors",
                  section="", login=True, error=error)  # fmt: skip
    return HTMLResponse(body, status_code=status)


@router.get("/author", response_class=HTMLResponse)
@router.get("/author/{person_id}", response_class=HTMLResponse)
def author(request: Request, session: SessionDep, person_id: IdPath | None = None) -> Response:
    if not _is_viewer(session, _key(request)):
        return _login(request)
    urls = Urls()
    found = views.author_page(Context(session, Filters(), urls), person_id)
    if found is None:
        body = render("not_found.html", urls=urls, title="Not found", section="",
                      detail=f"No author {person_id}.")  # fmt: skip
        return HTMLResponse(body, status_code=404)
    body = render("author.html", urls=urls, path=request.url.path, section="", login=False,
                  error=None, **found)  # fmt: skip
    return HTMLResponse(body, headers={"cache-control": "private, no-store"})


@router.post("/author/login", response_class=HTMLResponse)
def login(request: Request, session: SessionDep, key: Annotated[str, Form()] = "") -> Response:
    secret = key.strip()
    if not _is_viewer(session, secret):
        return _login(request, error="That key is unknown, revoked or too weak.")
    response = RedirectResponse("/author", status_code=303)
    response.set_cookie(
        COOKIE, secret, httponly=True, samesite="strict", path=COOKIE_PATH,
        secure=request.url.scheme == "https", max_age=8 * 3600,
    )  # fmt: skip
    return response


@router.post("/author/logout")
def logout() -> Response:
    response = RedirectResponse("/author", status_code=303)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return response
