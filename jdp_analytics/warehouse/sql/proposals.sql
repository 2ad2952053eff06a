-- Citizens' proposals of one county ($county_code, '' for all) and fiscal year ($fiscal_year, '' for all), one row
-- per proposal with its ward, forum, decision and the amounts of the budget lines linked to it. Columns:
-- proposal_id, county_code, county_name, ward_code, ward_name, event_id, event_date, fiscal_year, budget_stage,
-- proposed_date, sector, proposal_text, raised_by_group, decision, decision_reason, programme, project,
-- feedback_date, lines_linked, allocated_kes, spent_kes, source_id, publisher, source_title, as_of, is_demo.
with links as (
    select proposal_id, count(*) as lines_linked, sum(allocated_kes) as allocated_kes, sum(spent_kes) as spent_kes
    from fact_proposal_link
    group by proposal_id
),
final as (
    select p.proposal_id, p.county_code, c.county_name, p.ward_code, w.ward_name, p.event_id, e.event_date,
           p.fiscal_year, p.budget_stage, p.proposed_date, p.sector, p.proposal_text, p.raised_by_group, p.decision,
           p.decision_reason, p.programme, p.project, p.feedback_date, coalesce(l.lines_linked, 0) as lines_linked,
           l.allocated_kes, l.spent_kes, p.source_id, s.publisher, s.title as source_title, s.as_of, s.is_demo
    from fact_proposal p
    join dim_county c using (county_code)
    join dim_ward w using (ward_code)
    left join fact_participation_event e using (event_id)
    left join links l using (proposal_id)
    left join source s on s.source_id = p.source_id
    where ($county_code = '' or p.county_code = $county_code)
      and ($fiscal_year = '' or p.fiscal_year = $fiscal_year)
)
select * from final order by county_code, proposed_date, proposal_id
