//! A child's life stage (年少/年中/年長, 小1–6, 中1–3), from the birth date.
//!
//! Children born from 2 April of one year to 1 April of the next share a school
//! grade: the law counts a year of age as reached the day *before* the birthday,
//! so a 1 April child enters school with the older cohort.

use crate::{Lang, SchoolYear};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NurseryYear {
    /// 年少: the year the child turns 4.
    Younger,
    /// 年中: turns 5.
    Middle,
    /// 年長: turns 6, the year before school.
    Older,
}

/// Ordered from youngest to oldest, so stages compare as life goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "stage", content = "year")]
pub enum ChildStage {
    /// Before the nursery years (乳幼児期).
    Infant,
    Nursery(NurseryYear),
    /// 小学校 1–6.
    Elementary(u8),
    /// 中学校 1–3.
    JuniorHigh(u8),
    /// Past compulsory schooling.
    AfterJuniorHigh,
}

impl ChildStage {
    /// The stage of a child born on `birth` during the school year containing `on`;
    /// `None` before the birth.
    pub fn on(birth: NaiveDate, on: NaiveDate) -> Option<Self> {
        if on < birth {
            return None;
        }
        let grade = SchoolYear::containing(on).start_year() - cohort_year(birth) - 6;
        Some(match grade {
            i32::MIN..=-3 => Self::Infant,
            -2 => Self::Nursery(NurseryYear::Younger),
            -1 => Self::Nursery(NurseryYear::Middle),
            0 => Self::Nursery(NurseryYear::Older),
            // The ranges make the narrowing casts exact.
            1..=6 => Self::Elementary(grade as u8),
            7..=9 => Self::JuniorHigh((grade - 6) as u8),
            _ => Self::AfterJuniorHigh,
        })
    }

    /// The short label a Japanese form uses (年中, 小3, 中1) or its English reading.
    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Infant, Lang::Ja) => "未就園".into(),
            (Self::Infant, Lang::En) => "Before nursery".into(),
            (Self::Nursery(NurseryYear::Younger), Lang::Ja) => "年少".into(),
            (Self::Nursery(NurseryYear::Middle), Lang::Ja) => "年中".into(),
            (Self::Nursery(NurseryYear::Older), Lang::Ja) => "年長".into(),
            (Self::Nursery(NurseryYear::Younger), Lang::En) => "Nursery, first year".into(),
            (Self::Nursery(NurseryYear::Middle), Lang::En) => "Nursery, second year".into(),
            (Self::Nursery(NurseryYear::Older), Lang::En) => "Nursery, final year".into(),
            (Self::Elementary(g), Lang::Ja) => format!("小{g}"),
            (Self::Elementary(g), Lang::En) => format!("Grade {g}"),
            (Self::JuniorHigh(g), Lang::Ja) => format!("中{g}"),
            (Self::JuniorHigh(g), Lang::En) => format!("Junior high {g}"),
            (Self::AfterJuniorHigh, Lang::Ja) => "中学校卒業後".into(),
            (Self::AfterJuniorHigh, Lang::En) => "After junior high".into(),
        }
    }
}

