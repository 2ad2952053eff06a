-- County polygons (GeoJSON text) with their source.
select g.county_code, c.county_name, c.is_jdp_target, g.geometry_geojson, s.publisher, s.licence, s.as_of
from geo_county g join dim_county c using (county_code) join source s on s.source_id = g.source_id
order by g.county_code
