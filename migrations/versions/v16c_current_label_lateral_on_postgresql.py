"""current_label on PostgreSQL: the deciding label found by a lateral lookup, not a join on its id

With `left join gender_labels as gl on gl.id = (correlated subquery)`, PostgreSQL computes the
subquery for each person and then hash-joins the ids against a scan of every gender label: each
outlet-month rollup refresh read the whole gender_labels table (a label correction's commit at
bench scale 0.1: ~1 s over ~25 outlet-months; 13-18 s at 10M; issue #16). A lateral subquery
returns the same row (the first by precedence, newest, highest id) through the indexes. SQLite
has no LATERAL and already looks the row up by its primary key: unchanged there.

Revision ID: v16c
Revises: v16b
Create Date: 2026-12-07 02:30:00
"""

from collections.abc import Sequence
from importlib import util
from pathlib import Path

from alembic import op

revision: str = "v16c"
down_revision: str | None = "v16b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _revision(name: str) -> object:
    path = Path(__file__).with_name(name)
    spec = util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OLD_VIEW = str(_revision("v16b_current_label_identity_index.py").NEW_VIEW)  # type: ignore[attr-defined]
BASE_VIEW = str(_revision("0009_identities_and_sql_rollups.py").CURRENT_LABEL_VIEW)  # type: ignore[attr-defined]
LOOKUPS = {  # the deciding label: a join on the subquery's id -> a lateral row
    "left join gender_labels as gl on gl.id = (\n  select deciding.id\n":
        "left join lateral (\n  select deciding.*\n",
    "  limit 1\n)\n": "  limit 1\n) as gl on true\n",
}  # fmt: skip
NEW_VIEW = BASE_VIEW
for _old, _new in LOOKUPS.items():
    assert NEW_VIEW.count(_old) == 1, _old
    NEW_VIEW = NEW_VIEW.replace(_old, _new)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("drop view current_label")
        op.execute(NEW_VIEW)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("drop view current_label")
        op.execute(OLD_VIEW)
