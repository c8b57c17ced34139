"""current_label: the identity lookups use ix_people_identity on SQLite too

SQLite (3.40) does not use the expression index ix_people_identity for
`coalesce(member.merged_into_id, member.id) = identity.id` when identity.id is a column of the
outer query: each of the view's correlated lookups scanned every person instead, so the view
cost O(people) a row (rollup rebuild at the bench's scale 0.1, 10k people: over 100 s; issue
#16). A unary `+` makes the right-hand side an expression without column affinity, which the
index serves (https://sqlite.org/datatype3.html#affinity_of_expressions). Same rows; PostgreSQL
plans it as before.

Revision ID: v16b
Revises: m16a
Create Date: 2026-12-07 01:50:00
"""

from collections.abc import Sequence
from importlib import util
from pathlib import Path

from alembic import op

revision: str = "v16b"
down_revision: str | None = "m16a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _view_of_0009() -> str:
    path = Path(__file__).with_name("0009_identities_and_sql_rollups.py")
    spec = util.spec_from_file_location("revision_0009", path)
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.CURRENT_LABEL_VIEW)


OLD_VIEW = _view_of_0009()
LOOKUPS = {  # the view's two correlations on the identity, old -> new
    "= identity.id and member.opted_out": "= +identity.id and member.opted_out",
    "= p.identity_id\n": "= +p.identity_id\n",
}
NEW_VIEW = OLD_VIEW
for _old, _new in LOOKUPS.items():
    assert NEW_VIEW.count(_old) == 1, _old
    NEW_VIEW = NEW_VIEW.replace(_old, _new)


def upgrade() -> None:
    op.execute("drop view current_label")
    op.execute(NEW_VIEW)


def downgrade() -> None:
    op.execute("drop view current_label")
    op.execute(OLD_VIEW)
