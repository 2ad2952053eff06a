-- The sources of the participation, facility-register, facility-feedback and budget-document rows, with whether each is
-- demonstration data: the citation every participation figure carries.
with uses as (
    select source_id, 'fact_participation_event' as table_name, count(*) as row_count
    from fact_participation_event group by all
    union all select source_id, 'fact_facility_feedback', count(*) from fact_facility_feedback group by all
    union all select source_id, 'fact_budget_document', count(*) from fact_budget_document group by all
    union all select source_id, 'fact_budget_transparency_score', count(*) from fact_budget_transparency_score
    group by all
    union all select source_id, 'fact_county_population_group', count(*) from fact_county_population_group
    group by all
    union all select source_id, 'dim_facility', count(*) from dim_facility group by all
),
final as (
    select u.table_name, u.source_id, u.row_count, s.publisher, s.title as source_title, s.as_of, s.is_demo, s.url
    from uses u join source s using (source_id)
)
select * from final order by table_name, source_id
