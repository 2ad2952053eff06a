-- The county assembly's amendments to the executive's budget of one county ($county_code, '' for all) and fiscal year
-- ($fiscal_year): per vote (and programme, 'all' for the vote as a whole) the amount proposed and the amount
-- approved, with the change and its source. Columns: county_code, county_name, fiscal_year, estimates, vote,
-- programme, proposed_kes, approved_kes, change_kes, note, source_id, publisher, source_title, as_of, is_demo.
with final as (
    select a.county_code, c.county_name, a.fiscal_year, a.estimates, a.vote, a.programme, a.proposed_kes,
           a.approved_kes, a.approved_kes - a.proposed_kes as change_kes, a.note, a.source_id, s.publisher,
           s.title as source_title, s.as_of, s.is_demo
    from fact_budget_amendment a
    join dim_county c using (county_code)
    left join source s on s.source_id = a.source_id
    where ($county_code = '' or a.county_code = $county_code)
      and a.fiscal_year = $fiscal_year
)
select * from final order by county_code, estimates, vote, programme
