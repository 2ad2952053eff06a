-- Own-source revenue, total revenue, wage bill and pending bills of every county and fiscal year loaded, with
-- its county and source. Columns: county_code, county_name, is_jdp_target, fiscal_year, osr_target_kes,
-- osr_actual_kes, total_revenue_kes, wage_bill_kes, pending_bills_kes, pending_bills_under_1y_kes,
-- pending_bills_1_2y_kes, pending_bills_2_3y_kes, pending_bills_over_3y_kes, source_title, publisher, as_of,
-- is_demo.
with fiscal as (
    select * from fact_county_fiscal
),
final as (
    select f.county_code, c.county_name, c.is_jdp_target, f.fiscal_year, f.osr_target_kes, f.osr_actual_kes,
           f.total_revenue_kes, f.wage_bill_kes, f.pending_bills_kes, f.pending_bills_under_1y_kes,
           f.pending_bills_1_2y_kes, f.pending_bills_2_3y_kes, f.pending_bills_over_3y_kes,
           s.title as source_title, s.publisher, s.as_of, s.is_demo
    from fiscal f
    join dim_county c using (county_code)
    left join source s on s.source_id = f.source_id
)
select * from final order by county_code, fiscal_year
