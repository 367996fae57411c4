//! Web Push for meeting reminders: VAPID keys (RFC 8292), payload encryption
//! (RFC 8291, `aes128gcm` from RFC 8188), the destination guard and delivery.
//!
//! A subscription is data a browser handed us, so its endpoint is checked
//! twice: when it is stored and again right before each request (including the
//! addresses its name resolves to, at connection time).

mod crypto;
mod delivery;
mod destination;
mod vapid;

pub use crypto::{MAX_PLAINTEXT, RECORD_SIZE, SubscriptionKeys, encrypt};
pub use delivery::{PushOutcome, PushSender, PushSubscription, Urgency};
pub use destination::{AllowedOrigin, DestinationProblem, PushDestination};
pub use vapid::VapidKeys;

use base64::{
    Engine,
    alphabet::URL_SAFE,
    engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
};

/// What can go wrong on our side before anything is sent. None of these carry
/// key material, so they are safe to log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    #[error("the subscription's p256dh is not an uncompressed P-256 public key")]
    BadP256dh,
    #[error("the subscription's auth secret is not 16 bytes of base64url")]
    BadAuthSecret,
    #[error("the stored VAPID key is not a P-256 private key")]
    BadStoredKey,
    #[error("the VAPID subject must be a mailto: or https: contact")]
    BadSubject,
    #[error("the payload has {len} bytes; one push message holds at most {max}")]
    PayloadTooLarge { len: usize, max: usize },
    #[error("the operating system gave no randomness")]
    NoRandomness,
    #[error("the payload could not be encrypted")]
    Encryption,
    #[error("the HTTP client for push services could not be built: {0}")]
    Client(String),
}

/// Browsers hand out base64url without padding, but some libraries pad: both
/// are accepted.
fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    LENIENT.decode(text).ok()
}

/// What browsers and push services expect: base64url, no padding.
fn encode_base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
