"""Who is calling: the Bearer API key and its role, as a FastAPI dependency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.access import service as access_service
from app.access.models import KeyRole
from app.errors import Forbidden, Unauthorized
from app.web_session import get_session

__all__ = ["Caller", "optional_caller", "require"]


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated key: its id, name and role; `actor` names it in the audit log."""

    key_id: int
    name: str
    role: KeyRole

    @property
    def actor(self) -> str:
        return f"key:{self.key_id}:{self.name}"

    def has(self, role: KeyRole) -> bool:
        return access_service.ROLE_ORDER[self.role] >= access_service.ROLE_ORDER[role]


def optional_caller(
    request: Request, session: Annotated[Session, Depends(get_session, scope="function")]
) -> Caller | None:
    """The caller when a valid key is sent; None without one; 401 for a bad one."""
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("send the key as `Authorization: Bearer KEY`")
    reading = request.method in ("GET", "HEAD", "OPTIONS")
    row = access_service.authenticate(session, secret.strip(), record_use=not reading)
    if row is None:
        raise Unauthorized("unknown or revoked API key")
    return Caller(key_id=row.id, name=row.name, role=row.role)


def require(role: KeyRole) -> Callable[..., Caller]:
    """Dependency: a key of ROLE or stronger; 401 without a key, 403 with too weak a key."""

    def dependency(caller: Annotated[Caller | None, Depends(optional_caller)]) -> Caller:
        if caller is None:
            raise Unauthorized(f"this needs an API key with the {role.value} role")
        if not caller.has(role):
            raise Forbidden(f"this needs the {role.value} role; the key has {caller.role.value}")
        return caller

    return dependency
