//! Message encryption for Web Push (RFC 8291): an ephemeral ECDH key agreed
//! with the browser's `p256dh`, mixed with its `auth` secret, sealing one
//! `aes128gcm` record (RFC 8188). Only the browser can read what we send; the
//! push service sees ciphertext.

use aes_gcm::{
    Aes128Gcm,
    aead::{self, Aead, KeyInit},
};
use hkdf::Hkdf;
use p256::{PublicKey, SecretKey, elliptic_curve::Generate};
use sha2::Sha256;

use super::{PushError, decode_base64url};

/// The one record's size, in the header: a whole message fits in it.
pub const RECORD_SIZE: u32 = 4096;

/// The most plaintext one push message carries. Push services need not take
/// a body over 4096 bytes (RFC 8030 §7.2); less the header (86), the padding
/// delimiter (1) and the GCM tag (16), that leaves 3993 (RFC 8291 §4), which
/// also fits in one record.
pub const MAX_PLAINTEXT: usize = 3993;

const SALT_LEN: usize = 16;
const AUTH_SECRET_LEN: usize = 16;
const POINT_LEN: usize = 65;
/// Marks the last (here: only) record; padding zeros may follow it.
const LAST_RECORD_DELIMITER: u8 = 0x02;

/// A browser's subscription keys, checked: a P-256 point and a 16-byte secret.
#[derive(Clone, PartialEq, Eq)]
pub struct SubscriptionKeys {
    p256dh: PublicKey,
    /// The point as the browser sent it: it is hashed into the key derivation.
    p256dh_bytes: [u8; POINT_LEN],
    auth: [u8; AUTH_SECRET_LEN],
}

impl SubscriptionKeys {
    /// The keys from `PushSubscription.toJSON().keys` (base64url, padded or
    /// not). A malformed pair is refused here, at subscribe time, rather than
    /// at the first reminder.
    pub fn parse(p256dh: &str, auth: &str) -> Result<Self, PushError> {
        let point = decode_base64url(p256dh).ok_or(PushError::BadP256dh)?;
        let p256dh_bytes: [u8; POINT_LEN] = point
            .as_slice()
            .try_into()
            .map_err(|_| PushError::BadP256dh)?;
        // Only the uncompressed form is what the Push API hands out (and what
        // the key derivation is defined over).
        if p256dh_bytes[0] != 0x04 {
            return Err(PushError::BadP256dh);
        }
        let p256dh = PublicKey::from_sec1_bytes(&p256dh_bytes).map_err(|_| PushError::BadP256dh)?;
        let secret = decode_base64url(auth).ok_or(PushError::BadAuthSecret)?;
        let auth = secret
            .as_slice()
            .try_into()
            .map_err(|_| PushError::BadAuthSecret)?;
        Ok(Self {
            p256dh,
            p256dh_bytes,
            auth,
        })
    }
}

/// Keys identify a browser: never print them.
impl std::fmt::Debug for SubscriptionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SubscriptionKeys(..)")
    }
}

/// The request body for one push message: a fresh ephemeral key and salt each
/// time, so no two messages share a content key.
pub fn encrypt(plaintext: &[u8], keys: &SubscriptionKeys) -> Result<Vec<u8>, PushError> {
    let ephemeral = SecretKey::try_generate().map_err(|_| PushError::NoRandomness)?;
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|_| PushError::NoRandomness)?;
    encrypt_with(plaintext, keys, &ephemeral, &salt)
}

