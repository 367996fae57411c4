-- What a family lets a parent mentor see. A withdrawal keeps the row (revoked_at):
-- the family may want to know what it once shared.
CREATE TABLE consents (
    id         TEXT PRIMARY KEY NOT NULL,
    family_id  TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    mentor_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    scope      TEXT NOT NULL CHECK (scope IN ('meeting_dates')),
    granted_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    granted_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

-- At most one consent in force per family, mentor and scope.
CREATE UNIQUE INDEX consents_in_force ON consents (family_id, mentor_id, scope) WHERE revoked_at IS NULL;
CREATE INDEX consents_by_mentor ON consents (mentor_id) WHERE revoked_at IS NULL;
