-- articles by period, author group and (women cited, gendered cited): the citation matrix's
-- input (DESIGN.md, Metrics: citation matrix); bootstrap and permutation run over it.
with sliced as (
  -- one outlet: its own rows; else every outlet of a country together (issue #16). By year or
  -- over all time without a month range: the yearly sums, a twelfth of the rows
  select year, month, country, author_group, women, gendered, articles
  from citation_profile
  where cast(:outlet as integer) is not null and outlet_id = cast(:outlet as integer)
    and cast(:monthly as integer) = 1
  union all
  select year, month, country, author_group, women, gendered, articles
  from country_citation_profile
  where cast(:outlet as integer) is null and cast(:monthly as integer) = 1
  union all
  select year, 0, country, author_group, women, gendered, articles
  from citation_year_profile
  where cast(:outlet as integer) is not null and outlet_id = cast(:outlet as integer)
    and cast(:monthly as integer) = 0
  union all
  select year, 0, country, author_group, women, gendered, articles
  from country_citation_year_profile
  where cast(:outlet as integer) is null and cast(:monthly as integer) = 0
),
filtered as (
  select
    case when :period = 'month' then year * 100 + month when :period = 'all' then 0
      else year end as period,
    author_group, women, gendered, articles
  from sliced
  where year > 0
    -- the years a write touched (app/metrics/resampling.py stores only theirs); none: every year
    and (cast(:first_year as integer) is null or year >= cast(:first_year as integer))
    and (cast(:last_year as integer) is null or year <= cast(:last_year as integer))
    and (cast(:country as varchar(2)) is null or country = cast(:country as varchar(2)))
    and (cast(:from_ym as integer) is null or year * 100 + month >= cast(:from_ym as integer))
    and (cast(:to_ym as integer) is null or year * 100 + month <= cast(:to_ym as integer))
),
articles_by_profile as (
  select period, author_group, women, gendered, sum(articles) as articles
  from filtered
  group by period, author_group, women, gendered
)
select period, author_group, women, gendered, articles
from articles_by_profile
order by period, author_group, women, gendered
