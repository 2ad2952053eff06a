-- Complaints and suggestions at service-delivery facilities in one fiscal year ($fiscal_year) and county
-- ($county_code, '' for all), with the ward's name.
with final as (
    select f.facility_id, f.facility_name, f.facility_type, f.county_code, f.ward_code, w.ward_name,
           f.fiscal_year, f.quarter, f.channel, f.received, f.resolved, f.median_days_to_resolve, f.source_id
    from fact_facility_feedback f
    left join dim_ward w using (ward_code)
    where f.fiscal_year = $fiscal_year and ($county_code = '' or f.county_code = $county_code)
)
select * from final order by county_code, facility_id, quarter, channel
