"""yearly citation rollups: the monthly citation rollups and profiles summed over each year

A citation chart by year (or over all time) without a month range reads these, a twelfth of the
monthly rows (issue #16: 76 years of monthly rows at 10M citations). Filled from the monthly
rows, so an upgraded database needs no rebuild. The country tables get an index by month, which
the refresh of a month's (and a year's) country sums reads.

Revision ID: m16b
Revises: v16c
Create Date: 2026-12-07 03:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m16b"
down_revision: str | None = "v16c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = {"rollup": ["label"], "profile": ["women", "gendered"]}


def _columns(kind: str) -> tuple[list[sa.Column], list[sa.Column]]:
    """The key columns after author_group, and the summed columns, of KIND's tables."""
    if kind == "rollup":
        return [sa.Column("label", sa.String(length=24), nullable=False)], [
            sa.Column("citations", sa.Integer(), nullable=False),
            sa.Column("p_woman", sa.Float(), nullable=False),
            sa.Column("p_man", sa.Float(), nullable=False),
            sa.Column("p_var", sa.Float(), nullable=False),
        ]
    return [
        sa.Column("women", sa.Integer(), nullable=False),
        sa.Column("gendered", sa.Integer(), nullable=False),
    ], [sa.Column("articles", sa.Integer(), nullable=False)]


FILL = (
    "insert into citation_year_rollup (outlet_id, year, author_group, label, country, citations,"
    " p_woman, p_man, p_var) select outlet_id, year, author_group, label, country, sum(citations),"
    " sum(p_woman), sum(p_man), sum(p_var) from citation_rollup"
    " group by outlet_id, year, author_group, label, country",
    "insert into citation_year_profile (outlet_id, year, author_group, women, gendered, country,"
    " articles) select outlet_id, year, author_group, women, gendered, country, sum(articles)"
    " from citation_profile group by outlet_id, year, author_group, women, gendered, country",
    "insert into country_citation_year_rollup (country, year, author_group, label, citations,"
    " p_woman, p_man, p_var) select country, year, author_group, label, sum(citations),"
    " sum(p_woman), sum(p_man), sum(p_var) from country_citation_rollup"
    " group by country, year, author_group, label",
    "insert into country_citation_year_profile (country, year, author_group, women, gendered,"
    " articles) select country, year, author_group, women, gendered, sum(articles)"
    " from country_citation_profile group by country, year, author_group, women, gendered",
)


def upgrade() -> None:
    for kind in ("rollup", "profile"):
        keys, sums = _columns(kind)
        op.create_table(
            f"citation_year_{kind}",
            sa.Column("outlet_id", sa.Integer(), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("author_group", sa.String(length=12), nullable=False),
            *keys,
            sa.Column("country", sa.String(length=2), nullable=True),
            *sums,
            sa.PrimaryKeyConstraint(
                "outlet_id", "year", "author_group", *KEYS[kind],
                name=op.f(f"pk_citation_year_{kind}"),
            ),
        )  # fmt: skip
        keys, sums = _columns(kind)
        op.create_table(
            f"country_citation_year_{kind}",
            sa.Column("country", sa.String(length=2), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("author_group", sa.String(length=12), nullable=False),
            *keys,
            *sums,
            sa.PrimaryKeyConstraint(
                "country", "year", "author_group", *KEYS[kind],
                name=op.f(f"pk_country_citation_year_{kind}"),
            ),
        )  # fmt: skip
        op.create_index(
            f"ix_country_citation_{kind}_month", f"country_citation_{kind}", ["year", "month"]
        )
    for statement in FILL:
        op.execute(statement)


def downgrade() -> None:
    for kind in ("rollup", "profile"):
        op.drop_index(f"ix_country_citation_{kind}_month", table_name=f"country_citation_{kind}")
        op.drop_table(f"country_citation_year_{kind}")
        op.drop_table(f"citation_year_{kind}")
