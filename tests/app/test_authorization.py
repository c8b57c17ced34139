"""Every write endpoint, every role: 401 without a key, 403 with too weak a key."""

from __future__ import annotations

import pytest

from tests.app.builders import make_key, make_person

# (method, path template, body, weakest role allowed)
WRITES = [
    ("post", "/api/people/{pid}/labels", {"label": "woman", "note": "n"}, "editor"),
    ("post", "/api/labels/bulk", [], "editor"),
    ("post", "/api/people/{pid}/merge", {"other_id": 0}, "editor"),
    ("post", "/api/people/{pid}/self-id-link", None, "admin"),
    ("post", "/api/sources", {"url": "https://x.example/a.json", "kind": "lineup"}, "editor"),
    ("post", "/api/sources/0/crawl", None, "editor"),
]
READS = [
    ("get", "/api/people", None, "viewer"),
    ("get", "/api/people/{pid}", None, "viewer"),
    ("get", "/api/review", None, "viewer"),
    ("get", "/api/sources", None, "viewer"),
    ("get", "/api/export/people.csv", None, "viewer"),
]
ORDER = ["viewer", "editor", "admin"]


@pytest.mark.parametrize(("method", "path", "body", "needed"), WRITES + READS)
def test_roles(api, session_factory, method, path, body, needed) -> None:
    with session_factory() as session, session.begin():
        pid = make_person(session).id
        keys = {role: make_key(session, role) for role in ORDER}
    url = path.format(pid=pid)
    call = getattr(api, method)
    kwargs = {"json": body} if body is not None else {}
    assert call(url, **kwargs).status_code == 401
    for role in ORDER:
        response = call(url, headers={"Authorization": f"Bearer {keys[role]}"}, **kwargs)
        if ORDER.index(role) < ORDER.index(needed):
            assert response.status_code == 403, (role, response.text)
            assert response.json()["type"] == "/problems/forbidden"
        else:
            assert response.status_code not in (401, 403), (role, response.text)


def test_revoked_key_is_refused(api, session_factory) -> None:
    from app.access import service as access_service

    with session_factory() as session, session.begin():
        row, secret = access_service.create_key(session, role="admin", name="gone")
        access_service.revoke_key(session, row.id)
    response = api.get("/api/people", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_keys_are_stored_hashed(session) -> None:
    from app.access import service as access_service

    row, secret = access_service.create_key(session, role="viewer", name="n")
    assert secret not in (row.key_hash, row.prefix + row.key_hash) and len(row.key_hash) == 64
    assert access_service.authenticate(session, secret).id == row.id
    assert access_service.authenticate(session, secret + "x") is None
