-- The wards of one county with their constituency, whether a boundary is installed, and the source.
select w.ward_code, w.ward_name, w.constituency_code, k.constituency_name, g.ward_code is not null as has_boundary,
       s.publisher, s.title as source_title, s.as_of, s.is_demo
from dim_ward w
join dim_constituency k using (constituency_code)
left join geo_ward g using (ward_code)
join source s on s.source_id = w.source_id
where w.county_code = $county_code
order by k.constituency_name, w.ward_name
