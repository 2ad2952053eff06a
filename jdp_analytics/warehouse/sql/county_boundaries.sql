-- County polygons (GeoJSON text, simplified for the browser) with their source: for each county the latest
-- uploaded county boundary already in force today, else the outline the warehouse was built with. (County
-- outlines are fixed by the Constitution's First Schedule; ward sets are the ones drawn by fiscal year.)
with uploaded as (
    select county_code, geometry_geojson, source_id,
           row_number() over (partition by county_code order by effective_date desc) as latest
    from geo_county_boundary
    where effective_date <= current_date
),
outlines as (
    select county_code, geometry_geojson, source_id from uploaded where latest = 1
    union all
    select county_code, geometry_geojson, source_id from geo_county
    where county_code not in (select county_code from uploaded)
)
select g.county_code, c.county_name, c.is_jdp_target, g.geometry_geojson, s.publisher, s.licence, s.as_of
from outlines g join dim_county c using (county_code) join source s on s.source_id = g.source_id
order by g.county_code
