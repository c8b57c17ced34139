"""current_label by indexed lookup instead of a window over every label

The first view ranked all label rows with a window function, so any query through it (even for
one person) ranked the whole table; at 100k people that made every ingest slow. This one picks
each person's deciding row with a correlated, index-backed subquery. Same columns, same rules
(DESIGN.md, Gender labels): source precedence, then the newest row; opt-out counts as unknown.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 15:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURRENT_LABEL_VIEW = """
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
  order by
    case deciding.source
      when 'self_id' then 1 when 'correction' then 2 when 'wikidata' then 3
      when 'text' then 4 when 'name' then 5 else 6
    end,
    deciding.created_at desc,
    deciding.id desc
  limit 1
)
where p.merged_into_id is null
"""

# The view as revision 0001 made it, for downgrade.
WINDOWED_VIEW = """
create view current_label as
with ranked as (
  select
    gl.id, gl.person_id, gl.label, gl.source, gl.probability, gl.p_woman, gl.p_man,
    gl.created_at,
    row_number() over (
      partition by gl.person_id
      order by
        case gl.source
          when 'self_id' then 1 when 'correction' then 2 when 'wikidata' then 3
          when 'text' then 4 when 'name' then 5 else 6
        end,
        gl.created_at desc,
        gl.id desc
    ) as rank
  from gender_labels as gl
)
select
  p.id as person_id,
  p.kind as kind,
  p.opted_out as opted_out,
  case when p.opted_out then 'unknown' else coalesce(r.label, 'unknown') end as label,
  case when p.opted_out then 'opt_out' else coalesce(r.source, 'none') end as source,
  case when p.opted_out then null else r.probability end as probability,
  case when p.opted_out then 0.0 else coalesce(r.p_woman, 0.0) end as p_woman,
  case when p.opted_out then 0.0 else coalesce(r.p_man, 0.0) end as p_man,
  case when p.opted_out then null else r.id end as label_id,
  r.created_at as labelled_at
from people as p
left join ranked as r on r.person_id = p.id and r.rank = 1
where p.merged_into_id is null
"""


def upgrade() -> None:
    op.execute("drop view current_label")
    op.execute(CURRENT_LABEL_VIEW)


def downgrade() -> None:
    op.execute("drop view current_label")
    op.execute(WINDOWED_VIEW)
