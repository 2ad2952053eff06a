-- Budget execution of every county in one fiscal year, with population and the source of each row.
with execution as (
    select * from fact_budget_execution where fiscal_year = $fiscal_year
),
final as (
    select c.county_code, c.county_name, c.is_jdp_target, e.fiscal_year, e.budget_kes, e.expenditure_kes,
           e.absorption_pct, e.development_absorption_pct, e.flag, e.rate_method, e.source_page,
           c.population_2019, e.budget_kes / c.population_2019 as budget_per_person_kes,
           s.title as source_title, s.publisher, s.url, s.as_of, s.is_demo
    from dim_county c
    left join execution e using (county_code)
    left join source s on s.source_id = e.source_id
)
select * from final order by county_code
