-- country_citation_rollup for one month (every month when the year is null): citation_rollup
-- summed over each country's outlets, '' for no country (app/metrics/models.py, issue #16).
insert into country_citation_rollup
  (country, year, month, author_group, label, citations, p_woman, p_man, p_var)
select coalesce(country, ''), year, month, author_group, label,
  sum(citations), sum(p_woman), sum(p_man), sum(p_var)
from citation_rollup
where cast(:year as integer) is null
  or (year = cast(:year as integer) and month = cast(:month as integer))
group by coalesce(country, ''), year, month, author_group, label
