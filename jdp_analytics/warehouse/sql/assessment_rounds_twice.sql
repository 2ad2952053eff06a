-- The scores of load $load_id for a county and round that the warehouse (or the file) holds with another date or
-- framework version among its real rows: a county is assessed once in a round. Columns: county_code, round, indicator_code,
-- assessed_date, framework, version, other_date, other_framework, other_version.
with arriving as (
    select county_code, round, indicator_code, assessed_date, framework, version
    from fact_assessment_score
    where load_id = $load_id
),
assessments as (  -- real ones: a county's loaded round replaces the demonstration's, never clashes with it
    select distinct s.county_code, s.round, s.assessed_date, s.framework, s.version
    from fact_assessment_score s
    left join source src on src.source_id = s.source_id
    where not coalesce(src.is_demo, false)
),
final as (
    select a.county_code, a.round, a.indicator_code, a.assessed_date, a.framework, a.version,
           min(o.assessed_date) as other_date, arg_min(o.framework, o.assessed_date) as other_framework,
           arg_min(o.version, o.assessed_date) as other_version
    from arriving a
    join assessments o on o.county_code = a.county_code and o.round = a.round
     and (o.assessed_date <> a.assessed_date or o.framework <> a.framework or o.version <> a.version)
    group by all
)
select * from final order by county_code, round, indicator_code
