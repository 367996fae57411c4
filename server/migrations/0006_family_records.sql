-- Meetings and plan summaries become synced records written by coordinators:
-- each belongs to a family (deleted with it) and reaches the family's parents
-- through their change log.
ALTER TABLE sync_records ADD COLUMN family_id TEXT REFERENCES families (id) ON DELETE CASCADE;
CREATE INDEX sync_records_by_family ON sync_records (family_id, record_type);

-- The nursery or school the child attends.
ALTER TABLE children ADD COLUMN school TEXT NOT NULL DEFAULT '' CHECK (length(school) <= 100);

-- Meetings now live in sync_records. No server ever held real meetings in these
-- tables (only `demo` wrote them, and `demo` now writes synced records).
DROP TABLE meeting_members;
DROP TABLE meetings;
