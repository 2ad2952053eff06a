-- County Budget Transparency Survey scores as publicly reported, row by row with the address and sentence
-- they were read from ($county_code, '' for all).
select t.county_code, t.survey_year, t.score_out_of_100, t.rank, t.documents_published, t.source_url, t.quote,
       t.notes, s.publisher, s.title as source_title, s.as_of, s.is_demo
from fact_budget_transparency_score t
join source s using (source_id)
where $county_code = '' or t.county_code = $county_code
order by t.county_code, t.survey_year, t.source_url