/// `encrypt` with the random inputs given, so the RFC's example can be
/// reproduced byte for byte.
fn encrypt_with(
    plaintext: &[u8],
    keys: &SubscriptionKeys,
    ephemeral: &SecretKey,
    salt: &[u8; SALT_LEN],
) -> Result<Vec<u8>, PushError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(PushError::PayloadTooLarge {
            len: plaintext.len(),
            max: MAX_PLAINTEXT,
        });
    }
    let as_public = ephemeral.public_key().to_sec1_bytes();
    let as_public: &[u8] = &as_public;
    if as_public.len() != POINT_LEN {
        return Err(PushError::Encryption);
    }
    let shared = ephemeral.diffie_hellman(&keys.p256dh);

    // RFC 8291 §3.3–3.4: the auth secret salts the ECDH secret into the input
    // key material, bound to both public keys…
    let mut key_info = Vec::with_capacity(14 + 2 * POINT_LEN);
    key_info.extend_from_slice(b"WebPush: info\0");
    key_info.extend_from_slice(&keys.p256dh_bytes);
    key_info.extend_from_slice(as_public);
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&keys.auth), shared.raw_secret_bytes())
        .expand(&key_info, &mut ikm)
        .map_err(|_| PushError::Encryption)?;

    // …and RFC 8188 §2.2–2.3 derive the content key and nonce from it.
    let content = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let mut cek = [0u8; 16];
    let mut nonce = [0u8; 12];
    content
        .expand(b"Content-Encoding: aes128gcm\0", &mut cek)
        .map_err(|_| PushError::Encryption)?;
    content
        .expand(b"Content-Encoding: nonce\0", &mut nonce)
        .map_err(|_| PushError::Encryption)?;

    let mut record = Vec::with_capacity(plaintext.len() + 1);
    record.extend_from_slice(plaintext);
    record.push(LAST_RECORD_DELIMITER);
    // The first record's sequence number is 0, so its nonce is NONCE itself.
    let sealed = Aes128Gcm::new_from_slice(&cek)
        .map_err(|_| PushError::Encryption)?
        .encrypt(&aead::Nonce::<Aes128Gcm>::from(nonce), record.as_slice())
        .map_err(|_| PushError::Encryption)?;

    let mut body = Vec::with_capacity(SALT_LEN + 4 + 1 + POINT_LEN + sealed.len());
    body.extend_from_slice(salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(POINT_LEN as u8);
    body.extend_from_slice(as_public);
    body.extend_from_slice(&sealed);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::push::encode_base64url;

    /// RFC 8291 §5 (and Appendix A), verbatim.
    const UA_PUBLIC: &str =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const AUTH_SECRET: &str = "BTBZMqHH6r4Tts7J_aSIgg";
    const AS_PRIVATE: &str = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    const SALT: &str = "DGv6ra1nlYgDCS1FRnbzlw";
    const PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";
    const BODY: &str = concat!(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml",
        "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT",
        "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
    );

    fn rfc_keys() -> SubscriptionKeys {
        SubscriptionKeys::parse(UA_PUBLIC, AUTH_SECRET).expect("the RFC's keys")
    }

    #[test]
    fn the_rfc_8291_example_comes_out_byte_for_byte() {
        let ephemeral = SecretKey::from_slice(&decode_base64url(AS_PRIVATE).expect("b64"))
            .expect("the RFC's key");
        let salt: [u8; 16] = decode_base64url(SALT)
            .expect("b64")
            .try_into()
            .expect("16 bytes");
        let body = encrypt_with(PLAINTEXT, &rfc_keys(), &ephemeral, &salt).expect("encrypts");
        assert_eq!(encode_base64url(&body), BODY);
    }

    #[test]
    fn the_header_carries_salt_record_size_and_the_ephemeral_key() {
        let keys = rfc_keys();
        let first = encrypt(b"{}", &keys).expect("encrypts");
        let second = encrypt(b"{}", &keys).expect("encrypts");

        assert_eq!(first.len(), 16 + 4 + 1 + 65 + 2 + 1 + 16);
        assert_eq!(&first[16..20], &4096u32.to_be_bytes());
        assert_eq!(first[20], 65);
        assert_eq!(first[21], 0x04, "an uncompressed point");
        assert!(PublicKey::from_sec1_bytes(&first[21..86]).is_ok());
        assert_ne!(&first[..16], &second[..16], "a fresh salt each time");
        assert_ne!(
            &first[21..86],
            &second[21..86],
            "a fresh ephemeral key each time"
        );
    }

    #[test]
    fn a_payload_over_one_message_is_refused() {
        let keys = rfc_keys();
        assert!(encrypt(&[b'x'; MAX_PLAINTEXT], &keys).is_ok());
        assert_eq!(
            encrypt(&[b'x'; MAX_PLAINTEXT + 1], &keys),
            Err(PushError::PayloadTooLarge {
                len: MAX_PLAINTEXT + 1,
                max: MAX_PLAINTEXT
            })
        );
        let biggest = encrypt(&[b'x'; MAX_PLAINTEXT], &keys).expect("encrypts");
        assert_eq!(
            biggest.len(),
            4096,
            "the whole body within what push services take"
        );
    }

    #[test]
    fn padded_base64url_is_accepted() {
        let padded = SubscriptionKeys::parse(&format!("{UA_PUBLIC}="), &format!("{AUTH_SECRET}=="))
            .expect("padded keys");
        assert_eq!(padded, rfc_keys());
    }

    #[test]
    fn malformed_keys_are_refused_with_what_is_wrong() {
        let compressed = {
            let mut point = decode_base64url(UA_PUBLIC).expect("b64");
            point.truncate(33);
            point[0] = 0x02;
            encode_base64url(&point)
        };
        let off_curve = {
            let mut point = decode_base64url(UA_PUBLIC).expect("b64");
            point[64] ^= 1;
            encode_base64url(&point)
        };
        for p256dh in ["", "***", "AAAA", compressed.as_str(), off_curve.as_str()] {
            assert_eq!(
                SubscriptionKeys::parse(p256dh, AUTH_SECRET),
                Err(PushError::BadP256dh),
                "{p256dh:?}"
            );
        }
        let fifteen = encode_base64url(&[7u8; 15]);
        let standard_alphabet = "BTBZMqHH6r4Tts7J/aSIgg";
        for auth in ["", "***", fifteen.as_str(), standard_alphabet] {
            assert_eq!(
                SubscriptionKeys::parse(UA_PUBLIC, auth),
                Err(PushError::BadAuthSecret),
                "{auth:?}"
            );
        }
    }
}
