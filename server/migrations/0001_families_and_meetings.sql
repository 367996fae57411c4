-- The first slice of the domain: families, their children, their meetings.
-- Ids are UUID text; dates are ISO 8601 text in the town's local time.

CREATE TABLE families (
    id           TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100)
) STRICT;

CREATE TABLE children (
    id         TEXT PRIMARY KEY NOT NULL,
    family_id  TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    given_name TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    birth_date TEXT NOT NULL
) STRICT;

CREATE INDEX children_by_family ON children (family_id);

CREATE TABLE meetings (
    id             TEXT PRIMARY KEY NOT NULL,
    family_id      TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    child_id       TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('case_meeting', 'bridge_conference', 'own_meeting', 'itinerant_consultation')),
    purpose        TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
    starts_at      TEXT NOT NULL,
    place          TEXT NOT NULL,
    series_nth     INTEGER,
    series_planned INTEGER,
    CHECK ((series_nth IS NULL) = (series_planned IS NULL)),
    CHECK (series_nth IS NULL OR (series_nth BETWEEN 1 AND series_planned))
) STRICT;

CREATE INDEX meetings_by_family ON meetings (family_id, starts_at);

-- Members by role, in the order the coordinator listed them.
CREATE TABLE meeting_members (
    meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
) STRICT;
