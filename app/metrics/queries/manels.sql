-- manels per period (DESIGN.md, Metrics: manel): sessions of two or more people, by size and
-- status (manel, not_manel, undetermined), with the men they hold and sum of prod P(man).
with filtered as (
  select
    case when :period = 'month' then year * 100 + month when :period = 'all' then 0
      else year end as period,
    size, status, sessions, men, p_manel
  from manel_rollup
  where year is not null
    and (cast(:series as integer) is null or series_id = cast(:series as integer))
    and (cast(:event as integer) is null or event_id = cast(:event as integer))
    and (cast(:country as varchar(2)) is null or country = cast(:country as varchar(2)))
    and (cast(:from_ym as integer) is null or year * 100 + month >= cast(:from_ym as integer))
    and (cast(:to_ym as integer) is null or year * 100 + month <= cast(:to_ym as integer))
),
sessions_by_size as (
  select period, size, status, sum(sessions) as sessions, sum(men) as men,
    sum(p_manel) as p_manel
  from filtered
  group by period, size, status
)
select period, size, status, sessions, men, p_manel
from sessions_by_size
order by period, size, status
