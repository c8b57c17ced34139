"""people as identities; rollups defined in SQL over current_label

- people.name_key is no longer unique: namesakes in unrelated contexts are different people
  (DESIGN.md, Data flow: people as identities). person_identifiers holds the identifiers people
  share across sources (an agenda system's speaker id, a Wikidata id).
- A merged person keeps every row: current_label has a row for every people row, naming its
  identity (`identity_id`: the survivor) and the identity's label, decided over the labels of
  all its members; an opt-out of any member opts the identity out. `ix_people_identity`
  (coalesce(merged_into_id, id)) finds the members.
- vt_year, vt_month and the aggregate vt_product: the SQL helpers the rollup queries use
  (app/db.py registers the same names on every SQLite connection).
- rollup_version is dropped: metric results are cached by their inputs (app/metrics/service.py).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRECEDENCE = """
    case deciding.source
      when 'self_id' then 1 when 'correction' then 2 when 'wikidata' then 3
      when 'text' then 4 when 'name' then 5 else 6
    end"""

CURRENT_LABEL_VIEW = """
create view current_label as
select
  p.id as person_id,
  p.identity_id as identity_id,
  p.kind as kind,
  p.opted_out as opted_out,
  case when p.opted_out then 'unknown' else coalesce(gl.label, 'unknown') end as label,
  case when p.opted_out then 'opt_out' else coalesce(gl.source, 'none') end as source,
  case when p.opted_out then null else gl.probability end as probability,
  case when p.opted_out then 0.0 else coalesce(gl.p_woman, 0.0) end as p_woman,
  case when p.opted_out then 0.0 else coalesce(gl.p_man, 0.0) end as p_man,
  case when p.opted_out then null else gl.id end as label_id,
  gl.created_at as labelled_at
from (
  select row.id, identity.id as identity_id, identity.kind,
    exists (
      select 1 from people as member
      where coalesce(member.merged_into_id, member.id) = identity.id and member.opted_out
    ) as opted_out
  from people as row
  join people as identity on identity.id = coalesce(row.merged_into_id, row.id)
) as p
left join gender_labels as gl on gl.id = (
  select deciding.id
  from gender_labels as deciding
  join people as member on member.id = deciding.person_id
  where coalesce(member.merged_into_id, member.id) = p.identity_id
  order by {PRECEDENCE},
    deciding.created_at desc,
    deciding.id desc
  limit 1
)
"""

# The view as revision 0006 made it, for downgrade.
LOOKUP_VIEW = """
create view current_label as
select
  p.id as person_id,
  p.kind as kind,
  p.opted_out as opted_out,
  case when p.opted_out then 'unknown' else coalesce(gl.label, 'unknown') end as label,
  case when p.opted_out then 'opt_out' else coalesce(gl.source, 'none') end as source,
  case when p.opted_out then null else gl.probability end as probability,
  case when p.opted_out then 0.0 else coalesce(gl.p_woman, 0.0) end as p_woman,
  case when p.opted_out then 0.0 else coalesce(gl.p_man, 0.0) end as p_man,
  case when p.opted_out then null else gl.id end as label_id,
  gl.created_at as labelled_at
from people as p
left join gender_labels as gl on gl.id = (
  select deciding.id
  from gender_labels as deciding
  where deciding.person_id = p.id
  order by {PRECEDENCE},
    deciding.created_at desc,
    deciding.id desc
  limit 1
)
where p.merged_into_id is null
"""

CURRENT_LABEL_VIEW = CURRENT_LABEL_VIEW.replace("{PRECEDENCE}", PRECEDENCE)
LOOKUP_VIEW = LOOKUP_VIEW.replace("{PRECEDENCE}", PRECEDENCE)

POSTGRES_HELPERS = [
    "create function vt_year(value timestamptz) returns integer language sql immutable as "
    "$$ select cast(extract(year from value at time zone 'UTC') as integer) $$",
    "create function vt_month(value timestamptz) returns integer language sql immutable as "
    "$$ select cast(extract(month from value at time zone 'UTC') as integer) $$",
    "create function vt_year(value date) returns integer language sql immutable as "
    "$$ select cast(extract(year from value) as integer) $$",
    "create function vt_month(value date) returns integer language sql immutable as "
    "$$ select cast(extract(month from value) as integer) $$",
    "create aggregate vt_product(double precision) "
    "(sfunc = float8mul, stype = double precision, initcond = '1')",
]
POSTGRES_DROPS = [
    "drop aggregate if exists vt_product(double precision)",
    "drop function if exists vt_month(date)",
    "drop function if exists vt_year(date)",
    "drop function if exists vt_month(timestamptz)",
    "drop function if exists vt_year(timestamptz)",
]


def upgrade() -> None:
    op.execute("drop view current_label")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint("uq_people_name_key", type_="unique")
        batch_op.create_index("ix_people_name_key", ["name_key"], unique=False)
    op.create_index(
        "ix_people_identity",
        "people",
        [sa.text("coalesce(merged_into_id, id)")],
        unique=False,
    )
    op.create_table(
        "person_identifiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_identifiers_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_identifiers")),
        sa.UniqueConstraint("scheme", "value", name="uq_person_identifiers_scheme_value"),
    )
    op.create_index(
        "ix_person_identifiers_person", "person_identifiers", ["person_id"], unique=False
    )
    op.execute(CURRENT_LABEL_VIEW)
    op.drop_table("rollup_version")
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_HELPERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DROPS:
            op.execute(statement)
    table = op.create_table(
        "rollup_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_version")),
    )
    op.bulk_insert(table, [{"id": 1, "token": "initial"}])
    op.execute("drop view current_label")
    op.drop_index("ix_person_identifiers_person", table_name="person_identifiers")
    op.drop_table("person_identifiers")
    op.drop_index("ix_people_identity", table_name="people")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_name_key")
        batch_op.create_unique_constraint("uq_people_name_key", ["name_key"])
    op.execute(LOOKUP_VIEW)
