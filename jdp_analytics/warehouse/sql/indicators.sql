-- Indicators with county values in fact_indicator (the Overview's measures), with unit, direction and source.
select i.indicator_code, i.indicator_name, i.unit, i.population, i.topic, i.higher_is_better,
       s.title as source_title, s.publisher, s.as_of, s.is_demo
from dim_indicator i join source s using (source_id)
where exists (select 1 from fact_indicator f where f.indicator_code = i.indicator_code)
order by i.topic, i.indicator_name