/// The calendar year whose 2 April starts the child's cohort.
fn cohort_year(birth: NaiveDate) -> i32 {
    if (birth.month(), birth.day()) >= (4, 2) {
        birth.year()
    } else {
        birth.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn stage(birth: NaiveDate, on: NaiveDate) -> ChildStage {
        ChildStage::on(birth, on).unwrap()
    }

    #[test]
    fn a_child_born_in_may_walks_through_every_stage() {
        let birth = day(2018, 5, 10);
        let at = |y| stage(birth, day(y, 6, 1));
        // 年少 is the school year the child turns 4: April 2022 – March 2023.
        assert_eq!(at(2021), ChildStage::Infant);
        assert_eq!(at(2022), ChildStage::Nursery(NurseryYear::Younger));
        assert_eq!(at(2023), ChildStage::Nursery(NurseryYear::Middle));
        assert_eq!(at(2024), ChildStage::Nursery(NurseryYear::Older));
        for g in 1..=6u8 {
            assert_eq!(at(2024 + i32::from(g)), ChildStage::Elementary(g));
        }
        for g in 1..=3u8 {
            assert_eq!(at(2030 + i32::from(g)), ChildStage::JuniorHigh(g));
        }
        assert_eq!(at(2034), ChildStage::AfterJuniorHigh);
    }

    #[test]
    fn a_1_april_birthday_goes_with_the_older_cohort() {
        let on = day(2025, 4, 1);
        assert_eq!(stage(day(2019, 4, 1), on), ChildStage::Elementary(1));
        assert_eq!(
            stage(day(2019, 4, 2), on),
            ChildStage::Nursery(NurseryYear::Older)
        );
        assert_eq!(stage(day(2018, 4, 2), on), ChildStage::Elementary(1));
    }

    #[test]
    fn the_stage_changes_on_1_april_not_on_the_birthday() {
        let birth = day(2019, 9, 20);
        assert_eq!(
            stage(birth, day(2026, 3, 31)),
            ChildStage::Nursery(NurseryYear::Older)
        );
        assert_eq!(stage(birth, day(2026, 4, 1)), ChildStage::Elementary(1));
        assert_eq!(stage(birth, day(2026, 9, 20)), ChildStage::Elementary(1));
    }

    #[test]
    fn january_to_march_births_are_the_youngest_of_their_grade() {
        // Born February 2020: same grade as children born from 2 April 2019.
        assert_eq!(
            stage(day(2020, 2, 14), day(2026, 4, 1)),
            ChildStage::Elementary(1)
        );
    }

    #[test]
    fn fifth_and_eighth_grade_are_the_own_meeting_years() {
        let birth = day(2015, 7, 7);
        assert_eq!(stage(birth, day(2026, 10, 1)), ChildStage::Elementary(5));
        assert_eq!(stage(birth, day(2029, 10, 1)), ChildStage::JuniorHigh(2));
    }

    #[test]
    fn no_stage_before_birth() {
        assert_eq!(ChildStage::on(day(2024, 5, 1), day(2024, 4, 30)), None);
        assert_eq!(
            ChildStage::on(day(2024, 5, 1), day(2024, 5, 1)),
            Some(ChildStage::Infant)
        );
    }

    #[test]
    fn labels_read_as_on_the_forms() {
        assert_eq!(
            ChildStage::Nursery(NurseryYear::Middle).label(Lang::Ja),
            "年中"
        );
        assert_eq!(ChildStage::Elementary(3).label(Lang::Ja), "小3");
        assert_eq!(ChildStage::JuniorHigh(1).label(Lang::Ja), "中1");
        assert_eq!(ChildStage::Elementary(3).label(Lang::En), "Grade 3");
    }

    proptest! {
        #[test]
        fn stages_never_go_backwards(birth_days in 0i64..10_000, a in 0i64..8_000, b in 0i64..8_000) {
            let birth = day(2000, 1, 1) + chrono::Duration::days(birth_days);
            let (early, late) = (a.min(b), a.max(b));
            let s1 = stage(birth, birth + chrono::Duration::days(early));
            let s2 = stage(birth, birth + chrono::Duration::days(late));
            prop_assert!(s1 <= s2);
        }

        #[test]
        fn the_stage_is_constant_within_a_school_year(birth_days in 0i64..10_000, offset in 0i64..5_000) {
            let birth = day(2000, 1, 1) + chrono::Duration::days(birth_days);
            let on = birth + chrono::Duration::days(offset);
            let year = SchoolYear::containing(on);
            let start = year.first_day().max(birth);
            prop_assert_eq!(stage(birth, start), stage(birth, year.last_day()));
        }
    }
}
