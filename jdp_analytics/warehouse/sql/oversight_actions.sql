-- The recommendations of oversight reports of one county ($county_code, '' for all) or of one report ($report_id, ''
-- for every report), each with who must act, by when, whether and when it was done, and its source. Columns:
-- report_id, recommendation_no, county_code, county_name, fiscal_year, reported_by, report_title, tabled_date,
-- recommendation, responsible, due_date, status, done_date, evidence, source_id, publisher, source_title, as_of,
-- is_demo.
with final as (
    select a.report_id, a.recommendation_no, a.county_code, c.county_name, a.fiscal_year, a.reported_by,
           a.report_title, a.tabled_date, a.recommendation, a.responsible, a.due_date, a.status, a.done_date,
           a.evidence, a.source_id, s.publisher, s.title as source_title, s.as_of, s.is_demo
    from fact_oversight_action a
    join dim_county c using (county_code)
    left join source s on s.source_id = a.source_id
    where ($county_code = '' or a.county_code = $county_code)
      and ($report_id = '' or a.report_id = $report_id)
)
select * from final order by tabled_date, report_id, recommendation_no
