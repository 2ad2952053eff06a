-- Fiscal years with budget execution figures, newest first.
select distinct fiscal_year from fact_budget_execution order by fiscal_year desc
