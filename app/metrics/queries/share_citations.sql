-- women's share among cited experts, per period (DESIGN.md, Metrics: women's share).
-- Reads citation_rollup (current labels, opt-out as unknown, self-citation never stored).
with sliced as (
  -- one outlet: its own rows; else every outlet of a country together (issue #16). By year or
  -- over all time without a month range: the yearly sums, a twelfth of the rows
  select year, month, country, label, citations, p_woman, p_man, p_var
  from citation_rollup
  where cast(:outlet as integer) is not null and outlet_id = cast(:outlet as integer)
    and cast(:monthly as integer) = 1
  union all
  select year, month, country, label, citations, p_woman, p_man, p_var
  from country_citation_rollup
  where cast(:outlet as integer) is null and cast(:monthly as integer) = 1
  union all
  select year, 0, country, label, citations, p_woman, p_man, p_var
  from citation_year_rollup
  where cast(:outlet as integer) is not null and outlet_id = cast(:outlet as integer)
    and cast(:monthly as integer) = 0
  union all
  select year, 0, country, label, citations, p_woman, p_man, p_var
  from country_citation_year_rollup
  where cast(:outlet as integer) is null and cast(:monthly as integer) = 0
),
filtered as (
  select
    case when :period = 'month' then year * 100 + month when :period = 'all' then 0
      else year end as period,
    label, citations, p_woman, p_man, p_var
  from sliced
  where year > 0
    and (cast(:country as varchar(2)) is null or country = cast(:country as varchar(2)))
    and (cast(:from_ym as integer) is null or year * 100 + month >= cast(:from_ym as integer))
    and (cast(:to_ym as integer) is null or year * 100 + month <= cast(:to_ym as integer))
),
counts_by_label as (
  select
    period,
    sum(case when label = 'woman' then citations else 0 end) as women,
    sum(case when label = 'man' then citations else 0 end) as men,
    sum(case when label = 'nonbinary' then citations else 0 end) as nonbinary,
    sum(case when label = 'unknown' then citations else 0 end) as unknown,
    sum(p_woman) as p_woman,
    sum(p_man) as p_man,
    sum(p_var) as p_var
  from filtered
  group by period
)
select period, women, men, nonbinary, unknown, p_woman, p_man, p_var
from counts_by_label
order by period
