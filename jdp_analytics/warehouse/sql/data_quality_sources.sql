-- Freshness and demonstration share of every table whose rows cite a source (the catalog's tables with a
-- source_id, filled in by queries.sql from catalog.source_rows_sql): rows, real and generated rows, as-of dates.
with rows as (
    /*SOURCE_ROWS*/
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
