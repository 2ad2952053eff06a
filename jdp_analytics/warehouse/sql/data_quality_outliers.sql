-- Values outside plausible ranges or flagged upstream: absorption above 100 % or below 20 %, suspect rows.
with budget as (
    select 'fact_budget_execution' as table_name, county_code, fiscal_year as period,
           case when flag is not null then 'development_absorption_pct'
                else 'absorption_pct' end as column_name,
           case when flag is not null then development_absorption_pct else absorption_pct end as value,
           case when flag is not null then 'flagged upstream: ' || flag
                when absorption_pct > 100 then 'spent more than the budget'
                else 'spent less than a fifth of the budget' end as reason,
           source_id
    from fact_budget_execution
    where flag is not null or absorption_pct > 100 or absorption_pct < 20
),
final as (
    select b.*, c.county_name, s.title as source_title
    from budget b join dim_county c using (county_code) join source s on s.source_id = b.source_id
)
select * from final order by table_name, period, county_code
