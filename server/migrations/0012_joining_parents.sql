-- Issue 12: a parent who joins a family that already has parents waits until one
-- of them confirms; until then the newcomer receives none of what the family's
-- parents share among themselves. (Numbered after the issue, to keep clear of
-- migrations written alongside.)
ALTER TABLE family_parents ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1));
ALTER TABLE family_parents ADD COLUMN invited_by TEXT REFERENCES people (id) ON DELETE SET NULL;
ALTER TABLE family_parents ADD COLUMN joined_at TEXT;

-- Who made an invitation, so the family sees who invited whom.
ALTER TABLE invitations ADD COLUMN created_by TEXT REFERENCES people (id) ON DELETE SET NULL;

-- The person an audited action was about (the parent invited, confirmed, refused).
ALTER TABLE audit_log ADD COLUMN subject_id TEXT;

-- The notebook's trash: when the server saw the entry go in (erased TRASH_DAYS later).
ALTER TABLE sync_records ADD COLUMN trashed_at TEXT;
