-- Every source with its licence, as-of date, whether it is demonstration data, and the rows it backs.
with uses as (
    select source_id, 'dim_county' as used_in, count(*) as row_count from dim_county group by all
    union all select source_id, 'dim_constituency', count(*) from dim_constituency group by all
    union all select source_id, 'dim_ward', count(*) from dim_ward group by all
    union all select source_id, 'fact_budget_execution', count(*) from fact_budget_execution group by all
    union all select source_id, 'fact_indicator', count(*) from fact_indicator group by all
    union all select source_id, 'fact_participation_event', count(*) from fact_participation_event group by all
    union all select source_id, 'fact_facility_feedback', count(*) from fact_facility_feedback group by all
    union all select source_id, 'fact_budget_document', count(*) from fact_budget_document group by all
    union all select source_id, 'fact_county_population_group', count(*) from fact_county_population_group group by all
    union all select source_id, 'fact_budget_transparency_score', count(*) from fact_budget_transparency_score
    group by all
    union all select source_id, 'fact_budget_line', count(*) from fact_budget_line group by all
    union all select source_id, 'fact_county_fiscal', count(*) from fact_county_fiscal group by all
    union all select source_id, 'geo_county', count(*) from geo_county group by all
    union all select source_id, 'geo_ward', count(*) from geo_ward group by all
    union all select source_id, 'dim_indicator', count(*) from dim_indicator group by all
    union all select source_id, 'fact_indicator_observation', count(*) from fact_indicator_observation group by all
    union all select source_id, 'fact_indicator_target', count(*) from fact_indicator_target group by all
    union all select source_id, 'fact_result_actual', count(*) from fact_result_actual group by all
    union all select source_id, 'fact_programme_finance', count(*) from fact_programme_finance group by all
    union all select source_id, 'fact_ta_contract', count(*) from fact_ta_contract group by all
    union all select source_id, 'fact_proposal', count(*) from fact_proposal group by all
    union all select source_id, 'fact_ward_project', count(*) from fact_ward_project group by all
    union all select source_id, 'fact_proposal_link', count(*) from fact_proposal_link group by all
),
final as (
    select s.source_id, s.publisher, s.title, s.url, s.licence, s.as_of, s.is_demo, s.notes, s.file_sha256,
           string_agg(u.used_in || ' (' || u.row_count || ')', ', ' order by u.used_in) as used_in
    from source s left join uses u using (source_id)
    group by all
)
select * from final order by is_demo, source_id
