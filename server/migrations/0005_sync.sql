-- Offline-first sync: records as merged field states, each device's numbered
-- changes applied once, every overwritten value kept, and a per-person change
-- log so a pull reads only what changed for that person since their cursor.

CREATE TABLE sync_clients (
    client_id   TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The highest mutation number looked at (applied or refused).
    last_number INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Refused mutations, so a retried push gets the same answer.
CREATE TABLE sync_refusals (
    client_id TEXT NOT NULL REFERENCES sync_clients (client_id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    refusal   TEXT NOT NULL,
    PRIMARY KEY (client_id, number)
) STRICT;

CREATE TABLE sync_records (
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- Every field's frontier of versions (model::sync::Fields) as JSON.
    fields      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id)
) STRICT;

CREATE INDEX sync_records_by_owner ON sync_records (owner_id);

-- Every version that left a field's frontier: any value can be restored.
CREATE TABLE sync_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    version     TEXT NOT NULL,
    FOREIGN KEY (record_type, record_id) REFERENCES sync_records (record_type, record_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX sync_history_by_record ON sync_history (record_type, record_id);

-- One row per (person, record): the latest change of that record the person
-- should receive. `seq` only grows (AUTOINCREMENT never reuses), so it is the
-- pull cursor.
CREATE TABLE sync_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    -- 'changed': send the record (or its tombstone); 'forget': access ended.
    kind        TEXT NOT NULL CHECK (kind IN ('changed', 'forget')),
    UNIQUE (person_id, record_type, record_id)
) STRICT;

CREATE INDEX sync_log_by_person ON sync_log (person_id, seq);
