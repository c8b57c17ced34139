"""citation year stamps: a token per year, new whenever that year's citation rollups are written

The citation matrix by year caches its answer under these tokens instead of re-reading every
year's profile rows on each request (issue #16). Filled with one random token for the years the
yearly sums hold (random: two databases never share a token, so one process's cache cannot mix
them up).

Revision ID: m16c
Revises: m16b
Create Date: 2026-12-07 03:45:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m16c"
down_revision: str | None = "m16b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "citation_year_stamp",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_citation_year_stamp")),
    )
    op.execute(
        sa.text(
            "insert into citation_year_stamp (year, stamp) select year, :stamp from"
            " (select year from country_citation_year_rollup"
            " union select year from country_citation_year_profile) as years"
        ).bindparams(stamp=uuid.uuid4().hex)
    )


def downgrade() -> None:
    op.drop_table("citation_year_stamp")
