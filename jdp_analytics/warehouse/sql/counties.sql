-- The 47 counties with their 2019 census figures and the source of those figures.
with final as (
    select c.county_code, c.county_name, c.is_jdp_target, c.population_2019, c.population_male_2019,
           c.population_female_2019, c.population_intersex_2019, c.households_2019, c.area_km2,
           c.population_2019 / c.area_km2 as density_per_km2, s.title as source_title, s.publisher,
           s.as_of, s.is_demo
    from dim_county c
    join source s using (source_id)
)
select * from final order by county_code
