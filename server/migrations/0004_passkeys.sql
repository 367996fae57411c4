-- Passkeys (WebAuthn credentials): the main way to sign in. Only public keys are
-- kept; the private key never leaves the person's device.
CREATE TABLE passkeys (
    -- The credential id, base64url, as the authenticator names it at sign-in.
    credential_id TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- webauthn-rs' Passkey as JSON: the public key, its algorithm and the signature counter.
    passkey       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT
) STRICT;

CREATE INDEX passkeys_by_person ON passkeys (person_id);
