-- Freshness and demo share per fact table: rows, real and demonstration rows, latest as-of date.
with rows as (
    select 'fact_budget_execution' as table_name, source_id from fact_budget_execution
    union all select 'fact_indicator', source_id from fact_indicator
    union all select 'fact_participation_event', source_id from fact_participation_event
),
final as (
    select r.table_name, count(*) as row_count,
           count(*) filter (where not s.is_demo) as real_rows,
           count(*) filter (where s.is_demo) as demo_rows,
           round(100.0 * count(*) filter (where s.is_demo) / count(*), 1) as demo_pct,
           max(s.as_of) as latest_as_of, min(s.as_of) as earliest_as_of
    from rows r join source s using (source_id)
    group by r.table_name
)
select * from final order by table_name
