"""country citation rollups: citation_rollup and citation_profile summed over each country's outlets

The metrics without an outlet filter read these instead of one row per outlet (issue #16).
Filled from the per-outlet rows, so an upgraded database needs no rebuild. citation_profile
gets an index by month, which the refresh of a month's sums reads.

Revision ID: m16a
Revises: c13b
Create Date: 2026-12-07 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m16a"
down_revision: str | None = "c13b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ("country", "year", "month", "author_group")


def upgrade() -> None:
    op.create_table(
        "country_citation_rollup",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("author_group", sa.String(length=12), nullable=False),
        sa.Column("label", sa.String(length=24), nullable=False),
        sa.Column("citations", sa.Integer(), nullable=False),
        sa.Column("p_woman", sa.Float(), nullable=False),
        sa.Column("p_man", sa.Float(), nullable=False),
        sa.Column("p_var", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(*KEY, "label", name=op.f("pk_country_citation_rollup")),
    )
    op.create_table(
        "country_citation_profile",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("author_group", sa.String(length=12), nullable=False),
        sa.Column("women", sa.Integer(), nullable=False),
        sa.Column("gendered", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            *KEY, "women", "gendered", name=op.f("pk_country_citation_profile")
        ),
    )
    # A month's country sums read every outlet's rows of that month.
    op.create_index("ix_citation_profile_month", "citation_profile", ["year", "month"])
    op.execute(
        "insert into country_citation_rollup select coalesce(country, ''), year, month,"
        " author_group, label, sum(citations), sum(p_woman), sum(p_man), sum(p_var)"
        " from citation_rollup group by coalesce(country, ''), year, month, author_group, label"
    )
    op.execute(
        "insert into country_citation_profile select coalesce(country, ''), year, month,"
        " author_group, women, gendered, sum(articles) from citation_profile"
        " group by coalesce(country, ''), year, month, author_group, women, gendered"
    )


def downgrade() -> None:
    op.drop_index("ix_citation_profile_month", table_name="citation_profile")
    op.drop_table("country_citation_profile")
    op.drop_table("country_citation_rollup")
