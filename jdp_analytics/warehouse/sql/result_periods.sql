-- The quarters for which any indicator value was reported, latest first.
select distinct period from fact_result_actual order by period desc
