-- Participation forums held between $start and $end (dates) in one county ($county_code, '' for all), one row
-- per event with its attendance, proposals and feedback; venue, sectors and organiser are left out (not used).
with final as (
    select e.event_id, e.event_date, e.county_code, e.ward_code, e.budget_stage, e.documents_shared,
           e.documents_shared_days_before, e.attendance_women, e.attendance_men, e.attendance_total,
           e.attendance_youth, e.attendance_pwd, e.proposals_received, e.proposals_adopted, e.feedback_date,
           e.source_id
    from fact_participation_event e
    where ($county_code = '' or e.county_code = $county_code)
      and e.event_date between $start and $end
)
select * from final order by event_date, event_id
