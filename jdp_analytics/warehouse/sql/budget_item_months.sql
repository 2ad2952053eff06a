-- Line-item spending month by month of the fiscal year for one county ($county_code, or '' for all 47) and fiscal
-- year ($fiscal_year), from the vote × month roll-up. Columns: month (calendar, 7 = July), fiscal_month (1 = July),
-- approved_kes, spent_kes, cumulative_spent_kes, cumulative_spent_pct (of the year's approved budget). 12 rows.
with picked as (
    select month, approved_kes, spent_kes
    from agg_budget_item_vote_month
    where fiscal_year = $fiscal_year and ($county_code = '' or county_code = $county_code)
),
months as (
    select month, (month + 5) % 12 + 1 as fiscal_month, sum(approved_kes) as approved_kes,
           sum(spent_kes) as spent_kes
    from picked group by month
),
final as (
    select *, sum(spent_kes) over (order by fiscal_month) as cumulative_spent_kes,
           100 * sum(spent_kes) over (order by fiscal_month) / nullif(sum(approved_kes) over (), 0)
               as cumulative_spent_pct
    from months
)
select * from final order by fiscal_month
