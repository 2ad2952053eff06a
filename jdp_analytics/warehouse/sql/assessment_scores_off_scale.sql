-- The scores that are not on their indicator's scale, among the scores of load $load_id or the scores of the
-- indicators load $load_id brought (a framework row replaced under scores): pass or fail on a pass/fail scale, a whole
-- number from 0 to max_points on a points scale. Columns: county_code, round, indicator_code, framework, version,
-- score, scale, max_points, levels, by_framework (true when the framework's load changed the scale).
with scored as (
    select s.county_code, s.round, s.indicator_code, s.framework, s.version, s.score, i.scale, i.max_points,
           i.levels, coalesce(i.load_id = $load_id, false) as by_framework,
           coalesce(s.load_id = $load_id, false) as by_scores
    from fact_assessment_score s
    join dim_assessment_indicator i using (framework, version, indicator_code)
),
final as (
    select * exclude (by_scores)
    from scored
    where (by_scores or by_framework)
      and case when scale = 'pass/fail' then score not in ('pass', 'fail')
               else try_cast(score as integer) is null or try_cast(score as integer) not between 0 and max_points
                    or score <> cast(try_cast(score as integer) as varchar) end
)
select * from final order by county_code, round, indicator_code
