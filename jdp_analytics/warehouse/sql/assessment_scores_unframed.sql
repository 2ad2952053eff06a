-- The scores of load $load_id whose indicator is not in the framework version they name (a rule between kinds: the
-- load is refused). Columns: county_code, round, indicator_code, framework, version, version_held (whether the
-- framework version is held at all).
with arriving as (
    select county_code, round, indicator_code, framework, version
    from fact_assessment_score
    where load_id = $load_id
),
final as (
    select a.*, exists (select 1 from dim_assessment_indicator v
                        where v.framework = a.framework and v.version = a.version) as version_held
    from arriving a
    anti join dim_assessment_indicator i using (framework, version, indicator_code)
)
select * from final order by county_code, round, indicator_code
