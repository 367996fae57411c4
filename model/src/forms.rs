//! The coordinators' forms as plain drafts: what the boxes of a form hold, read
//! from a document (`from`) and turned back into one (`build`), checked by the
//! document's own rules. The desk binds each box to a field of a draft, so what a
//! form does with what was typed is tested here, on the host.

use chrono::NaiveDateTime;

use crate::{
    ChildId, FamilyId, Lang, Meeting, MeetingId, MeetingKind, MeetingSeries, Member, MemberRole,
    SchoolYear, Term, iso,
    meeting_record::{AgreedRole, MeetingOutcome, MeetingProblem, MeetingStatus},
    plan::{
        AgencyPart, GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanProblem,
        PlanSummary,
    },
};

/// The non-empty lines of a box that takes one item per line, trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Why a form cannot become a document yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormProblem {
    NoChild,
    NoDateOrTime,
    Series,
    NextTarget,
    SchoolYear,
    Meeting(MeetingProblem),
    Plan(PlanProblem),
}

impl FormProblem {
    /// What the coordinator reads next to the form.
    pub fn explain(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::NoChild, Lang::Ja) => "お子さんを選んでください。",
            (Self::NoChild, Lang::En) => "Please choose the child.",
            (Self::NoDateOrTime, Lang::Ja) => "日付と時刻を入れてください。",
            (Self::NoDateOrTime, Lang::En) => "Please give the date and times.",
            (Self::Series, Lang::Ja) => "第何回か(全何回予定のうち)を正しく入れてください。",
            (Self::Series, Lang::En) => {
                "The series number must be between 1 and the planned count."
            }
            (Self::NextTarget, Lang::Ja) => "次回開催の目途の日付が正しくありません。",
            (Self::NextTarget, Lang::En) => "The next target date is not a date.",
            (Self::SchoolYear, Lang::Ja) => "年度を数字で入れてください。",
            (Self::SchoolYear, Lang::En) => "Please give the school year as a number.",
            (Self::Meeting(problem), lang) => problem.explain(lang),
            (Self::Plan(problem), lang) => problem.explain(lang),
        }
    }
}

/// One member role's row of the meeting form: present or not, from which
/// organisation, and the tasks agreed for it (one per line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDraft {
    pub role: MemberRole,
    pub present: bool,
    pub organisation: String,
    pub tasks: String,
}

/// The meeting form. Times are `HH:MM`, the date `YYYY-MM-DD`, as the browser's
/// date and time inputs give them; lists are one item per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    pub child: String,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub purpose: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub online_link: String,
    pub nth: String,
    pub planned: String,
    pub agenda: String,
    pub direction: String,
    pub next_target: String,
    pub follow_ups: String,
    /// One row per role, in `MemberRole::ALL`'s order.
    pub members: Vec<MemberDraft>,
}

