-- Each county's area measured on its kept boundary (equal-area projection) beside the census's published land
-- area. The boundary is the latest uploaded county boundary, else the one the warehouse was built with.
-- Columns: county_code, county_name, census_area_km2, boundary_area_km2, difference_pct, census_density,
-- boundary_density (2019 population per km²), boundary_source, effective_date.
with uploaded as (
    select county_code, area_km2, source_id, effective_date,
           row_number() over (partition by county_code order by effective_date desc) as latest
    from geo_county_boundary
),
boundary as (
    select county_code, area_km2, source_id, effective_date from uploaded where latest = 1
    union all
    select g.county_code, g.area_km2, g.source_id, s.as_of
    from geo_county g join source s using (source_id)
    where g.county_code not in (select county_code from uploaded)
),
final as (
    select c.county_code, c.county_name, c.area_km2 as census_area_km2, b.area_km2 as boundary_area_km2,
           round(100 * (b.area_km2 - c.area_km2) / nullif(c.area_km2, 0), 1) as difference_pct,
           round(c.population_2019 / nullif(c.area_km2, 0), 1) as census_density,
           round(c.population_2019 / nullif(b.area_km2, 0), 1) as boundary_density,
           s.publisher as boundary_source, b.effective_date
    from dim_county c
    left join boundary b using (county_code)
    left join source s on s.source_id = b.source_id
)
select * from final order by county_code
