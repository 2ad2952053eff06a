-- Row count of every table of the warehouse (from DuckDB's catalogue); on a DuckLake warehouse only the lake's own
-- tables (not the catalog database's).
select table_name, estimated_size as row_count, column_count
from duckdb_tables() where database_name = current_database() and not temporary order by table_name
