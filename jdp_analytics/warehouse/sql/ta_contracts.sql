-- Technical-assistance contracts and grants with cost and outputs.
-- Columns: contract_id, contract_type, title, agency, scope, county_name, outcome_code, period, cost_kes,
-- primary_output, officials_trained, forums_held, citizens_reached, data_systems_strengthened, source_title,
-- publisher, as_of, is_demo.
with final as (
    select t.contract_id, t.contract_type, t.title, t.agency, t.scope, c.county_name, t.outcome_code, t.period,
           t.cost_kes, t.primary_output, t.officials_trained, t.forums_held, t.citizens_reached,
           t.data_systems_strengthened, s.title as source_title, s.publisher, s.as_of, s.is_demo
    from fact_ta_contract t
    left join dim_county c on c.county_code = t.scope
    join source s on s.source_id = t.source_id
)
select * from final order by scope, contract_id
