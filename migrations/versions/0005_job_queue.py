"""job queue: procrastinate's schema, on PostgreSQL only (issue 8)

Procrastinate's own schema SQL, from the installed package, goes into a schema of its own
(`procrastinate`), so the application's schema (public) and Alembic's comparison never see it.
On SQLite jobs run in-process: nothing to create.

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-28 15:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Kept in step with app/jobs/queue.py (JOBS_SCHEMA); a revision stays frozen, so it is repeated.
JOBS_SCHEMA = "procrastinate"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from procrastinate import schema

    raw = op.get_bind().connection.driver_connection
    # Only this revision creates the schema: one left over where `public` was wiped (a reset
    # test database) is stale, not a live queue.
    raw.execute(f"drop schema if exists {JOBS_SCHEMA} cascade")
    raw.execute(f"create schema {JOBS_SCHEMA}")
    previous = raw.execute("select current_setting('search_path')").fetchone()[0]
    raw.execute("select set_config('search_path', %s, true)", [JOBS_SCHEMA])
    # The driver's own execute: the file holds many statements and plpgsql bodies, which
    # SQLAlchemy's text() would scan for bind parameters.
    raw.execute(schema.SchemaManager.get_schema())
    raw.execute("select set_config('search_path', %s, true)", [previous])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"drop schema if exists {JOBS_SCHEMA} cascade")
