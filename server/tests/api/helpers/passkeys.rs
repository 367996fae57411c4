//! Answers to passkey ceremonies, well-formed but signed by no authenticator:
//! the server's side of each step is tested with them (the real ceremony runs
//! end to end, with a virtual authenticator).

use serde_json::json;
use tsunagu_model::endpoints::PasskeyAnswer;

/// A well-formed answer to a ceremony the server never started.
pub fn unknown_ceremony_answer(registration: bool) -> PasskeyAnswer {
    ceremony_answer("never-started", registration)
}

/// An answer to `ceremony`: a set-up's (`registration`) or a sign-in's.
pub fn ceremony_answer(ceremony: &str, registration: bool) -> PasskeyAnswer {
    let response = if registration {
        json!({ "attestationObject": "AAAA", "clientDataJSON": "AAAA" })
    } else {
        json!({ "authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA", "userHandle": "AAAA" })
    };
    PasskeyAnswer {
        ceremony: ceremony.to_owned(),
        credential: json!({ "id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": response }),
    }
}
