//! Passkeys (WebAuthn), the main way to sign in: the ceremonies.
//!
//! Each ceremony has two steps: the server hands out a challenge and keeps its
//! state here, in memory, under a random ceremony id; the browser's answer comes
//! back with that id within a few minutes. A restart forgets ceremonies in flight,
//! which costs the person one more tap. Credentials are made discoverable, so
//! signing in needs no login name: the device offers the passkeys it holds.
//!
//! The relying party is the host of the public URL. Browsers refuse WebAuthn on an
//! IP address, so local development uses `http://localhost:<port>`.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use serde::{Deserialize, Serialize};
use url::Url;
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, Passkey, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, Webauthn,
    WebauthnBuilder,
};
use webauthn_rs_proto::ResidentKeyRequirement;

use crate::ApiError;
use crate::secret::new_token;
use tsunagu_model::problem::Problem;

/// How long a challenge may wait for the browser's answer.
const CEREMONY_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// Ceremonies in flight at once; beyond this the server asks people to wait
/// rather than let anonymous requests fill its memory. One address never gets
/// near it: it may have `PER_ADDRESS` in flight (and starts count against its
/// sign-in attempts), so filling the map takes a thousand addresses.
const MAX_CEREMONIES: usize = 10_000;
/// Ceremonies one client address may have in flight: a person's one or two tries.
pub const PER_ADDRESS: usize = 10;

/// A started ceremony, as the browser receives it.
#[derive(Debug, Serialize)]
pub struct Challenge<T> {
    pub ceremony: String,
    pub options: T,
}

/// The browser's answer to a ceremony.
#[derive(Debug, Deserialize)]
pub struct Answer<T> {
    pub ceremony: String,
    pub credential: T,
}

pub type RegistrationChallenge = Challenge<CreationChallengeResponse>;
pub type SignInChallenge = Challenge<RequestChallengeResponse>;
pub type RegistrationAnswer = Answer<RegisterPublicKeyCredential>;
pub type SignInAnswer = Answer<PublicKeyCredential>;

/// What a registration is for, kept with its state until the answer comes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Setting up a new account from the invitation with this code hash.
    Invitation { code_hash: String },
}

enum Pending {
    Registration {
        state: PasskeyRegistration,
        user: uuid::Uuid,
        purpose: Purpose,
    },
    SignIn(DiscoverableAuthentication),
}

pub struct Passkeys {
    webauthn: Webauthn,
    /// By ceremony id: when it started, from which address, and its state.
    pending: Mutex<HashMap<String, (Instant, String, Pending)>>,
}

/// A registration that checked out: the new account's WebAuthn user id and its key.
pub struct Registered {
    pub user: uuid::Uuid,
    pub passkey: Passkey,
}

impl Passkeys {
    /// For the app as people reach it at `public_url`. On `localhost` any port is
    /// accepted, so development servers and tests on free ports work.
    pub fn for_public_url(public_url: &str) -> Result<Self, String> {
        let origin = Url::parse(public_url).map_err(|e| format!("public URL: {e}"))?;
        let host = origin
            .host_str()
            .ok_or_else(|| "the public URL has no host".to_owned())?
            .to_owned();
        if host.parse::<std::net::IpAddr>().is_ok() {
            return Err(format!(
                "passkeys need a host name, not an IP address ({host}); use http://localhost:<port> locally"
            ));
        }
        let webauthn = WebauthnBuilder::new(&host, &origin)
            .map_err(|e| format!("passkey settings: {e:?}"))?
            .rp_name("Tsunagu")
            .allow_any_port(host == "localhost")
            .build()
            .map_err(|e| format!("passkey settings: {e:?}"))?;
        Ok(Self {
            webauthn,
            pending: Mutex::new(HashMap::new()),
        })
    }

    fn keep(&self, pending: Pending, address: &str, now: Instant) -> Result<String, ApiError> {
        let ceremony = new_token()?;
        let mut map = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (started, ..)| now.duration_since(*started) < CEREMONY_LIFETIME);
        let from_here = map.values().filter(|(_, from, _)| from == address);
        if from_here.count() >= PER_ADDRESS {
            // The oldest of this address's ceremonies frees a place first.
            let oldest = map
                .values()
                .filter(|(_, from, _)| from == address)
                .map(|(started, ..)| *started)
                .min()
                .unwrap_or(now);
            let wait = CEREMONY_LIFETIME.saturating_sub(now.duration_since(oldest));
            return Err(ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        if map.len() >= MAX_CEREMONIES {
            return Err(ApiError::TooManyRequests {
                retry_after_secs: 60,
            });
        }
        map.insert(ceremony.clone(), (now, address.to_owned(), pending));
        Ok(ceremony)
    }

    /// Takes a ceremony out: each can be answered once.
    fn take(&self, ceremony: &str, now: Instant) -> Result<Pending, ApiError> {
        let mut map = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        match map.remove(ceremony) {
            Some((started, _, pending)) if now.duration_since(started) < CEREMONY_LIFETIME => {
                Ok(pending)
            }
            _ => Err(ApiError::BadRequest(Problem::PasskeyRequestExpired)),
        }
    }

    pub fn start_registration(
        &self,
        user: uuid::Uuid,
        name: &str,
        purpose: Purpose,
        address: &str,
        now: Instant,
    ) -> Result<RegistrationChallenge, ApiError> {
        let (mut options, state) = self
            .webauthn
            .start_passkey_registration(user, name, name, None)
            .map_err(|e| ApiError::Internal(format!("passkey registration start: {e:?}")))?;
        // Discoverable, so that signing in later needs no login name.
        if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
            selection.resident_key = Some(ResidentKeyRequirement::Required);
            selection.require_resident_key = true;
        }
        let ceremony = self.keep(
            Pending::Registration {
                state,
                user,
                purpose,
            },
            address,
            now,
        )?;
        Ok(Challenge { ceremony, options })
    }

