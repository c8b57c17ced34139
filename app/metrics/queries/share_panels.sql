-- women's share among people on panels, per period (DESIGN.md, Metrics: women's share).
-- Reads panel_rollup (current labels, opt-out as unknown, organisations excluded).
with filtered as (
  select
    case when :period = 'month' then year * 100 + month when :period = 'all' then 0
      else year end as period,
    label, people, p_woman, p_man, p_var
  from panel_rollup
  where year is not null
    and (cast(:series as integer) is null or series_id = cast(:series as integer))
    and (cast(:event as integer) is null or event_id = cast(:event as integer))
    and (cast(:country as varchar(2)) is null or country = cast(:country as varchar(2)))
    and (cast(:role as varchar(24)) is null or role = cast(:role as varchar(24)))
    and (cast(:from_ym as integer) is null or year * 100 + month >= cast(:from_ym as integer))
    and (cast(:to_ym as integer) is null or year * 100 + month <= cast(:to_ym as integer))
),
counts_by_label as (
  select
    period,
    sum(case when label = 'woman' then people else 0 end) as women,
    sum(case when label = 'man' then people else 0 end) as men,
    sum(case when label = 'nonbinary' then people else 0 end) as nonbinary,
    sum(case when label = 'unknown' then people else 0 end) as unknown,
    sum(p_woman) as p_woman,
    sum(p_man) as p_man,
    sum(p_var) as p_var
  from filtered
  group by period
)
select period, women, men, nonbinary, unknown, p_woman, p_man, p_var
from counts_by_label
order by period
