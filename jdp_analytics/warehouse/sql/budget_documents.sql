-- When each county published its key budget documents, every fiscal year on record ($county_code, '' for all).
select d.county_code, d.fiscal_year, d.document, d.published_date, d.url, d.source_id
from fact_budget_document d
where $county_code = '' or d.county_code = $county_code
order by d.county_code, d.fiscal_year, d.document
