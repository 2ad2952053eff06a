-- Every reported indicator value per quarter, with its evidence and source.
-- Columns: indicator_code, scope, period, value, evidence, comment, source_title, publisher, as_of, is_demo.
with final as (
    select a.indicator_code, a.scope, a.period, a.value, a.evidence, a.comment, s.title as source_title,
           s.publisher, s.as_of, s.is_demo
    from fact_result_actual a join source s using (source_id)
)
select * from final order by indicator_code, scope, period
