-- The budget calendar of one county ($county_code, '' for all), every fiscal year held: each milestone with the date
-- it happened and, for a supplementary budget, its own deadline, with its source. The legal deadlines and the days
-- early or late are computed from the PFM Act by oversight/calendar.py, never stored. Columns: county_code,
-- county_name, fiscal_year, milestone, happened_date, due_date, reference, note, source_id, publisher, source_title,
-- as_of, is_demo.
with final as (
    select m.county_code, c.county_name, m.fiscal_year, m.milestone, m.happened_date, m.due_date, m.reference,
           m.note, m.source_id, s.publisher, s.title as source_title, s.as_of, s.is_demo
    from fact_budget_milestone m
    join dim_county c using (county_code)
    left join source s on s.source_id = m.source_id
    where $county_code = '' or m.county_code = $county_code
)
select * from final order by county_code, fiscal_year, milestone
