//! The JSON the server answers and the app reads.

use serde::{Deserialize, Serialize};

use crate::{Child, Family, Meeting};

/// What a family's screens need at once: who they are, their children, their meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyOverview {
    pub family: Family,
    pub children: Vec<Child>,
    /// Every meeting of the family, in start order; `meeting::upcoming` picks the next ones.
    pub meetings: Vec<Meeting>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// Every 4xx/5xx answer of the API has this body: a stable code for programs and a
/// message for people. It never carries internals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}
