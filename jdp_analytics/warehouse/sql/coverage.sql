-- What each sourced table holds per county (county_code NULL: programme-wide rows), read from the source flags over
-- every row, real and generated: real_rows, demo_rows and the latest as-of date of the real sources. It says where a
-- page will be empty and whether a demonstration exists to show instead; it never gives a figure. Run it with the
-- generated rows included (Warehouse(include_demo=True)), or it sees the real rows only.
with rows as (
    /*SOURCE_ROWS_BY_COUNTY*/
),
final as (
    select r.table_name, r.county_code,
           count(*) filter (where not s.is_demo) as real_rows,
           count(*) filter (where s.is_demo) as demo_rows,
           max(s.as_of) filter (where not s.is_demo) as latest_as_of
    from rows r join source s using (source_id)
    group by r.table_name, r.county_code
)
select * from final order by table_name, county_code
