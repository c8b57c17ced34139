-- role split: women's share among keynotes, moderators/chairs and speakers, separately
-- (DESIGN.md, Metrics). Hosts count with moderators, discussants with speakers.
with filtered as (
  select
    case when :period = 'month' then year * 100 + month when :period = 'all' then 0
      else year end as period,
    case
      when role = 'keynote' then 'keynote'
      when role in ('moderator', 'chair', 'host') then 'moderator'
      when role in ('speaker', 'discussant') then 'speaker'
      else 'other'
    end as role_group,
    label, people, p_woman, p_man, p_var
  from panel_rollup
  where year is not null
    and (cast(:series as integer) is null or series_id = cast(:series as integer))
    and (cast(:event as integer) is null or event_id = cast(:event as integer))
    and (cast(:country as varchar(2)) is null or country = cast(:country as varchar(2)))
    and (cast(:from_ym as integer) is null or year * 100 + month >= cast(:from_ym as integer))
    and (cast(:to_ym as integer) is null or year * 100 + month <= cast(:to_ym as integer))
),
counts_by_role as (
  select
    period,
    role_group,
    sum(case when label = 'woman' then people else 0 end) as women,
    sum(case when label = 'man' then people else 0 end) as men,
    sum(case when label = 'nonbinary' then people else 0 end) as nonbinary,
    sum(case when label = 'unknown' then people else 0 end) as unknown,
    sum(p_woman) as p_woman,
    sum(p_man) as p_man,
    sum(p_var) as p_var
  from filtered
  where role_group <> 'other'
  group by period, role_group
)
select period, role_group, women, men, nonbinary, unknown, p_woman, p_man, p_var
from counts_by_role
order by period, role_group
