-- Ward polygons (GeoJSON text) of one county, when the warehouse was built with ward boundaries.
select g.ward_code, w.ward_name, w.constituency_code, g.geometry_geojson
from geo_ward g join dim_ward w using (ward_code)
where w.county_code = $county_code
order by g.ward_code
