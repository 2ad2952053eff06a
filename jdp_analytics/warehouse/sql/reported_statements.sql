-- Statements the press reported (audit opinions, pending bills, budget approval), every county, with their outlet
-- and source: for "as reported" tables only. Never aggregated: no share, rank or total is made from these rows.
select r.county_code, c.county_name, r.topic, r.period, r.subject, r.reported, r.amount_kes, r.quote, r.outlet,
       r.published_date, r.url, r.check_note, r.note, s.title as source_title, s.publisher, s.as_of, s.is_demo
from fact_reported_statement r
join dim_county c using (county_code)
join source s on s.source_id = r.source_id
order by r.topic, r.period desc, r.county_code
