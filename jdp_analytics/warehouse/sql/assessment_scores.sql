-- The assessment's scores of one county ($county_code, '' for all), every round, each with its indicator as the
-- framework version the round names defines it (area, question, scale, levels, weight, minimum condition, the page
-- that tracks it) and the scores' source. Columns: county_code, county_name, round, assessed_date, framework, version,
-- indicator_code, area, indicator, question, scale, max_points, levels, weight, evidence_required,
-- minimum_condition, basis, tracked_on, result_indicator, score, evidence_seen, assessor, note, source_id, publisher,
-- source_title, as_of, is_demo.
with final as (
    select s.county_code, c.county_name, s.round, s.assessed_date, s.framework, s.version, s.indicator_code, i.area,
           i.indicator, i.question, i.scale, i.max_points, i.levels, i.weight, i.evidence_required,
           i.minimum_condition, i.basis, i.tracked_on, i.result_indicator, s.score, s.evidence_seen, s.assessor,
           s.note, s.source_id, src.publisher, src.title as source_title, src.as_of, src.is_demo
    from fact_assessment_score s
    join dim_county c using (county_code)
    join dim_assessment_indicator i using (framework, version, indicator_code)
    left join source src on src.source_id = s.source_id
    where $county_code = '' or s.county_code = $county_code
)
select * from final order by county_code, assessed_date, round, indicator_code
