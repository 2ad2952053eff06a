-- Budget execution of every county in every fiscal year the warehouse holds, one row per county and year.
-- A county with no published row for a year still gets a row (amounts and rates empty), so a page can say so.
-- Columns: county_code, county_name, is_jdp_target, fiscal_year, budget_kes, expenditure_kes, absorption_pct,
-- development_absorption_pct, flag, rate_method, source_page, population_2019, source_title, publisher, url,
-- as_of, is_demo.
with fiscal_years as (
    select distinct fiscal_year from fact_budget_execution
),
county_years as (
    select c.county_code, c.county_name, c.is_jdp_target, c.population_2019, y.fiscal_year
    from dim_county c cross join fiscal_years y
),
final as (
    select k.county_code, k.county_name, k.is_jdp_target, k.fiscal_year, e.budget_kes, e.expenditure_kes,
           e.absorption_pct, e.development_absorption_pct, e.flag, e.rate_method, e.source_page,
           k.population_2019, s.title as source_title, s.publisher, s.url, s.as_of, s.is_demo
    from county_years k
    left join fact_budget_execution e using (county_code, fiscal_year)
    left join source s on s.source_id = e.source_id
)
select * from final order by county_code, fiscal_year
