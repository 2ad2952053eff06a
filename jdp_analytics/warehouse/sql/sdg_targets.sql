-- Targets of indicators, national (KE) and per county, with the document that sets each.
select t.indicator_code, t.geo_code, t.target_year, t.target_value, t.basis, s.publisher, s.title as source_title
from fact_indicator_target t join source s using (source_id)
order by t.indicator_code, t.geo_code, t.target_year
