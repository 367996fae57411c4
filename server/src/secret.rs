//! Random secrets (session ids, invitation codes) and their stored hashes.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// The operating system gave no randomness: nothing secret can be made.
#[derive(Debug, thiserror::Error)]
#[error("no randomness from the OS: {0}")]
pub struct NoRandomness(getrandom::Error);

/// 256 random bits, URL-safe: far beyond guessing, short enough for a link.
pub fn new_token() -> Result<String, NoRandomness> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(NoRandomness)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A random (version 4) UUID for a new record.
pub fn new_uuid() -> Result<uuid::Uuid, NoRandomness> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(NoRandomness)?;
    Ok(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

/// What the database keeps instead of the token: a leaked table grants nothing.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_url_safe() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
