"""A signed, compressed copy of a check's result, carried by the page's form (issue #15).

The user corrects labels and saves without the server fetching or parsing again, and cannot
forge a result: the copy is signed with the settings' secret key (or a key made for the app's
lifetime) and expires after a day.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import zlib
from typing import Any

from fastapi import Request

__all__ = ["MAX_AGE", "sign", "unsign"]

MAX_AGE = 86_400


def _key(request: Request) -> bytes:
    configured = request.app.state.settings.secret_key
    if configured:
        return hashlib.sha256(b"check-result:" + configured.encode()).digest()
    key = getattr(request.app.state, "check_signing_key", None)
    if key is None:
        key = request.app.state.check_signing_key = secrets.token_bytes(32)
    return bytes(key)


def _mac(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()[:32]


def sign(request: Request, payload: dict[str, Any]) -> str:
    """PAYLOAD as 'body.signature' (URL-safe base64 of compressed JSON)."""
    data = json.dumps({"at": int(time.time()), "payload": payload}, default=str).encode()
    body = base64.urlsafe_b64encode(zlib.compress(data, 6))
    return f"{body.decode()}.{_mac(_key(request), body)}"


def unsign(request: Request, token: str) -> dict[str, Any] | None:
    """The payload of TOKEN, or None when it is forged, damaged or older than a day."""
    body, _, mac = token.rpartition(".")
    if not body or not hmac.compare_digest(mac, _mac(_key(request), body.encode())):
        return None
    try:
        data = json.loads(zlib.decompress(base64.urlsafe_b64decode(body), bufsize=1 << 16))
    except (ValueError, zlib.error):
        return None
    if time.time() - data.get("at", 0) > MAX_AGE:
        return None
    return dict(data["payload"])
