-- The ward boundary sets of one county ($county_code), oldest first: when each took effect, its source and size.
-- Columns: effective_date, publisher, source_title, wards, area_km2.
with sets as (
    select b.county_code, b.effective_date, b.area_km2, b.source_id from geo_ward_boundary b
    union all
    select w.county_code, s.as_of, g.area_km2, g.source_id
    from geo_ward g join dim_ward w using (ward_code) join source s on s.source_id = g.source_id
),
final as (
    select s.effective_date, any_value(src.publisher) as publisher, any_value(src.title) as source_title,
           count(*) as wards, sum(s.area_km2) as area_km2
    from sets s join source src on src.source_id = s.source_id
    where s.county_code = $county_code
    group by s.effective_date
)
select * from final order by effective_date
