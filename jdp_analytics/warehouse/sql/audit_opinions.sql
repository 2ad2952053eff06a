-- The Auditor-General's opinions as loaded (not as the press reported them: reported_statements.sql) of one county
-- ($county_code, '' for all), every fiscal year and entity held, with the report's date and source. Columns:
-- county_code, county_name, fiscal_year, entity, opinion, report_date, report, source_id, publisher, source_title,
-- as_of, is_demo.
with final as (
    select o.county_code, c.county_name, o.fiscal_year, o.entity, o.opinion, o.report_date, o.report, o.source_id,
           s.publisher, s.title as source_title, s.as_of, s.is_demo
    from fact_audit_opinion o
    join dim_county c using (county_code)
    left join source s on s.source_id = o.source_id
    where $county_code = '' or o.county_code = $county_code
)
select * from final order by county_code, fiscal_year desc, entity
