-- Every budget line (county × fiscal year × sector × programme) with its county and source, for the Budget
-- composition page. Columns: county_code, county_name, is_jdp_target, fiscal_year, sector, programme,
-- approved_development_kes, approved_recurrent_kes, expenditure_development_kes, expenditure_recurrent_kes,
-- gender_tagged_kes, child_tagged_kes, in_adp, adp_planned_kes, source_title, publisher, as_of, is_demo.
with lines as (
    select * from fact_budget_line
),
final as (
    select l.county_code, c.county_name, c.is_jdp_target, l.fiscal_year, l.sector, l.programme,
           l.approved_development_kes, l.approved_recurrent_kes, l.expenditure_development_kes,
           l.expenditure_recurrent_kes, l.gender_tagged_kes, l.child_tagged_kes, l.in_adp, l.adp_planned_kes,
           s.title as source_title, s.publisher, s.as_of, s.is_demo
    from lines l
    join dim_county c using (county_code)
    left join source s on s.source_id = l.source_id
)
select * from final order by county_code, fiscal_year, sector, programme
