-- Every load, newest first, with the source it declared.
select l.load_id, l.loaded_at, l.loaded_by, l.kind, l.file_name, l.row_count, l.rows_added, l.rows_replaced,
       l.status, l.rolled_back_by, l.rolled_back_at, s.publisher, s.title as source_title, s.licence, s.as_of,
       s.is_demo, l.file_sha256
from load_log l join source s using (source_id)
order by l.loaded_at desc
