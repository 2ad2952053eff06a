-- Every indicator of every assessment framework version held, with its source. Columns: framework, version, area,
-- indicator_code, indicator, question, scale, max_points, levels, weight, evidence_required, minimum_condition, basis,
-- tracked_on, result_indicator, source_id, publisher, source_title, as_of, is_demo.
with final as (
    select i.framework, i.version, i.area, i.indicator_code, i.indicator, i.question, i.scale, i.max_points,
           i.levels, i.weight, i.evidence_required, i.minimum_condition, i.basis, i.tracked_on, i.result_indicator,
           i.source_id, src.publisher, src.title as source_title, src.as_of, src.is_demo
    from dim_assessment_indicator i
    left join source src on src.source_id = i.source_id
)
select * from final order by framework, version, indicator_code
