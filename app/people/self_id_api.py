"""Self-identification: the admin's link endpoint and the small public form it leads to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.access.api import Caller, require
from app.access.models import KeyRole
from app.gender import service as gender_service
from app.people import self_id
from app.web_session import IdPath, get_session

__all__ = ["router"]

router = APIRouter(tags=["self-identification"])
TEMPLATES = Environment(
    loader=PackageLoader("app.people", "templates"), autoescape=select_autoescape(default=True)
)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


class SelfIdLink(BaseModel):
    url: str
    expires_at: str


@router.post(
    "/api/people/{person_id}/self-id-link",
    status_code=201,
    response_model=SelfIdLink,
    summary="Create a single-use, expiring self-identification link (admin)",
)
def create_self_id_link(
    person_id: IdPath,
    request: Request,
    session: SessionDep,
    caller: Annotated[Caller, Depends(require(KeyRole.ADMIN))],
) -> SelfIdLink:
    token, expires = self_id.create_link(
        session,
        person_id=person_id,
        actor=caller.actor,
        secret_key=request.app.state.settings.secret_key,
    )
    url = str(request.url_for("self_id_form", token=token))
    return SelfIdLink(url=url, expires_at=expires.isoformat())


@router.get("/self-id/{token}", response_class=HTMLResponse, include_in_schema=False)
def self_id_form(token: str, request: Request, session: SessionDep) -> HTMLResponse:
    row, person = self_id.resolve(session, token, secret_key=request.app.state.settings.secret_key)
    current = gender_service.current_label(session, person.id)
    page = TEMPLATES.get_template("self_id.html").render(
        name=person.display_name,
        current=f"{current.label.value} ({current.source})" if current else "unknown",
        expires=row.expires_at.date().isoformat(),
        done=False,
    )
    return HTMLResponse(page)


@router.post("/self-id/{token}", response_class=HTMLResponse, include_in_schema=False)
def self_id_submit(
    token: str,
    request: Request,
    session: SessionDep,
    choice: Annotated[self_id.Choice, Form()],
) -> HTMLResponse:
    person = self_id.apply_choice(
        session, token, choice, secret_key=request.app.state.settings.secret_key
    )
    page = TEMPLATES.get_template("self_id.html").render(
        name=person.display_name, done=True, opted_out=choice is self_id.Choice.OPT_OUT
    )
    return HTMLResponse(page)
