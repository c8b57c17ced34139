"""citation resampling: the unfiltered citation matrix's resampling per period, stored at commit

The write path computes the bootstrap intervals and permutation p-values of the periods it
touched when it commits, so the first request after a change reads them instead of redrawing
(issue #16). Each row carries the digest of its input; a reader ignores a row whose digest does
not match. Created empty: periods are stored as writes touch them (or all by a rebuild), and a
missing period is computed on read as before.

Revision ID: m16d
Revises: m16c
Create Date: 2026-12-07 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m16d"
down_revision: str | None = "m16c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "citation_resampling",
        sa.Column("period", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_citation_resampling")),
    )


def downgrade() -> None:
    op.drop_table("citation_resampling")