    /// Checks the browser's answer to a registration started for `expected`.
    pub fn finish_registration(
        &self,
        answer: &RegistrationAnswer,
        expected: &Purpose,
        now: Instant,
    ) -> Result<Registered, ApiError> {
        let Pending::Registration {
            state,
            user,
            purpose,
        } = self.take(&answer.ceremony, now)?
        else {
            return Err(ApiError::BadRequest(Problem::NotPasskeySetUp));
        };
        if purpose != *expected {
            return Err(ApiError::BadRequest(Problem::PasskeyForAnotherInvitation));
        }
        let passkey = self
            .webauthn
            .finish_passkey_registration(&answer.credential, &state)
            .map_err(|e| {
                tracing::info!(error = ?e, "passkey registration refused");
                ApiError::BadRequest(Problem::PasskeySetUpFailed)
            })?;
        Ok(Registered { user, passkey })
    }

    pub fn start_sign_in(&self, address: &str, now: Instant) -> Result<SignInChallenge, ApiError> {
        let (mut options, state) = self
            .webauthn
            .start_discoverable_authentication()
            .map_err(|e| ApiError::Internal(format!("passkey sign-in start: {e:?}")))?;
        // A button press, not autofill: the browser shows its own passkey dialog.
        options.mediation = None;
        let ceremony = self.keep(Pending::SignIn(state), address, now)?;
        Ok(Challenge { ceremony, options })
    }

    /// Which credential the browser answered with (base64url), and the ceremony state
    /// to check it against once its stored key is loaded.
    pub fn identify_sign_in(
        &self,
        answer: &SignInAnswer,
        now: Instant,
    ) -> Result<(String, DiscoverableAuthentication), ApiError> {
        let Pending::SignIn(state) = self.take(&answer.ceremony, now)? else {
            return Err(ApiError::BadRequest(Problem::NotPasskeySignIn));
        };
        let (_, credential_id) = self
            .webauthn
            .identify_discoverable_authentication(&answer.credential)
            .map_err(|_| unknown_passkey())?;
        Ok((credential_id_text(credential_id), state))
    }

    /// Checks the signature against the stored key; the key's counter moves on.
    pub fn finish_sign_in(
        &self,
        answer: &SignInAnswer,
        state: DiscoverableAuthentication,
        passkey: &mut Passkey,
    ) -> Result<(), ApiError> {
        // The v2 call wants webauthn-rs' internal credential type, which it only
        // exports behind a "danger" feature; this one takes the passkey as it is.
        #[allow(deprecated)]
        let result = self
            .webauthn
            .finish_discoverable_authentication(&answer.credential, state, &[(&*passkey).into()])
            .map_err(|e| {
                tracing::info!(error = ?e, "passkey sign-in refused");
                unknown_passkey()
            })?;
        passkey.update_credential(&result);
        Ok(())
    }
}

pub fn unknown_passkey() -> ApiError {
    ApiError::Unauthorized(Problem::UnknownPasskey)
}

pub fn credential_id_text(id: &[u8]) -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    URL_SAFE_NO_PAD.encode(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_an_ip_address_as_relying_party() {
        assert!(Passkeys::for_public_url("http://127.0.0.1:8080").is_err());
        assert!(Passkeys::for_public_url("not a url").is_err());
        assert!(Passkeys::for_public_url("http://localhost:8080").is_ok());
        assert!(Passkeys::for_public_url("https://tsunagu.example.jp").is_ok());
    }

    #[test]
    fn a_ceremony_is_answered_once_and_registration_asks_for_a_discoverable_key() {
        let passkeys = Passkeys::for_public_url("http://localhost:8080").unwrap();
        let now = Instant::now();
        let challenge = passkeys
            .start_registration(
                uuid::Uuid::nil(),
                "森川 さくら",
                Purpose::Invitation {
                    code_hash: "h".to_owned(),
                },
                "addr:a",
                now,
            )
            .unwrap();
        let selection = challenge
            .options
            .public_key
            .authenticator_selection
            .as_ref()
            .unwrap();
        assert_eq!(
            selection.resident_key,
            Some(ResidentKeyRequirement::Required)
        );
        assert!(passkeys.take(&challenge.ceremony, now).is_ok());
        assert!(passkeys.take(&challenge.ceremony, now).is_err());
    }

    #[test]
    fn one_address_fills_only_its_own_share_of_ceremonies() {
        let passkeys = Passkeys::for_public_url("http://localhost:8080").unwrap();
        let now = Instant::now();
        for _ in 0..PER_ADDRESS {
            passkeys.start_sign_in("addr:flood", now).unwrap();
        }
        assert!(matches!(
            passkeys.start_sign_in("addr:flood", now),
            Err(ApiError::TooManyRequests { .. })
        ));
        assert!(passkeys.start_sign_in("addr:other", now).is_ok());
        let later = now + CEREMONY_LIFETIME;
        assert!(passkeys.start_sign_in("addr:flood", later).is_ok());
    }

    #[test]
    fn a_ceremony_expires() {
        let passkeys = Passkeys::for_public_url("http://localhost:8080").unwrap();
        let now = Instant::now();
        let challenge = passkeys.start_sign_in("addr:a", now).unwrap();
        assert!(challenge.options.mediation.is_none());
        let later = now + CEREMONY_LIFETIME + Duration::from_secs(1);
        assert!(passkeys.take(&challenge.ceremony, later).is_err());
    }
}
