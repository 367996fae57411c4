-- People, how they sign in, and who they may see.

CREATE TABLE people (
    id           TEXT PRIMARY KEY NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('parent', 'mentor', 'coordinator', 'admin')),
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    created_at   TEXT NOT NULL
) STRICT;

-- A parent belongs to one or more families; a family may have several parents.
CREATE TABLE family_parents (
    family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (family_id, person_id)
) STRICT;

CREATE INDEX family_parents_by_person ON family_parents (person_id);

-- Single-use invitations. Only a hash of the code is stored: the link itself
-- exists only in the message that carried it.
CREATE TABLE invitations (
    id           TEXT PRIMARY KEY NOT NULL,
    code_hash    TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('parent', 'mentor', 'coordinator', 'admin')),
    family_id    TEXT REFERENCES families (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    used_by      TEXT REFERENCES people (id) ON DELETE SET NULL,
    revoked_at   TEXT,
    CHECK (role <> 'parent' OR family_id IS NOT NULL)
) STRICT;

-- The password fallback: a login name of the person's choosing and an argon2id hash.
CREATE TABLE password_logins (
    person_id     TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- Server-side sessions; the cookie carries a random id, the table only its hash.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_by_person ON sessions (person_id);

-- Who did what to whose data. Never the content itself.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor_id  TEXT,
    action    TEXT NOT NULL,
    family_id TEXT
) STRICT;

CREATE INDEX audit_log_by_family ON audit_log (family_id, at);
