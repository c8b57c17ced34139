"""API keys (created once, stored hashed, revocable) and the audit log. Functions over a Session."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.models import ApiKey, AuditEntry, KeyRole
from app.columns import utcnow
from app.errors import InvalidInput, NotFound

__all__ = ["ROLE_ORDER", "audit", "authenticate", "create_key", "revoke_key"]

KEY_PREFIX = "vt_"
PREFIX_CHARS = 12  # shown in listings and used to find the row; the rest stays secret
ROLE_ORDER = {KeyRole.VIEWER: 1, KeyRole.EDITOR: 2, KeyRole.ADMIN: 3}


def _hash(secret: str) -> str:
    # Keys are 256-bit random strings, so a plain SHA-256 is enough (no password stretching).
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(session: Session, *, role: KeyRole | str, name: str) -> tuple[ApiKey, str]:
    """Create a key; return its row and the secret, which is shown this once only."""
    try:
        role = KeyRole(role)
    except ValueError:
        raise InvalidInput(f"role must be viewer, editor or admin, not {role!r}") from None
    if not name.strip():
        raise InvalidInput("a key needs a name saying who or what it is for")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        name=name.strip()[:200], prefix=secret[:PREFIX_CHARS], key_hash=_hash(secret), role=role
    )
    session.add(row)
    session.flush()
    return row, secret


def authenticate(session: Session, secret: str, *, record_use: bool = False) -> ApiKey | None:
    """Return the live key SECRET belongs to, or None.

    With RECORD_USE (write requests only, which hold the write lock anyway) the key's last use
    is kept; a read never writes, so keyed readers never queue behind a writer on SQLite.
    """
    if not secret.startswith(KEY_PREFIX):
        return None
    digest = _hash(secret)
    for row in session.scalars(select(ApiKey).where(ApiKey.prefix == secret[:PREFIX_CHARS])):
        if hmac.compare_digest(row.key_hash, digest) and row.revoked_at is None:
            if record_use:
                row.last_used_at = utcnow()
            return row
    return None


def revoke_key(session: Session, key_id: int) -> ApiKey:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"no API key with id {key_id}")
    row.revoked_at = row.revoked_at or utcnow()
    session.flush()
    return row


def audit(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEntry:
    """Append one audit entry: who changed what, with the state before and after."""
    entry = AuditEntry(
        actor=actor[:200],
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        note=note,
    )
    session.add(entry)
    session.flush()
    return entry