fn time_of(at: NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

impl MeetingDraft {
    /// A new meeting's form: the first child chosen, nothing else filled in.
    pub fn new(first_child: Option<ChildId>) -> Self {
        Self {
            child: first_child.map(|c| c.to_string()).unwrap_or_default(),
            kind: MeetingKind::CaseMeeting,
            status: MeetingStatus::Scheduled,
            purpose: String::new(),
            date: String::new(),
            start: String::new(),
            end: String::new(),
            place: String::new(),
            online_link: String::new(),
            nth: String::new(),
            planned: String::new(),
            agenda: String::new(),
            direction: String::new(),
            next_target: String::new(),
            follow_ups: String::new(),
            members: MemberRole::ALL
                .into_iter()
                .map(|role| MemberDraft {
                    role,
                    present: false,
                    organisation: String::new(),
                    tasks: String::new(),
                })
                .collect(),
        }
    }

    pub fn from(meeting: &Meeting) -> Self {
        let outcome = meeting.outcome.as_ref();
        Self {
            child: meeting.child_id.to_string(),
            kind: meeting.kind,
            status: meeting.status,
            purpose: meeting.purpose.clone(),
            date: iso::format_date(meeting.starts_at.date()),
            start: time_of(meeting.starts_at),
            end: time_of(meeting.ends_at),
            place: meeting.place.clone(),
            online_link: meeting.online_link.clone().unwrap_or_default(),
            nth: meeting
                .series
                .map(|s| s.nth().to_string())
                .unwrap_or_default(),
            planned: meeting
                .series
                .map(|s| s.planned().to_string())
                .unwrap_or_default(),
            agenda: meeting.agenda.join("\n"),
            direction: outcome.map(|o| o.direction.clone()).unwrap_or_default(),
            next_target: outcome
                .and_then(|o| o.next_target)
                .map(iso::format_date)
                .unwrap_or_default(),
            follow_ups: outcome.map(|o| o.follow_ups.join("\n")).unwrap_or_default(),
            members: MemberRole::ALL
                .into_iter()
                .map(|role| {
                    let member = meeting.members.iter().find(|m| m.role == role);
                    let tasks = outcome
                        .map(|o| {
                            o.roles
                                .iter()
                                .filter(|r| r.role == role)
                                .map(|r| r.task.as_str())
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .unwrap_or_default();
                    MemberDraft {
                        role,
                        present: member.is_some(),
                        organisation: member.map(|m| m.organisation.clone()).unwrap_or_default(),
                        tasks,
                    }
                })
                .collect(),
        }
    }

    fn at(&self, time: &str) -> Option<NaiveDateTime> {
        iso::parse_date_time(&format!("{}T{}", self.date.trim(), time.trim()))
    }

    /// When the meeting would start, once the date and start time are given.
    pub fn starts_at(&self) -> Option<NaiveDateTime> {
        self.at(&self.start)
    }

    /// The meeting this form describes, checked by the meeting's rules.
    pub fn build(&self, id: MeetingId, family: FamilyId) -> Result<Meeting, FormProblem> {
        let child_id = self.child.parse().map_err(|_| FormProblem::NoChild)?;
        let starts_at = self.at(&self.start).ok_or(FormProblem::NoDateOrTime)?;
        let ends_at = self.at(&self.end).ok_or(FormProblem::NoDateOrTime)?;
        let series = match (self.nth.trim(), self.planned.trim()) {
            ("", "") => None,
            (n, p) => Some(
                n.parse()
                    .ok()
                    .zip(p.parse().ok())
                    .and_then(|(n, p)| MeetingSeries::new(n, p).ok())
                    .ok_or(FormProblem::Series)?,
            ),
        };
        let present: Vec<&MemberDraft> = self.members.iter().filter(|m| m.present).collect();
        let members = present
            .iter()
            .map(|m| Member {
                role: m.role,
                organisation: m.organisation.trim().to_owned(),
            })
            .collect();
        let roles: Vec<AgreedRole> = present
            .iter()
            .flat_map(|m| {
                lines(&m.tasks).into_iter().map(|task| AgreedRole {
                    role: m.role,
                    organisation: m.organisation.trim().to_owned(),
                    task,
                })
            })
            .collect();
        let follow_ups = lines(&self.follow_ups);
        let direction = self.direction.trim().to_owned();
        let next_target = match self.next_target.trim() {
            "" => None,
            day => Some(iso::parse_date(day).ok_or(FormProblem::NextTarget)?),
        };
        let outcome = (!direction.is_empty()
            || !roles.is_empty()
            || !follow_ups.is_empty()
            || next_target.is_some())
        .then_some(MeetingOutcome {
            direction,
            roles,
            next_target,
            follow_ups,
        });
        let link = self.online_link.trim();
        let meeting = Meeting {
            id,
            family_id: family,
            child_id,
            kind: self.kind,
            purpose: self.purpose.trim().to_owned(),
            starts_at,
            ends_at,
            place: self.place.trim().to_owned(),
            online_link: (!link.is_empty()).then(|| link.to_owned()),
            series,
            members,
            status: self.status,
            agenda: lines(&self.agenda),
            outcome,
        };
        meeting.check().map_err(FormProblem::Meeting)?;
        Ok(meeting)
    }
}

/// One goal's row of the plan form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalDraft {
    pub id: GoalId,
    pub text: String,
    pub status: GoalStatus,
}

/// The plan summary form; lists one item per line, agencies as
/// `機関: 役割` (either colon).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub child: String,
    pub kind: PlanKind,
    pub year: String,
    pub term: Option<Term>,
    pub published: bool,
    pub strengths_and_needs: String,
    pub parent_wishes: String,
    pub child_wishes: String,
    pub supports: String,
    pub agencies: String,
    pub evaluation: String,
    pub goals: Vec<GoalDraft>,
}

impl PlanDraft {
    pub fn from(plan: &PlanSummary) -> Self {
        Self {
            child: plan.child.to_string(),
            kind: plan.kind,
            year: plan.period.year.start_year().to_string(),
            term: plan.period.term,
            published: plan.published,
            strengths_and_needs: plan.strengths_and_needs.clone(),
            parent_wishes: plan.parent_wishes.clone(),
            child_wishes: plan.child_wishes.clone(),
            supports: plan.supports.join("\n"),
            agencies: plan
                .agency_parts
                .iter()
                .map(|a| format!("{}: {}", a.agency, a.part))
                .collect::<Vec<_>>()
                .join("\n"),
            evaluation: plan.evaluation.clone().unwrap_or_default(),
            goals: plan
                .goals
                .iter()
                .map(|g| GoalDraft {
                    id: g.id,
                    text: g.text.clone(),
                    status: g.status,
                })
                .collect(),
        }
    }

    /// The plan this form describes, checked by the plan's rules.
    pub fn build(&self, id: PlanId) -> Result<PlanSummary, FormProblem> {
        let year: i32 = self
            .year
            .trim()
            .parse()
            .map_err(|_| FormProblem::SchoolYear)?;
        let agency_parts = lines(&self.agencies)
            .into_iter()
            .map(|line| match line.split_once([':', ':']) {
                Some((agency, part)) => AgencyPart {
                    agency: agency.trim().to_owned(),
                    part: part.trim().to_owned(),
                },
                None => AgencyPart {
                    agency: line,
                    part: String::new(),
                },
            })
            .collect();
        let evaluation = self.evaluation.trim();
        let plan = PlanSummary {
            id,
            child: self.child.parse().map_err(|_| FormProblem::NoChild)?,
            kind: self.kind,
            period: PlanPeriod {
                year: SchoolYear::starting_in(year),
                term: self.term,
            },
            published: self.published,
            strengths_and_needs: self.strengths_and_needs.trim().to_owned(),
            parent_wishes: self.parent_wishes.trim().to_owned(),
            child_wishes: self.child_wishes.trim().to_owned(),
            goals: self
                .goals
                .iter()
                .map(|g| PlanGoal {
                    id: g.id,
                    text: g.text.trim().to_owned(),
                    status: g.status,
                })
                .collect(),
            supports: lines(&self.supports),
            agency_parts,
            evaluation: (!evaluation.is_empty()).then(|| evaluation.to_owned()),
        };
        plan.check().map_err(FormProblem::Plan)?;
        Ok(plan)
    }
}

#[cfg(test)]
mod tests;
