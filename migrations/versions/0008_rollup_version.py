"""rollup_version: a token that changes with every rollup refresh, for caching metric results

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 15:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "rollup_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_version")),
    )
    op.bulk_insert(table, [{"id": 1, "token": "initial"}])


def downgrade() -> None:
    op.drop_table("rollup_version")
