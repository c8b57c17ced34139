-- citation_profile for dated articles published in [start, end) by one outlet (all
-- outlets when null) (DESIGN.md, Metrics: citation matrix): articles counted by outlet-month,
-- author group and (women cited, gendered cited), enough to bootstrap and permute over articles.
-- Author groups and cited people as in rollup_citations.sql.
insert into citation_profile
  (outlet_id, year, month, author_group, women, gendered, country, articles)
with sliced_articles as (
  select a.id as article_id, coalesce(a.outlet_id, 0) as outlet_id,
    vt_year(a.published) as year, vt_month(a.published) as month, o.country
  from articles as a
  left join outlets as o on o.id = a.outlet_id
  where a.published >= :start and a.published < :end
    and (cast(:outlet_id as integer) is null
      or coalesce(a.outlet_id, 0) = cast(:outlet_id as integer))
),
article_authors as (
  -- each author identity once per article, with its kind and label (the identity's, on every
  -- member row), so author_groups reads no second copy of current_label; the slice's articles
  -- drive the lookup (an IN list, not a scan of every authorship)
  select distinct au.article_id, cl.identity_id as person_id, cl.kind, cl.label
  from authorships as au
  join current_label as cl on cl.person_id = au.person_id
  where au.article_id in (select article_id from sliced_articles)
),
author_groups as (
  select sa.article_id,
    case
      when count(aa.person_id) = 0 then 'unknown'
      when sum(case when aa.label = 'unknown' then 1 else 0 end) > 0 then 'unknown'
      when sum(case when aa.label = 'man' then 1 else 0 end) = count(aa.person_id) then 'men'
      when sum(case when aa.label = 'woman' then 1 else 0 end) = count(aa.person_id)
        then 'women'
      else 'mixed'
    end as author_group
  from sliced_articles as sa
  left join article_authors as aa on aa.article_id = sa.article_id and aa.kind = 'person'
  group by sa.article_id
),
cited_people as (
  select distinct c.article_id, cl.identity_id as person_id, cl.kind, cl.label
  from citations as c
  join sliced_articles as sa on sa.article_id = c.article_id
  join current_label as cl on cl.person_id = c.person_id
  where not exists (
    select 1 from article_authors as aa
    where aa.article_id = c.article_id
      and aa.person_id = cl.identity_id
  )
),
article_profiles as (
  select sa.article_id,
    sum(case when cp.label = 'woman' then 1 else 0 end) as women,
    sum(case when cp.label in ('woman', 'man', 'nonbinary') then 1 else 0 end) as gendered
  from sliced_articles as sa
  left join cited_people as cp on cp.article_id = sa.article_id and cp.kind = 'person'
  group by sa.article_id
)
select sa.outlet_id, sa.year, sa.month, ag.author_group, ap.women, ap.gendered, sa.country,
  count(*)
from article_profiles as ap
join sliced_articles as sa on sa.article_id = ap.article_id
join author_groups as ag on ag.article_id = ap.article_id
group by sa.outlet_id, sa.year, sa.month, ag.author_group, ap.women, ap.gendered, sa.country
