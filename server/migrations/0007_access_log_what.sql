-- What of the family's data a read was of (the meetings, the plans, one
-- meeting's brought items...): the family's access log says what was seen.
-- Rows logged before this say nothing (NULL), and read as "the family's data".
ALTER TABLE audit_log ADD COLUMN viewed TEXT;
