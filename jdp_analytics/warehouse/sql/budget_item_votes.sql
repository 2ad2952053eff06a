-- Line-item budget by vote for one county ($county_code, or '' for all 47) and fiscal year ($fiscal_year), from the
-- vote × month roll-up (never the line items themselves). Columns: vote, approved_kes, spent_kes, absorption_pct,
-- lines, is_demo, source_title, as_of. One row per vote: at most a dozen rows reach the page.
with picked as (
    select r.vote, r.approved_kes, r.spent_kes, r.lines, s.is_demo, s.title, s.as_of
    from agg_budget_item_vote_month r
    join source s using (source_id)
    where r.fiscal_year = $fiscal_year and ($county_code = '' or r.county_code = $county_code)
),
final as (
    select vote, sum(approved_kes) as approved_kes, sum(spent_kes) as spent_kes,
           100 * sum(spent_kes) / nullif(sum(approved_kes), 0) as absorption_pct, sum(lines) as lines,
           bool_or(is_demo) as is_demo, string_agg(distinct title, '; ') as source_title, max(as_of) as as_of
    from picked group by vote
)
select * from final order by approved_kes desc, vote
