-- One county's absorption per fiscal year beside the median of all counties' published rates.
-- Flagged development rates (suspect upstream values) are left out of the median and returned as flagged.
with all_years as (
    select fiscal_year,
           median(absorption_pct) as national_median_absorption_pct,
           median(development_absorption_pct) filter (where flag is null) as national_median_development_pct,
           count(*) as counties_reporting,
           min(source_id) as source_id  -- one Controller of Budget report per fiscal year
    from fact_budget_execution
    group by fiscal_year
),
county as (
    select fiscal_year, absorption_pct, development_absorption_pct, flag, budget_kes, expenditure_kes
    from fact_budget_execution
    where county_code = $county_code
),
final as (
    select a.fiscal_year, c.absorption_pct, c.development_absorption_pct, c.flag, c.budget_kes,
           c.expenditure_kes, a.national_median_absorption_pct, a.national_median_development_pct,
           a.counties_reporting, s.title as source_title, s.publisher, s.as_of, s.is_demo
    from all_years a
    left join county c using (fiscal_year)
    left join source s on s.source_id = a.source_id
)
select * from final order by fiscal_year
