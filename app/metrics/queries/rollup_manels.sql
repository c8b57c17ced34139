-- manel_rollup for the given events (DESIGN.md, Metrics: manel). A panel is a session with
-- two or more people (each identity once, whatever their roles; organisations not counted); it
-- is a manel when every person is labelled man, undetermined when anyone is unknown (opted-out
-- people are unknown), else not a manel. p_manel is the product of P(man) over the panel, for
-- the probabilistic mode.
insert into manel_rollup
  (event_id, size, status, series_id, country, year, month, sessions, men, p_manel)
with panel_people as (
  select distinct s.event_id, a.session_id, cl.identity_id, cl.label, cl.p_man
  from appearances as a
  join sessions as s on s.id = a.session_id
  join current_label as cl on cl.person_id = a.person_id
  where s.event_id in :event_ids and cl.kind = 'person'
),
panels as (
  select event_id, session_id, count(*) as size,
    sum(case when label = 'man' then 1 else 0 end) as men,
    sum(case when label = 'unknown' then 1 else 0 end) as unknown,
    vt_product(p_man) as p_manel
  from panel_people
  group by event_id, session_id
  having count(*) >= 2
),
manel_status as (
  select event_id, size, men, p_manel,
    case
      when unknown > 0 then 'undetermined'
      when men = size then 'manel'
      else 'not_manel'
    end as status
  from panels
)
select m.event_id, m.size, m.status, e.series_id, e.country,
  vt_year(e.starts_on), vt_month(e.starts_on),
  count(*), sum(m.men), sum(m.p_manel)
from manel_status as m
join events as e on e.id = m.event_id
group by m.event_id, m.size, m.status, e.series_id, e.country, e.starts_on
