"""engine and parser versions: which gender engine made a label, which parser read a page

`voicetally relabel` and `voicetally reparse` (issue 16) redo the rows whose version is not
today's. Existing rows get NULL: made by an unknown version, so the first run redoes them.

Revision ID: s16a
Revises: 0008
Create Date: 2026-12-06 21:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s16a"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("gender_labels", sa.Column("engine_version", sa.String(length=40)))
    op.add_column("events", sa.Column("parser_version", sa.String(length=40)))
    op.add_column("articles", sa.Column("parser_version", sa.String(length=40)))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would break the current_label view.
    op.drop_column("articles", "parser_version")
    op.drop_column("events", "parser_version")
    op.drop_column("gender_labels", "engine_version")
