//! The server's VAPID identity (RFC 8292): one P-256 key pair, kept in the
//! database as its private scalar, whose public half the browser is given as
//! `applicationServerKey` and push services check every request against.

use std::fmt;

use chrono::{DateTime, Utc};
use p256::{
    SecretKey,
    ecdsa::{Signature, SigningKey, signature::Signer},
    elliptic_curve::Generate,
};

use super::{PushError, decode_base64url, encode_base64url};

/// The JOSE header of every VAPID token: ES256 is the only algorithm RFC 8292
/// allows.
const JWT_HEADER: &str = r#"{"typ":"JWT","alg":"ES256"}"#;

#[derive(Clone)]
pub struct VapidKeys {
    signing: SigningKey,
    /// Base64url of the 65-byte uncompressed point, computed once: it goes into
    /// every request's `Authorization` header.
    public_key: String,
}

impl VapidKeys {
    pub fn generate() -> Result<Self, PushError> {
        let secret = SecretKey::try_generate().map_err(|_| PushError::NoRandomness)?;
        Ok(Self::from_secret(&secret))
    }

    /// The keys from what `to_stored` gave.
    pub fn from_stored(stored: &str) -> Result<Self, PushError> {
        let bytes = decode_base64url(stored).ok_or(PushError::BadStoredKey)?;
        // `from_slice` would also take a shorter, zero-extended scalar; what we
        // store is always the full 32 bytes, so anything else is a damaged row.
        if bytes.len() != 32 {
            return Err(PushError::BadStoredKey);
        }
        let secret = SecretKey::from_slice(&bytes).map_err(|_| PushError::BadStoredKey)?;
        Ok(Self::from_secret(&secret))
    }

    /// The private scalar as base64url: what the database keeps.
    pub fn to_stored(&self) -> String {
        encode_base64url(&self.signing.to_bytes())
    }

    /// Base64url (no padding) of the uncompressed public point: the browser's
    /// `applicationServerKey`.
    pub fn public_key(&self) -> String {
        self.public_key.clone()
    }

    /// The `Authorization` header value for one request to a push service:
    /// `vapid t=<JWT>, k=<public key>`. `audience` is the endpoint's origin
    /// (`https://host[:port]`), `subject` our `mailto:` or `https:` contact;
    /// push services refuse an `expires_at` more than 24 hours ahead.
    pub fn authorization(
        &self,
        audience: &str,
        subject: &str,
        expires_at: DateTime<Utc>,
    ) -> String {
        let claims = serde_json::json!({
            "aud": audience,
            "exp": expires_at.timestamp(),
            "sub": subject,
        });
        let signing_input = format!(
            "{}.{}",
            encode_base64url(JWT_HEADER.as_bytes()),
            encode_base64url(claims.to_string().as_bytes())
        );
        // JOSE wants r||s (64 bytes), not DER: `Signature::to_bytes` is that.
        let signature: Signature = self.signing.sign(signing_input.as_bytes());
        format!(
            "vapid t={signing_input}.{}, k={}",
            encode_base64url(&signature.to_bytes()),
            self.public_key
        )
    }

    fn from_secret(secret: &SecretKey) -> Self {
        let signing = SigningKey::from(secret);
        let public_key = encode_base64url(signing.verifying_key().to_sec1_point(false).as_bytes());
        Self {
            signing,
            public_key,
        }
    }
}

/// Only the public half: the private key must never reach a log.
impl fmt::Debug for VapidKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VapidKeys")
            .field("public_key", &self.public_key)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::{VerifyingKey, signature::Verifier};

    fn keys() -> VapidKeys {
        VapidKeys::generate().expect("the test machine has randomness")
    }

    #[test]
    fn stored_keys_come_back_as_the_same_identity() {
        let keys = keys();
        let again = VapidKeys::from_stored(&keys.to_stored()).expect("its own stored form");
        assert_eq!(again.public_key(), keys.public_key());
        assert_eq!(again.to_stored(), keys.to_stored());
    }

    #[test]
    fn the_public_key_is_an_uncompressed_point_in_unpadded_base64url() {
        let public = keys().public_key();
        assert!(!public.contains('=') && !public.contains('+') && !public.contains('/'));
        let bytes = decode_base64url(&public).expect("base64url");
        assert_eq!(bytes.len(), 65);
        assert_eq!(bytes[0], 0x04);
    }

    #[test]
    fn damaged_stored_keys_are_refused() {
        for stored in [
            "",
            "not base64!",
            "AAAA",
            &encode_base64url(&[0u8; 32]),
            &encode_base64url(&[0xff; 32]),
        ] {
            assert_eq!(
                VapidKeys::from_stored(stored).err(),
                Some(PushError::BadStoredKey),
                "{stored:?}"
            );
        }
    }

    #[test]
    fn the_debug_form_shows_no_private_key() {
        let keys = keys();
        let shown = format!("{keys:?}");
        assert!(shown.contains(&keys.public_key()));
        assert!(!shown.contains(&keys.to_stored()));
    }

    #[test]
    fn the_authorization_is_an_es256_jwt_with_the_claims_and_the_key() {
        let keys = keys();
        let expires = DateTime::from_timestamp(1_900_000_000, 0).expect("a valid instant");
        let header = keys.authorization(
            "https://push.example.net",
            "mailto:ops@example.org",
            expires,
        );

        let (token, key) = header
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split_once(", k="))
            .expect("vapid t=…, k=…");
        assert_eq!(key, keys.public_key());

        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let jose: serde_json::Value =
            serde_json::from_slice(&decode_base64url(parts[0]).expect("b64")).expect("json");
        assert_eq!(jose, serde_json::json!({"typ": "JWT", "alg": "ES256"}));
        let claims: serde_json::Value =
            serde_json::from_slice(&decode_base64url(parts[1]).expect("b64")).expect("json");
        assert_eq!(
            claims,
            serde_json::json!({"aud": "https://push.example.net", "exp": 1_900_000_000, "sub": "mailto:ops@example.org"})
        );

        let signature_bytes = decode_base64url(parts[2]).expect("b64");
        assert_eq!(signature_bytes.len(), 64, "JOSE r||s, not DER");
        let signature = Signature::from_slice(&signature_bytes).expect("r||s");
        let verifying =
            VerifyingKey::from_sec1_bytes(&decode_base64url(key).expect("b64")).expect("point");
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(verifying.verify(signed.as_bytes(), &signature).is_ok());
    }
}
