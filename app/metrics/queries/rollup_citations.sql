-- citation_rollup for dated articles published in [start, end) by one outlet (all
-- outlets when null; 0 stands for "no outlet") (DESIGN.md, Metrics: citation matrix).
-- One row per outlet-month, author group and the cited person's current label.
insert into citation_rollup
  (outlet_id, year, month, author_group, label, country, citations, p_woman, p_man, p_var)
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
  -- all men, all women, mixed, or unknown (no person author, or any author unknown);
  -- organisations in a byline are not counted
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
  -- each identity once per article; self-citation (an author citing themself) excluded.
  -- Every row of an identity carries the identity's kind and label (current_label).
  select distinct c.article_id, cl.identity_id as person_id, cl.kind, cl.label, cl.p_woman,
    cl.p_man
  from citations as c
  join sliced_articles as sa on sa.article_id = c.article_id
  join current_label as cl on cl.person_id = c.person_id
  where not exists (
    select 1 from article_authors as aa
    where aa.article_id = c.article_id
      and aa.person_id = cl.identity_id
  )
)
select sa.outlet_id, sa.year, sa.month, ag.author_group, cp.label, sa.country,
  count(*), sum(cp.p_woman), sum(cp.p_man), sum(cp.p_woman * (1 - cp.p_woman))
from cited_people as cp
join sliced_articles as sa on sa.article_id = cp.article_id
join author_groups as ag on ag.article_id = cp.article_id
where cp.kind = 'person'
group by sa.outlet_id, sa.year, sa.month, ag.author_group, cp.label, sa.country
