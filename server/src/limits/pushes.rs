//! How much one person may push: a device typing pushes about once a second,
//! a device catching up after days offline sends a few full pushes; more than
//! that, from all of one person's devices together, is told to wait.

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
};

use tsunagu_model::PersonId;

use crate::ApiError;

pub struct PushLimiter {
    seen: Mutex<HashMap<PersonId, VecDeque<(Instant, usize)>>>,
    max_pushes: usize,
    max_bytes: usize,
}

impl Default for PushLimiter {
    fn default() -> Self {
        Self {
            seen: Mutex::new(HashMap::new()),
            max_pushes: Self::MAX_PUSHES,
            max_bytes: Self::MAX_BYTES,
        }
    }
}

impl PushLimiter {
    pub const WINDOW: Duration = Duration::from_secs(60);
    pub const MAX_PUSHES: usize = 240;
    pub const MAX_BYTES: usize = 2 * 1024 * 1024;

    /// No limit: for benchmarks of the server's own throughput, where one
    /// person's many simulated devices push as fast as they can.
    pub fn unlimited() -> Self {
        Self {
            max_pushes: usize::MAX,
            max_bytes: usize::MAX,
            ..Self::default()
        }
    }

    /// Counts a push of `bytes` by `person`, or refuses it when the window's
    /// pushes or bytes are used up (then it counts nothing).
    pub fn admit(&self, person: PersonId, bytes: usize, now: Instant) -> Result<(), ApiError> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let events = seen.entry(person).or_default();
        while events
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) >= Self::WINDOW)
        {
            events.pop_front();
        }
        let used: usize = events.iter().map(|(_, b)| b).sum();
        if events.len() >= self.max_pushes || used >= self.max_bytes {
            let oldest = events.front().map_or(now, |(t, _)| *t);
            let wait = Self::WINDOW.saturating_sub(now.duration_since(oldest));
            return Err(ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        events.push_back((now, bytes));
        Ok(())
    }
}
