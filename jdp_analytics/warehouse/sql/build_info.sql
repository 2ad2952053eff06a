-- When and from what the warehouse was built.
select key, value from build_info order by key
