//! The Japanese school year (年度): 1 April to 31 March, named by the calendar
//! year it starts in. Plans are yearly (support plan) or per term (teaching plan).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A school year, named by the calendar year of its April (2026年度 = April 2026 – March 2027).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct SchoolYear(i32);

impl SchoolYear {
    pub const fn starting_in(year: i32) -> Self {
        Self(year)
    }

    /// The school year a day belongs to: January–March belong to the year that began the April before.
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    pub const fn start_year(self) -> i32 {
        self.0
    }

    /// 1 April.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("1 April exists in every year")
    }

    /// 31 March of the following calendar year.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("31 March exists in every year")
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::containing(date) == self
    }

    pub const fn next(self) -> Self {
        Self(self.0 + 1)
    }

    /// The term (前期/後期) a day falls in. The town's schools split the year at 1 October.
    pub fn term_of(date: NaiveDate) -> (Self, Term) {
        let year = Self::containing(date);
        let term = if (4..=9).contains(&date.month()) {
            Term::First
        } else {
            Term::Second
        };
        (year, term)
    }
}

impl fmt::Display for SchoolYear {
    /// "2026年度" — the form used on every plan form in the town.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年度", self.0)
    }
}

impl SchoolYear {
    /// "令和8年度": the Japanese era, as many official forms still write it. The
    /// Reiwa era began on 1 May 2019; the school year 2019 (begun in Heisei) is
    /// written 令和元年度 on forms made after May, as the town's are.
    pub fn reiwa(self) -> Option<String> {
        match self.0 - 2018 {
            n if n < 1 => None,
            1 => Some("令和元年度".to_owned()),
            n => Some(format!("令和{n}年度")),
        }
    }

    /// The year as a person reads it: "2026年度" (with the era beside it,
    /// "2026年度(令和8年度)", for those who read forms in the era), "School year
    /// 2026-27" in English. The era is added, never put in place of the year, so
    /// the same plan reads the same to everyone.
    pub fn label(self, lang: crate::Lang, era: bool) -> String {
        match lang {
            crate::Lang::Ja if era => match self.reiwa() {
                Some(reiwa) => crate::Lang::Ja.aside(&self.to_string(), &reiwa),
                None => self.to_string(),
            },
            crate::Lang::Ja => self.to_string(),
            crate::Lang::En => format!("School year {}-{:02}", self.0, (self.0 + 1) % 100),
        }
    }
}

impl Term {
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Self::First, crate::Lang::Ja) => "前期",
            (Self::First, crate::Lang::En) => "first term",
            (Self::Second, crate::Lang::Ja) => "後期",
            (Self::Second, crate::Lang::En) => "second term",
        }
    }
}

/// Half of a school year, the period of an individual teaching plan (個別の指導計画).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// 前期: April – September.
    First,
    /// 後期: October – March.
    Second,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_year_turns_between_31_march_and_1_april() {
        assert_eq!(
            SchoolYear::containing(day(2027, 3, 31)),
            SchoolYear::starting_in(2026)
        );
        assert_eq!(
            SchoolYear::containing(day(2027, 4, 1)),
            SchoolYear::starting_in(2027)
        );
    }

    #[test]
    fn january_to_march_belong_to_the_year_begun_the_april_before() {
        for m in 1..=3 {
            assert_eq!(SchoolYear::containing(day(2026, m, 15)).start_year(), 2025);
        }
        for m in 4..=12 {
            assert_eq!(SchoolYear::containing(day(2026, m, 15)).start_year(), 2026);
        }
    }

    #[test]
    fn first_and_last_days() {
        let y = SchoolYear::starting_in(2026);
        assert_eq!(y.first_day(), day(2026, 4, 1));
        assert_eq!(y.last_day(), day(2027, 3, 31));
        assert!(y.contains(y.first_day()) && y.contains(y.last_day()));
        assert!(!y.contains(day(2026, 3, 31)) && !y.contains(day(2027, 4, 1)));
        assert_eq!(y.next().first_day(), y.last_day().succ_opt().unwrap());
    }

    #[test]
    fn leap_day_is_in_the_year_begun_the_april_before() {
        assert_eq!(SchoolYear::containing(day(2028, 2, 29)).start_year(), 2027);
    }

    #[test]
    fn terms_split_at_1_october() {
        assert_eq!(
            SchoolYear::term_of(day(2026, 4, 1)),
            (SchoolYear::starting_in(2026), Term::First)
        );
        assert_eq!(
            SchoolYear::term_of(day(2026, 9, 30)),
            (SchoolYear::starting_in(2026), Term::First)
        );
        assert_eq!(
            SchoolYear::term_of(day(2026, 10, 1)),
            (SchoolYear::starting_in(2026), Term::Second)
        );
        assert_eq!(
            SchoolYear::term_of(day(2027, 3, 31)),
            (SchoolYear::starting_in(2026), Term::Second)
        );
    }

    #[test]
    fn reads_as_nendo_or_in_the_reiwa_era() {
        use crate::Lang;
        let y = SchoolYear::starting_in(2026);
        assert_eq!(y.to_string(), "2026年度");
        assert_eq!(y.label(Lang::Ja, false), "2026年度");
        assert_eq!(y.label(Lang::Ja, true), "2026年度(令和8年度)");
        assert_eq!(y.label(Lang::En, true), "School year 2026-27");
        assert_eq!(SchoolYear::starting_in(2019).reiwa().unwrap(), "令和元年度");
        assert_eq!(SchoolYear::starting_in(2020).reiwa().unwrap(), "令和2年度");
        assert_eq!(
            SchoolYear::starting_in(2018).label(Lang::Ja, true),
            "2018年度"
        );
        assert_eq!(
            SchoolYear::starting_in(2099).label(Lang::En, false),
            "School year 2099-00"
        );
    }

    proptest::proptest! {
        #[test]
        fn every_day_lies_between_its_years_first_and_last_day(days in 0i64..80_000) {
            let date = day(1950, 1, 1) + chrono::Duration::days(days);
            let y = SchoolYear::containing(date);
            proptest::prop_assert!(y.first_day() <= date && date <= y.last_day());
        }
    }
}
