-- Every headline measure for every county, long form: one row per county and measure, for one fiscal year.
with counties as (
    select c.county_code, c.population_2019, c.area_km2, s.title as source_title, s.publisher, s.as_of, s.is_demo
    from dim_county c join source s using (source_id)
),
census as (
    select county_code, 'population_2019' as measure, population_2019::double as value, null as flag,
           source_title, publisher, as_of, is_demo from counties
    union all
    select county_code, 'density_per_km2', population_2019 / area_km2, null, source_title, publisher, as_of, is_demo
    from counties
),
budget as (
    select e.county_code, m.measure,
           case m.measure when 'absorption_pct' then e.absorption_pct
                          when 'development_absorption_pct' then e.development_absorption_pct
                          else e.budget_kes / c.population_2019 end as value,
           case when m.measure = 'development_absorption_pct' then e.flag end as flag,
           s.title, s.publisher, s.as_of, s.is_demo
    from fact_budget_execution e
    join counties c using (county_code)
    join source s on s.source_id = e.source_id
    cross join (values ('absorption_pct'), ('development_absorption_pct'), ('budget_per_person_kes')) m(measure)
    where e.fiscal_year = $fiscal_year
),
indicators as (
    select f.county_code, 'indicator:' || f.indicator_code, f.value, null, s.title, s.publisher, s.as_of, s.is_demo
    from fact_indicator f join source s using (source_id)
),
final as (
    select * from census union all select * from budget union all select * from indicators
)
select * from final order by measure, county_code
