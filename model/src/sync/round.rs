//! One sync round, without I/O: push everything waiting, then pull until the
//! server has nothing more. The app's sync loop and the server's simulation both
//! drive this, so the simulated devices follow the app's rules (what is sent
//! when, what is saved after each answer, when to stop).

use std::{collections::BTreeSet, time::Duration};

use super::{
    OutboxWrite, Outcome, PullPage, PushRequest, PushResponse, RecordKey, RecordType, Replica,
    SaveBatch, Stamp,
};

/// While the app is open it syncs this often…
pub const SYNC_PERIOD: Duration = Duration::from_secs(60);
/// …and this soon after the server could not be reached or failed.
pub const SYNC_RETRY: Duration = Duration::from_secs(10);

/// What the device does next in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Push(PushRequest),
    Pull { cursor: u64 },
    Done,
}

/// What an answer changed: to save (at once, before anything else can change
/// the replica), to show again, to tell the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub save: SaveBatch,
    pub touched: BTreeSet<RecordType>,
    /// The server refused a change: the person is told.
    pub refused: bool,
    /// The newest stamp pulled, for the device's clock.
    pub newest: Option<Stamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Pushing,
    Pulling,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    phase: Phase,
    /// How many changes waited when the last push left.
    waiting_before: usize,
}

impl Default for Round {
    fn default() -> Self {
        Self::new()
    }
}

impl Round {
    pub fn new() -> Self {
        Self {
            phase: Phase::Pushing,
            waiting_before: 0,
        }
    }

    /// The next request to send, or `Done`. A push seals what it carries.
    pub fn next(&mut self, replica: &mut Replica) -> Step {
        if self.phase == Phase::Pushing {
            match replica.push_request() {
                Some(request) => {
                    self.waiting_before = replica.outbox.len();
                    return Step::Push(request);
                }
                None => self.phase = Phase::Pulling,
            }
        }
        match self.phase {
            Phase::Pulling => Step::Pull {
                cursor: replica.cursor,
            },
            _ => Step::Done,
        }
    }

    /// Takes in the answer to `request`.
    pub fn on_push(
        &mut self,
        replica: &mut Replica,
        request: &PushRequest,
        response: &PushResponse,
    ) -> Taken {
        replica.on_push_response(response);
        let renumbered = response
            .results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Gap { .. }));
        let outbox = if renumbered {
            OutboxWrite::All
        } else {
            OutboxWrite::Removed(
                request
                    .mutations
                    .iter()
                    .map(|m| m.number)
                    .filter(|n| !replica.outbox.iter().any(|m| m.number == *n))
                    .collect(),
            )
        };
        if replica.outbox.len() >= self.waiting_before {
            // A gap the server keeps naming: try again next round, not in a loop.
            self.phase = Phase::Pulling;
        }
        let keys: BTreeSet<RecordKey> = request.mutations.iter().map(|m| m.record).collect();
        let keys: Vec<RecordKey> = keys.into_iter().collect();
        Taken {
            save: replica.save_batch(&keys, outbox),
            touched: keys.iter().map(|k| k.record_type).collect(),
            refused: response
                .results
                .iter()
                .any(|r| matches!(r.outcome, Outcome::Rejected { .. })),
            newest: None,
        }
    }

    /// Takes in a pulled page; the round is done after the last one.
    pub fn on_pull(&mut self, replica: &mut Replica, page: &PullPage) -> Taken {
        let newest = replica.on_pull(page);
        let keys: Vec<RecordKey> = page
            .records
            .iter()
            .chain(&page.tombstones)
            .map(|r| r.key)
            .chain(page.forget.iter().copied())
            .collect();
        if !page.more {
            self.phase = Phase::Done;
        }
        Taken {
            save: replica.save_batch(&keys, OutboxWrite::Removed(Vec::new())),
            touched: keys.iter().map(|k| k.record_type).collect(),
            refused: false,
            newest,
        }
    }
}

/// How a round ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundEnd {
    Finished,
    /// The server could not be reached.
    Offline,
    /// The session ended: changes wait for the person to sign in again.
    SignedOut,
    /// The server answered with an error.
    Failed,
}

/// Where the device stands after a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Synced,
    /// More waits (typed during the round, or more than one push holds): go on.
    Syncing(usize),
    Offline(usize),
    SignInAgain(usize),
    Problem(usize),
}

/// What the device says after a round, and when it syncs next.
pub fn after_round(end: RoundEnd, waiting: usize) -> (Standing, Duration) {
    match end {
        RoundEnd::Finished if waiting == 0 => (Standing::Synced, SYNC_PERIOD),
        RoundEnd::Finished => (Standing::Syncing(waiting), Duration::ZERO),
        RoundEnd::Offline => (Standing::Offline(waiting), SYNC_RETRY),
        RoundEnd::SignedOut => (Standing::SignInAgain(waiting), SYNC_PERIOD),
        RoundEnd::Failed => (Standing::Problem(waiting), SYNC_RETRY),
    }
}
