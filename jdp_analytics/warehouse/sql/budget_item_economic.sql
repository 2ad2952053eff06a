-- Line-item budget by economic item (GFS code and name) for one county ($county_code, or '' for all 47) and fiscal
-- year ($fiscal_year), from the economic-item roll-up. Columns: economic_item, approved_kes, spent_kes,
-- absorption_pct, share_pct (of the year's approved budget). One row per item (25 in the generated set).
with picked as (
    select economic_item, approved_kes, spent_kes
    from agg_budget_item_economic
    where fiscal_year = $fiscal_year and ($county_code = '' or county_code = $county_code)
),
items as (
    select economic_item, sum(approved_kes) as approved_kes, sum(spent_kes) as spent_kes
    from picked group by economic_item
),
final as (
    select *, 100 * spent_kes / nullif(approved_kes, 0) as absorption_pct,
           100 * approved_kes / nullif(sum(approved_kes) over (), 0) as share_pct
    from items
)
select * from final order by approved_kes desc, economic_item
