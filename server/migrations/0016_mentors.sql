-- Issue 16: the parent mentor's workspace and the support directory. (Numbered after the issue.)

-- A consent has three scopes now: SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE consents_scoped (
    id         TEXT PRIMARY KEY NOT NULL,
    family_id  TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    mentor_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    scope      TEXT NOT NULL CHECK (scope IN ('contact', 'meeting_dates', 'shared_entries')),
    granted_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    granted_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;
INSERT INTO consents_scoped (id, family_id, mentor_id, scope, granted_by, granted_at, revoked_at)
    SELECT id, family_id, mentor_id, scope, granted_by, granted_at, revoked_at FROM consents;
-- Until now any consent in force let a parent share entries with that mentor: the
-- same families keep that, as the scope it now is (nothing shared stops reaching them).
INSERT INTO consents_scoped (id, family_id, mentor_id, scope, granted_by, granted_at)
    SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
           family_id, mentor_id, 'shared_entries', granted_by, granted_at
    FROM consents WHERE revoked_at IS NULL
    GROUP BY family_id, mentor_id;
DROP TABLE consents;
ALTER TABLE consents_scoped RENAME TO consents;
CREATE UNIQUE INDEX consents_in_force ON consents (family_id, mentor_id, scope) WHERE revoked_at IS NULL;
CREATE INDEX consents_by_mentor ON consents (mentor_id) WHERE revoked_at IS NULL;

-- A coordinator proposes a mentor to a family; a parent accepts (granting scopes) or declines.
CREATE TABLE mentor_proposals (
    id          TEXT PRIMARY KEY NOT NULL,
    family_id   TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    mentor_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    proposed_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    proposed_at TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('waiting', 'accepted', 'declined', 'withdrawn')),
    answered_by TEXT REFERENCES people (id) ON DELETE SET NULL,
    answered_at TEXT
) STRICT;

-- At most one proposal waiting per family and mentor.
CREATE UNIQUE INDEX mentor_proposals_waiting ON mentor_proposals (family_id, mentor_id) WHERE state = 'waiting';
CREATE INDEX mentor_proposals_by_family ON mentor_proposals (family_id);
