-- 2019 census counts per county of the groups participation is compared with (adults, youth, persons aged 5
-- and above with and without a disability), by sex.
select g.county_code, g.population_group, g.sex, g.persons, g.source_id
from fact_county_population_group g
order by g.county_code, g.population_group, g.sex
