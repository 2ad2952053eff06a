-- Completeness per fact table and county: periods with figures against the periods the table covers.
with budget as (
    select 'fact_budget_execution' as table_name, county_code, count(distinct fiscal_year) as periods_present,
           (select count(distinct fiscal_year) from fact_budget_execution) as periods_expected
    from fact_budget_execution group by county_code
),
indicators as (
    select 'fact_indicator', county_code, count(distinct indicator_code || period),
           (select count(distinct indicator_code || period) from fact_indicator)
    from fact_indicator group by county_code
),
participation as (
    select 'fact_participation_event', county_code, count(distinct strftime(event_date, '%Y-Q') || quarter(event_date)),
           (select count(distinct strftime(event_date, '%Y-Q') || quarter(event_date)) from fact_participation_event)
    from fact_participation_event group by county_code
),
present as (
    select * from budget union all select * from indicators union all select * from participation
),
tables as (
    select distinct table_name from present
),
final as (
    select t.table_name, c.county_code, c.county_name, c.is_jdp_target,
           coalesce(p.periods_present, 0) as periods_present,
           coalesce(p.periods_expected, (select max(periods_expected) from present q where q.table_name = t.table_name))
               as periods_expected
    from tables t cross join dim_county c
    left join present p on p.table_name = t.table_name and p.county_code = c.county_code
)
select *, round(100.0 * periods_present / nullif(periods_expected, 0), 1) as completeness_pct
from final order by table_name, county_code
