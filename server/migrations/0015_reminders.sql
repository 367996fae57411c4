-- Issue 15: meeting reminders. (Numbered after the issue.)

-- What a person chose (model::reminders::ReminderChoices as JSON); no row: the defaults.
CREATE TABLE reminder_choices (
    person_id  TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    choices    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- A person's secret calendar feed: only the token's hash is kept, so the
-- address exists only on the person's devices and calendars.
CREATE TABLE calendar_feeds (
    person_id  TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    -- The language the person used when making it: the feed's words.
    lang       TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    created_at TEXT NOT NULL
) STRICT;

-- The server's VAPID key pair, made once (one row).
CREATE TABLE push_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    private_key TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

-- A device's push subscription, as its browser gave it.
CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    -- The language the device's app was in: the notification's words.
    lang       TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX push_subscriptions_by_person ON push_subscriptions (person_id);

-- Each reminder decided, once: stored before anything is sent, so a restart
-- never sends it again. `kind` is model::reminders::ReminderKind::key or
-- 'cancelled'; `starts_at` the meeting's start it was derived from (a
-- reschedule makes new reminders); `revision` the meeting's revision then.
CREATE TABLE reminder_sends (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    family_id  TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    starts_at  TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    revision   TEXT NOT NULL,
    missed     INTEGER NOT NULL CHECK (missed IN (0, 1)),
    decided_at TEXT NOT NULL,
    UNIQUE (person_id, meeting_id, kind, starts_at)
) STRICT;

-- One reminder to one subscription. 'in_flight' is written before the request
-- goes out: one found so after a crash is not sent again ('uncertain').
CREATE TABLE push_deliveries (
    send_id         INTEGER NOT NULL REFERENCES reminder_sends (id) ON DELETE CASCADE,
    subscription_id INTEGER NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'failed', 'uncertain', 'dropped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    PRIMARY KEY (send_id, subscription_id)
) STRICT;

CREATE INDEX push_deliveries_due ON push_deliveries (state, next_attempt_at);
