//! A person's meetings for their phone's calendar: a secret feed address a
//! calendar app subscribes to (no cookie: calendar apps send none), made,
//! regenerated and removed from the app; and one meeting's `.ics` to add it.
//!
//! The token is 256 random bits and only its hash is kept, so the address is
//! shown once, when made (the app keeps it on that device). A new address ends
//! the old one at once.

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use tsunagu_model::{
    FamilyId, Lang, MeetingId, Role,
    calendar::{self, CalendarFeed, FeedFollowUp, FeedMeeting},
    endpoints as e,
    mentor::MentorContact,
    problem::{IdOf, Problem, Thing},
    reminders::ReminderChoices,
};

use super::{RemindedMeeting, choices_of, meetings_for};
use crate::{
    ApiError, AppState, identity::Actor, language, policy, policy::ReadableFamily, routes::Api,
    secret,
};

pub fn routes(api: Api) -> Api {
    api.at::<e::GetCalendarFeed, _, _>(get_feed)
        .at::<e::MakeCalendarFeed, _, _>(make_feed)
        .at::<e::RemoveCalendarFeed, _, _>(remove_feed)
        .at::<e::GetMeetingCalendar, _, _>(meeting_file)
}

/// Where the feeds are, outside the API: `GET /calendar/{token}.ics`.
pub const FEED_ROUTE: &str = "/calendar/{file}";

/// Meetings that started longer ago than this leave the feed.
const FEED_BACK: chrono::Duration = chrono::Duration::days(60);

fn no_feed() -> ApiError {
    ApiError::NotFound(Problem::NotFound {
        what: Thing::CalendarFeed,
    })
}

async fn get_feed(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<CalendarFeed>, ApiError> {
    policy::may_be_reminded(&actor)?;
    let made = state
        .store
        .read()
        .await?
        .calendar_feed_made(actor.person)
        .await?
        .ok_or_else(no_feed)?;
    Ok(Json(CalendarFeed {
        url: None,
        webcal: None,
        qr_svg: None,
        made_at: crate::clock::town_local(made),
    }))
}

/// The QR code of `text` as SVG, or none if it cannot be drawn (too long).
fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

async fn make_feed(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<CalendarFeed>), ApiError> {
    policy::may_be_reminded(&actor)?;
    let token = secret::new_token()?;
    let now = Utc::now();
    let mut db = state.store.read().await?;
    db.set_calendar_feed(
        actor.person,
        &secret::token_hash(&token),
        language::of(&headers),
        now,
    )
    .await?;
    let url = format!("{}/calendar/{token}.ics", state.origin.as_str());
    let webcal = calendar::webcal(&url);
    let qr_svg = qr_svg(&webcal);
    Ok((
        StatusCode::CREATED,
        Json(CalendarFeed {
            url: Some(url),
            webcal: Some(webcal),
            qr_svg,
            made_at: crate::clock::town_local(now),
        }),
    ))
}

async fn remove_feed(State(state): State<AppState>, actor: Actor) -> Result<StatusCode, ApiError> {
    policy::may_be_reminded(&actor)?;
    state
        .store
        .read()
        .await?
        .remove_calendar_feed(actor.person)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn feed_of(
    meetings: &[RemindedMeeting],
    follow_ups: &[(MentorContact, String, chrono::NaiveDateTime)],
    choices: &ReminderChoices,
    lang: Lang,
) -> String {
    let hour = choices.settings.morning_hour();
    let follow_ups: Vec<FeedFollowUp<'_>> = follow_ups
        .iter()
        .filter_map(|(contact, family_name, changed_at)| {
            Some(FeedFollowUp {
                contact: contact.id,
                family_name,
                at: contact.follow_up_at(hour)?,
                changed_at: *changed_at,
            })
        })
        .collect();
    let entries: Vec<FeedMeeting<'_>> = meetings
        .iter()
        .map(|m| FeedMeeting {
            meeting: &m.meeting,
            child_name: &m.child_name,
            sequence: m.changes,
            changed_at: m.changed_at().naive_utc(),
        })
        .collect();
    calendar::feed(&entries, &follow_ups, &choices.settings, choices.feed, lang)
}

fn calendar_response(body: String, file_name: Option<&str>) -> Response {
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            // A feed is someone's own: no shared cache keeps it.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response();
    if let Some(name) = file_name
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /calendar/{token}.ics`: the token is the only credential. An unknown or
/// replaced token answers 404, as an address that never existed.
pub async fn serve_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    match feed_for_token(&state, &file).await {
        Ok(Some(body)) => calendar_response(body, None),
        Ok(None) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
        Err(error) => error.into_response(),
    }
}

async fn feed_for_token(state: &AppState, file: &str) -> Result<Option<String>, ApiError> {
    let Some(token) = file.strip_suffix(".ics") else {
        return Ok(None);
    };
    // A token is 43 URL-safe characters; anything else is no token of ours.
    if token.len() != 43
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(None);
    }
    let mut db = state.store.read().await?;
    let Some((person, lang)) = db.calendar_feed_reader(&secret::token_hash(token)).await? else {
        return Ok(None);
    };
    let Some(role) = db.role_of(person).await? else {
        return Ok(None);
    };
    let choices = choices_of(&mut db, person).await?;
    let from = crate::clock::town_local(Utc::now()) - FEED_BACK;
    let meetings: Vec<RemindedMeeting> = meetings_for(&mut db, person, role)
        .await?
        .into_iter()
        .filter(|m| m.meeting.starts_at >= from)
        .collect();
    let mut follow_ups = Vec::new();
    if role == Role::Mentor {
        let names: std::collections::HashMap<FamilyId, String> = db
            .consenting_families(person)
            .await?
            .into_iter()
            .map(|(family, name, _)| (family, name))
            .collect();
        for (contact, revision) in super::open_follow_ups(&mut db, person).await? {
            let changed_at = super::stamp_time(revision).naive_utc();
            let name = names.get(&contact.family).cloned().unwrap_or_default();
            follow_ups.push((contact, name, changed_at));
        }
    }
    Ok(Some(feed_of(&meetings, &follow_ups, &choices, lang)))
}

/// One meeting of the family as an `.ics` file, for "add to calendar".
async fn meeting_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    readable: ReadableFamily,
    Path((_, meeting)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    policy::may_be_reminded(&readable.actor)?;
    let meeting: MeetingId = meeting.parse().map_err(|_| {
        ApiError::BadRequest(Problem::InvalidId {
            what: IdOf::Meeting,
        })
    })?;
    let mut db = state.store.read().await?;
    let choices = choices_of(&mut db, readable.actor.person).await?;
    let meetings: Vec<RemindedMeeting> =
        meetings_for(&mut db, readable.actor.person, readable.actor.role)
            .await?
            .into_iter()
            .filter(|m| m.meeting.id == meeting && m.family == readable.family)
            .collect();
    if meetings.is_empty() {
        return Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Record,
        }));
    }
    // A file the person saves themselves says what they chose their feed to say.
    let body = feed_of(&meetings, &[], &choices, language::of(&headers));
    Ok(calendar_response(body, Some("meeting.ics")))
}
