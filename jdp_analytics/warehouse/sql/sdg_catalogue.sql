-- The indicator catalogue: every indicator with its SDG goal, target and UN code, definition, method, source,
-- and how many observations and counties the warehouse holds for it (fact_indicator and the long-form table).
with observed as (
    select indicator_code, county_code as geo_code, period from fact_indicator
    union all
    select indicator_code, geo_code, period from fact_indicator_observation
),
counts as (
    select indicator_code, count(*) as observations,
           count(distinct geo_code) filter (where geo_code <> 'KE' and not geo_code like 'KEW-%') as counties,
           count(distinct period) as periods, max(period) as latest_period
    from observed group by indicator_code
),
final as (
    select i.indicator_code, i.indicator_name, i.unit, i.population, i.topic, i.higher_is_better, i.sdg_goal,
           i.sdg_target, i.sdg_indicator, i.sdg_correspondence, i.code_scheme, i.definition, i.method,
           s.publisher, s.title as source_title, s.as_of, s.url, s.licence, s.is_demo,
           coalesce(c.observations, 0) as observations, coalesce(c.counties, 0) as counties,
           coalesce(c.periods, 0) as periods, c.latest_period
    from dim_indicator i join source s using (source_id) left join counts c using (indicator_code)
)
select * from final order by sdg_goal nulls last, sdg_indicator nulls last, indicator_code
