-- Ward development projects of one county ($county_code, '' for all) and fiscal year ($fiscal_year), with ward names
-- and source. Columns: project_id, county_code, ward_code, ward_name, fiscal_year, sector, programme, project_name,
-- approved_kes, spent_kes, status, publisher, source_title, as_of, is_demo.
with final as (
    select j.project_id, j.county_code, j.ward_code, w.ward_name, j.fiscal_year, j.sector, j.programme,
           j.project_name, j.approved_kes, j.spent_kes, j.status, s.publisher, s.title as source_title, s.as_of,
           s.is_demo
    from fact_ward_project j
    join dim_ward w using (ward_code)
    left join source s on s.source_id = j.source_id
    where ($county_code = '' or j.county_code = $county_code)
      and j.fiscal_year = $fiscal_year
)
select * from final order by county_code, ward_name, project_id
