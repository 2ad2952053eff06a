-- The trail of one proposal ($proposal_id): one row per budget line linked to it (none when it has no link), with
-- the proposal, its forum, the line's approved and spent amounts and the ward project. Columns: proposal_id,
-- county_code, county_name, ward_name, event_id, event_date, venue, forum_stage, forum_feedback_date, fiscal_year,
-- budget_stage, proposed_date, sector, proposal_text, raised_by_group, decision, decision_reason, programme, project,
-- feedback_date, line_sector, line_programme, line_fiscal_year, line_approved_kes, line_spent_kes, allocated_kes,
-- link_spent_kes, project_id, project_name, project_approved_kes, project_spent_kes, project_status, publisher,
-- source_title, as_of, is_demo.
with final as (
    select p.proposal_id, p.county_code, c.county_name, w.ward_name, p.event_id, e.event_date, e.venue,
           e.budget_stage as forum_stage, e.feedback_date as forum_feedback_date, p.fiscal_year, p.budget_stage,
           p.proposed_date, p.sector, p.proposal_text, p.raised_by_group, p.decision, p.decision_reason, p.programme,
           p.project, p.feedback_date, k.sector as line_sector, k.programme as line_programme,
           k.fiscal_year as line_fiscal_year,
           b.approved_development_kes + b.approved_recurrent_kes as line_approved_kes,
           coalesce(b.expenditure_development_kes, 0) + coalesce(b.expenditure_recurrent_kes, 0) as line_spent_kes,
           k.allocated_kes, k.spent_kes as link_spent_kes, k.project_id, j.project_name,
           j.approved_kes as project_approved_kes, j.spent_kes as project_spent_kes, j.status as project_status,
           s.publisher, s.title as source_title, s.as_of, s.is_demo
    from fact_proposal p
    join dim_county c using (county_code)
    join dim_ward w using (ward_code)
    left join fact_participation_event e using (event_id)
    left join fact_proposal_link k on k.proposal_id = p.proposal_id
    left join fact_budget_line b on b.county_code = k.county_code and b.fiscal_year = k.fiscal_year
         and b.sector = k.sector and b.programme = k.programme
    left join fact_ward_project j on j.project_id = k.project_id
    left join source s on s.source_id = p.source_id
    where p.proposal_id = $proposal_id
)
select * from final order by line_fiscal_year, line_programme
