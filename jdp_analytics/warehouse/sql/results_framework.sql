-- The results framework, one row per indicator and scope (programme or county): hierarchy, baseline, targets.
-- Columns: outcome_code, outcome_title, result_code, result_title, result_level, indicator_code, indicator_name,
-- indicator_level, unit, higher_is_better, agency, means_of_verification, scope, county_name, baseline_value,
-- baseline_date, target_2025, target_2026, target_2027, target_2028, source_title, publisher, as_of, is_demo.
with results as (
    select r.result_code, r.result_level, r.outcome_code, r.title as result_title, o.title as outcome_title
    from dim_result r left join dim_result o on o.result_code = r.outcome_code
),
final as (
    select r.outcome_code, r.outcome_title, r.result_code, r.result_title, r.result_level, i.indicator_code,
           i.indicator_name, i.indicator_level, i.unit, i.higher_is_better, i.agency, i.means_of_verification,
           t.scope, c.county_name, t.baseline_value, t.baseline_date, t.target_2025, t.target_2026, t.target_2027,
           t.target_2028, s.title as source_title, s.publisher, s.as_of, s.is_demo
    from fact_result_target t
    join dim_result_indicator i using (indicator_code)
    join results r using (result_code)
    left join dim_county c on c.county_code = t.scope
    join source s on s.source_id = t.source_id
)
select * from final order by outcome_code, result_code, indicator_code, scope = 'programme' desc, scope
