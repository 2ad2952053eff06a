-- Ward polygons (GeoJSON text, simplified for the browser) of one county ($county_code) from the boundary set in
-- force on $as_of: the latest set, uploaded or built with --sources, whose effective date is on or before it.
-- Columns: ward_code, ward_name, constituency_code, geometry_geojson, area_km2, effective_date, publisher,
-- source_title, licence, is_demo.
with sets as (
    select b.ward_code, b.county_code, b.effective_date, b.geometry_geojson, b.area_km2, b.source_id
    from geo_ward_boundary b
    union all
    select g.ward_code, w.county_code, s.as_of, g.geometry_geojson, g.area_km2, g.source_id
    from geo_ward g join dim_ward w using (ward_code) join source s on s.source_id = g.source_id
),
in_force as (
    select max(effective_date) as effective_date from sets
    where county_code = $county_code and effective_date <= $as_of
),
final as (
    select s.ward_code, w.ward_name, w.constituency_code, s.geometry_geojson, s.area_km2, s.effective_date,
           src.publisher, src.title as source_title, src.licence, src.is_demo
    from sets s
    join in_force f using (effective_date)
    join dim_ward w using (ward_code)
    join source src on src.source_id = s.source_id
    where s.county_code = $county_code
)
select * from final order by ward_code
