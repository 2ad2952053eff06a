-- Every ward with its constituency and county.
select w.ward_code, w.ward_name, w.constituency_code, k.constituency_name, w.county_code
from dim_ward w
join dim_constituency k using (constituency_code)
order by w.county_code, k.constituency_name, w.ward_name
