-- Facilities of one county ($county_code) placed as points, with their complaints received and resolved in one
-- fiscal year ($fiscal_year); facility feedback rows name a facility by its code (facility_id = facility_code).
-- Columns: facility_code, facility_name, facility_type, sector, ward_code, ward_name, latitude, longitude,
-- received, resolved, source_id.
with feedback as (
    select facility_id as facility_code, sum(received) as received, sum(resolved) as resolved
    from fact_facility_feedback
    where fiscal_year = $fiscal_year and county_code = $county_code
    group by facility_id
),
final as (
    select f.facility_code, f.facility_name, f.facility_type, f.sector, f.ward_code, w.ward_name, f.latitude,
           f.longitude, b.received, b.resolved, f.source_id
    from dim_facility f
    left join feedback b using (facility_code)
    left join dim_ward w using (ward_code)
    where f.county_code = $county_code
)
select * from final order by facility_code
