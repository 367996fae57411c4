//! The parents' answers to a meeting (coming, not coming, talk about the date),
//! as the coordinator's desk and the family read them beside the meeting.

use axum::{
    Json,
    extract::{Path, State},
};
use tsunagu_model::{
    MeetingId, TypedRecord,
    answer::{MeetingAnswer, MeetingAnswerView, standing},
    problem::{IdOf, Problem},
    sync::RecordType,
};

use super::bad;
use crate::{ApiError, AppState, policy::ReadableFamily};

/// Each parent's latest answer to the meeting, in the order the parents answered.
pub(super) async fn meeting_answers(
    State(state): State<AppState>,
    readable: ReadableFamily,
    Path((_, meeting)): Path<(String, String)>,
) -> Result<Json<Vec<MeetingAnswerView>>, ApiError> {
    let meeting: MeetingId = meeting.parse().map_err(|_| {
        bad(Problem::InvalidId {
            what: IdOf::Meeting,
        })
    })?;
    let rows = state
        .store
        .read()
        .await?
        .records_with_owner(readable.family, RecordType::MeetingAnswer)
        .await?;
    // A record that reads as no answer (a half-synced one) is not shown.
    let answers: Vec<(MeetingAnswer, String)> = rows
        .into_iter()
        .filter_map(|row| {
            MeetingAnswer::read(row.id, Some(row.owner), &row.fields).map(|a| (a, row.owner_name))
        })
        .collect();
    let plain: Vec<MeetingAnswer> = answers.iter().map(|(a, _)| a.clone()).collect();
    let mut shown: Vec<MeetingAnswerView> = standing(&plain, meeting)
        .into_iter()
        .map(|answer| MeetingAnswerView {
            person: answer.owner,
            display_name: answers
                .iter()
                .find(|(a, _)| a.id == answer.id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
            answer: answer.answer,
            note: answer.note.clone(),
            answered_at: answer.answered_at,
        })
        .collect();
    shown.sort_by_key(|a| (a.answered_at, a.person));
    Ok(Json(shown))
}
