-- Programme budget and spending per outcome, agency, scope (county or programme) and quarter.
-- Columns: outcome_code, outcome_title, agency, scope, county_name, period, budget_kes, spent_kes, source_title,
-- publisher, as_of, is_demo.
with final as (
    select f.outcome_code, o.title as outcome_title, f.agency, f.scope, c.county_name, f.period, f.budget_kes,
           f.spent_kes, s.title as source_title, s.publisher, s.as_of, s.is_demo
    from fact_programme_finance f
    left join dim_result o on o.result_code = f.outcome_code
    left join dim_county c on c.county_code = f.scope
    join source s on s.source_id = f.source_id
)
select * from final order by period, outcome_code, agency, scope
