-- country_citation_profile for one month (every month when the year is null): citation_profile
-- summed over each country's outlets, '' for no country (app/metrics/models.py, issue #16).
insert into country_citation_profile
  (country, year, month, author_group, women, gendered, articles)
select coalesce(country, ''), year, month, author_group, women, gendered, sum(articles)
from citation_profile
where cast(:year as integer) is null
  or (year = cast(:year as integer) and month = cast(:month as integer))
group by coalesce(country, ''), year, month, author_group, women, gendered
