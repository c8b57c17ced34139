-- panel_rollup for the given events (DESIGN.md, Metrics: women's share, role split).
-- One row per event, role and current label: the people appearing in that role, each identity
-- once per session and role (a person merged into another counts as that identity), with the
-- probabilistic sums. Organisations are never counted; opted-out people count as unknown
-- (both decided by current_label).
insert into panel_rollup
  (event_id, role, label, series_id, country, year, month, people, p_woman, p_man, p_var)
with counted_people as (
  select distinct s.event_id, a.session_id, a.role, cl.identity_id,
    cl.label, cl.p_woman, cl.p_man
  from appearances as a
  join sessions as s on s.id = a.session_id
  join current_label as cl on cl.person_id = a.person_id
  where s.event_id in :event_ids and cl.kind = 'person'
)
select c.event_id, c.role, c.label, e.series_id, e.country,
  vt_year(e.starts_on), vt_month(e.starts_on),
  count(*), sum(c.p_woman), sum(c.p_man), sum(c.p_woman * (1 - c.p_woman))
from counted_people as c
join events as e on e.id = c.event_id
group by c.event_id, c.role, c.label, e.series_id, e.country, e.starts_on
