"""people: partial indexes on opted_out and merged_into_id, so app.people.privacy reads who is
hidden (opted-out identities and their aliases) without scanning every person (issue 13)

Revision ID: p13a
Revises: s16a
Create Date: 2026-12-06 22:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "p13a"
down_revision: str | None = "s16a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each dialect's spelling of the query's filter (`opted_out = true()`), so its planner uses it.
OPTED_OUT_SQLITE = sa.text("opted_out = 1")
OPTED_OUT = sa.text("opted_out")
MERGED = sa.text("merged_into_id is not null")


def upgrade() -> None:
    op.create_index(
        "ix_people_opted_out", "people", ["id"],
        sqlite_where=OPTED_OUT_SQLITE, postgresql_where=OPTED_OUT,
    )  # fmt: skip
    op.create_index(
        "ix_people_merged_into", "people", ["merged_into_id"],
        sqlite_where=MERGED, postgresql_where=MERGED,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_people_merged_into", table_name="people")
    op.drop_index("ix_people_opted_out", table_name="people")
