-- Observations in long form, of one indicator ($indicator_code, '' = all) for one county and Kenya
-- ($county_code, '' = every place): fact_indicator rows read as county observations of every group ('all').
with long_form as (
    select indicator_code, geo_code, county_code, ward_code, period, sex, age_group, disability, residence,
           other_disaggregation, value, sample_n, note, source_id
    from fact_indicator_observation
    union all
    select indicator_code, county_code, county_code, null, period, 'all', 'all', 'all', 'all', 'all', value,
           sample_n, null, source_id
    from fact_indicator
),
final as (
    select o.indicator_code, o.geo_code, o.county_code, o.ward_code, w.ward_name, c.county_name,
           coalesce(c.is_jdp_target, false) as is_jdp_target, o.period, o.sex, o.age_group, o.disability,
           o.residence, o.other_disaggregation, o.value, o.sample_n, o.note,
           s.publisher, s.title as source_title, s.as_of, s.is_demo
    from long_form o join source s using (source_id) left join dim_county c on c.county_code = o.county_code
    left join dim_ward w on w.ward_code = o.ward_code
    where ($indicator_code = '' or o.indicator_code = $indicator_code)
      and ($county_code = '' or o.geo_code = 'KE' or o.county_code = $county_code)
)
select * from final order by indicator_code, geo_code, period, sex, age_group, disability, residence
