-- Row count of every table of the warehouse (from DuckDB's catalogue).
select table_name, estimated_size as row_count, column_count
from duckdb_tables() order by table_name
