"""saved reports: check reports kept under an unguessable permalink slug (issue #7)

Chained after 0006 (0005 and 0006 were added from 0003 meanwhile), so history stays linear.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 15:29:19.243797
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "saved_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_reports")),
        sa.UniqueConstraint("slug", name=op.f("uq_saved_reports_slug")),
    )


def downgrade() -> None:
    op.drop_table("saved_reports")
