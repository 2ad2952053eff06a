-- Own-source revenue (OSR) of every county and fiscal year held: the target and the amount collected with their
-- source, and the measures every page, document and export reads from here (one answer): osr_performance_pct
-- (collected as % of target), osr_growth_pct (on the fiscal year before, when that year is held), and, among the
-- year's published rows only, osr_share_pct (of all those counties' OSR), osr_rank (1 = highest % of target) and
-- counties_in_year. Generated rows get no share or rank: a total over real and generated rows is never made.
-- A county-year's OSR comes from fact_own_source_revenue (the Controller of Budget's table, or a county's load of
-- that kind); only where that table has no row, from the OSR columns of fact_county_fiscal (a county treasury's
-- fiscal file, or the generated rows), each row citing its own source.
-- county_measures.sql repeats the % of target for the Overview map (a test keeps the two equal).
with published as (
    select county_code, fiscal_year, osr_target_kes, osr_actual_kes, performance_pct_published,
           ordinary_osr_target_kes, fif_aia_target_kes, ordinary_osr_actual_kes, fif_aia_actual_kes, verification,
           note, source_id
    from fact_own_source_revenue
),
fiscal as (
    select f.county_code, f.fiscal_year, f.osr_target_kes, f.osr_actual_kes, null::double, null::double,
           null::double, null::double, null::double, null::varchar, null::varchar, f.source_id
    from fact_county_fiscal f
    where f.osr_actual_kes is not null
      and not exists (select 1 from published p where p.county_code = f.county_code
                      and p.fiscal_year = f.fiscal_year)
),
osr as (
    select o.county_code, c.county_name, c.is_jdp_target, o.fiscal_year, o.osr_target_kes, o.osr_actual_kes,
           o.performance_pct_published, o.ordinary_osr_target_kes, o.fif_aia_target_kes, o.ordinary_osr_actual_kes,
           o.fif_aia_actual_kes, o.verification, o.note, o.source_id, s.title as source_title, s.publisher, s.as_of,
           s.is_demo
    from (select * from published union all select * from fiscal) o
    join dim_county c using (county_code)
    join source s on s.source_id = o.source_id
),
measured as (
    select *,
           100 * osr_actual_kes / nullif(osr_target_kes, 0) as osr_performance_pct,
           lag(fiscal_year) over by_county as previous_year,
           lag(osr_actual_kes) over by_county as previous_actual_kes,
           (cast(left(fiscal_year, 4) as integer) - 1)::varchar || '/' || left(fiscal_year, 4)[3:4]
               as year_before
    from osr
    window by_county as (partition by county_code order by fiscal_year)
),
final as (
    select county_code, county_name, is_jdp_target, fiscal_year, osr_target_kes, osr_actual_kes,
           performance_pct_published, osr_performance_pct,
           case when previous_year = year_before
                then 100 * (osr_actual_kes / nullif(previous_actual_kes, 0) - 1) end as osr_growth_pct,
           case when not is_demo then 100 * osr_actual_kes
                / nullif(sum(osr_actual_kes) filter (where not is_demo) over by_year, 0) end as osr_share_pct,
           case when not is_demo then count(*) filter (where not is_demo) over by_year end as counties_in_year,
           ordinary_osr_target_kes, fif_aia_target_kes, ordinary_osr_actual_kes, fif_aia_actual_kes, verification,
           note, source_id, source_title, publisher, as_of, is_demo
    from measured
    window by_year as (partition by fiscal_year)
)
select *, case when not is_demo then rank() over (partition by fiscal_year, is_demo
                                                  order by osr_performance_pct desc nulls last) end as osr_rank
from final order by county_code, fiscal_year
