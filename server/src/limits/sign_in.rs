//! Limits on sign-in attempts, per account and per client address, so passwords
//! cannot be guessed at speed. In memory: a restart forgets, which only helps a
//! guesser by one window.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::ApiError;

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Wrong passwords for one login name within the window.
pub const PER_ACCOUNT: usize = 5;
/// Attempts of any kind from one address within the window.
pub const PER_ADDRESS: usize = 30;

#[derive(Default)]
pub struct SignInLimiter {
    seen: Mutex<HashMap<String, Vec<Instant>>>,
}

impl SignInLimiter {
    /// Refuses when `key` already has `max` events in the window.
    pub fn check(&self, key: &str, max: usize, now: Instant) -> Result<(), ApiError> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let events = seen.entry(key.to_owned()).or_default();
        events.retain(|t| now.duration_since(*t) < WINDOW);
        if events.len() >= max {
            let oldest = events.first().copied().unwrap_or(now);
            let wait = WINDOW.saturating_sub(now.duration_since(oldest));
            return Err(ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        Ok(())
    }

    pub fn record(&self, key: &str, now: Instant) {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        seen.entry(key.to_owned()).or_default().push(now);
        // Keep the map from growing without bound under a spray of names.
        if seen.len() > 10_000 {
            seen.retain(|_, events| events.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
    }

    pub fn clear(&self, key: &str) {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        seen.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_for_the_window_then_lifts() {
        let limiter = SignInLimiter::default();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check("k", 3, t0).is_ok());
            limiter.record("k", t0);
        }
        let Err(ApiError::TooManyRequests { retry_after_secs }) = limiter.check("k", 3, t0) else {
            panic!("the fourth attempt is refused");
        };
        assert_eq!(retry_after_secs, WINDOW.as_secs());
        assert!(limiter.check("other", 3, t0).is_ok());
        assert!(limiter.check("k", 3, t0 + WINDOW).is_ok());
        limiter.clear("k");
        assert!(limiter.check("k", 3, t0).is_ok());
    }
}
