"""people.kind_reason: why a name counts as a person or an organisation (issue 12)

The scrapers decide person, organisation or placeholder from evidence and say why
(scrapers/personhood.py); the reason is kept with the person, shown wherever the person is
shown, and an editor's override is recorded here as "editor: <note>".

Revision ID: c13b
Revises: p13a
Create Date: 2026-12-06 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c13b"
down_revision: str | None = "p13a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("people", sa.Column("kind_reason", sa.String(length=300), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35 too): a batch rebuild of people would break the
    # current_label view that reads it.
    op.execute("alter table people drop column kind_reason")
