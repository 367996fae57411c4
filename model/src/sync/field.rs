//! One field of a record as every replica holds it, and the merge rule.
//!
//! A field keeps its *frontier*: the versions no other version was edited from.
//! A version `w` supersedes `v` when `w` was written on top of `v` or of something
//! later (`w.base >= v.at`). The newest version (by stamp: time, then node) is
//! the current value; where a free-text field has two or more versions in its
//! frontier, two devices changed it from the same base without seeing each other,
//! and both are kept until the person chooses. Other fields keep only the newest.
//!
//! A clash is bounded: of the versions no other was edited from, only the
//! `MAX_CLASH_VERSIONS` newest stay (in practice the person's latest and the other
//! device's); older ones leave the frontier like superseded ones do (the server
//! keeps them as history). A change with no base, or from a base nobody holds any
//! more, is concurrent with everything, so without this bound one device could
//! grow a field without end.
//!
//! Merging is a union followed by dropping superseded versions and all but the
//! newest of a clash, so it is commutative, associative and idempotent (the
//! property tests below): a version `w` supersedes every version not newer than
//! `w.base`, so the frontier is "every version newer than the newest base", and
//! the version carrying that base is either kept or older than the two kept,
//! which then outrank anything it superseded. Pruning early and merging later agree.

use serde::{Deserialize, Serialize};

use super::Stamp;

/// A value as written by one change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Version {
    pub value: FieldValue,
    pub at: Stamp,
    /// The stamp of the version shown when this one was written, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Stamp>,
}

/// What a field holds. Small on purpose: every record type is made of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum FieldValue {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
}

impl FieldValue {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Self::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Most versions a free-text field keeps side by side.
pub const MAX_CLASH_VERSIONS: usize = 2;

impl Version {
    fn supersedes(&self, other: &Version) -> bool {
        self.base.is_some_and(|base| base >= other.at)
    }
}

/// A field's frontier, newest first. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct FieldState(Vec<Version>);

impl FieldState {
    pub fn new(version: Version) -> Self {
        Self(vec![version])
    }

    /// The value shown: the newest version.
    pub fn current(&self) -> &Version {
        &self.0[0]
    }

    /// Other versions written concurrently from the same base (free text only).
    pub fn conflicting(&self) -> &[Version] {
        &self.0[1..]
    }

    pub fn versions(&self) -> &[Version] {
        &self.0
    }

    /// The base for a change made now: everything in the frontier has been seen,
    /// so writing on top of the newest supersedes them all.
    pub fn base_for_edit(&self) -> Stamp {
        self.current().at
    }

    /// Merges `version` in. Returns the versions that left the frontier (the
    /// server keeps them as history). A version already present changes nothing.
    pub fn merge(&mut self, version: Version, free_text: bool) -> Vec<Version> {
        if self.0.iter().any(|v| v.at == version.at) {
            return Vec::new();
        }
        self.0.push(version);
        self.0.sort_by_key(|v| std::cmp::Reverse(v.at));
        let all = std::mem::take(&mut self.0);
        let mut dropped = Vec::new();
        let newest = all[0].at;
        for (i, v) in all.iter().enumerate() {
            let keep = if free_text {
                self.0.len() < MAX_CLASH_VERSIONS
                    && !all
                        .iter()
                        .enumerate()
                        .any(|(j, w)| i != j && w.supersedes(v))
            } else {
                v.at == newest
            };
            if keep {
                self.0.push(v.clone());
            } else {
                dropped.push(v.clone());
            }
        }
        dropped
    }

    /// Merges every version of `other` in.
    pub fn merge_state(&mut self, other: &FieldState, free_text: bool) -> Vec<Version> {
        other
            .0
            .iter()
            .flat_map(|v| self.merge(v.clone(), free_text))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(text: &str, at: u64, node: u128, base: Option<(u64, u128)>) -> Version {
        Version {
            value: FieldValue::Text(text.to_owned()),
            at: Stamp::at_millis(at, node),
            base: base.map(|(t, n)| Stamp::at_millis(t, n)),
        }
    }

    #[test]
    fn the_newer_wins_and_ties_go_to_the_higher_node() {
        let mut f = FieldState::new(v("a", 10, 1, None));
        f.merge(v("b", 20, 1, Some((10, 1))), false);
        assert_eq!(f.current().value.as_text(), Some("b"));
        let mut g = FieldState::new(v("x", 30, 1, None));
        g.merge(v("y", 30, 2, None), false);
        assert_eq!(g.current().value.as_text(), Some("y"));
        assert!(g.conflicting().is_empty());
    }

    #[test]
    fn two_edits_of_the_same_text_from_the_same_base_are_both_kept_until_resolved() {
        let base = v("家で練習したい", 10, 1, None);
        let mut f = FieldState::new(base);
        f.merge(v("家で毎日練習したい", 20, 1, Some((10, 1))), true);
        let dropped = f.merge(v("家と園で練習したい", 21, 2, Some((10, 1))), true);
        assert_eq!(dropped.len(), 0);
        assert_eq!(f.current().value.as_text(), Some("家と園で練習したい"));
        assert_eq!(f.conflicting().len(), 1);
        // The person picks one: written on top of the newest, it supersedes both.
        let resolved = v(
            "家で毎日練習したい",
            30,
            1,
            Some((f.base_for_edit().millis(), 2)),
        );
        let dropped = f.merge(resolved, true);
        assert_eq!(dropped.len(), 2);
        assert!(f.conflicting().is_empty());
    }

    #[test]
    fn a_sequential_edit_is_not_a_conflict() {
        let mut f = FieldState::new(v("a", 10, 1, None));
        f.merge(v("b", 20, 2, Some((10, 1))), true);
        f.merge(v("c", 30, 1, Some((20, 2))), true);
        assert_eq!(f.versions().len(), 1);
    }

    #[test]
    fn a_flood_of_changes_without_a_base_keeps_the_two_newest_and_drops_the_rest() {
        let mut f = FieldState::new(v("0", 0, 1, None));
        let mut dropped = 0;
        for i in 1..=100 {
            dropped += f
                .merge(v(&i.to_string(), i, 1 + (i % 3) as u128, None), true)
                .len();
        }
        assert_eq!(f.versions().len(), MAX_CLASH_VERSIONS);
        assert_eq!(f.current().value.as_text(), Some("100"));
        assert_eq!(f.conflicting()[0].value.as_text(), Some("99"));
        assert_eq!(
            dropped, 99,
            "every other version left, to be kept as history"
        );
        // An old change arriving late is older than both kept: it leaves at once.
        assert_eq!(f.merge(v("late", 50, 9, None), true).len(), 1);
        assert_eq!(f.versions().len(), MAX_CLASH_VERSIONS);
    }

    fn arb_version() -> impl Strategy<Value = Version> {
        (
            0u64..8,
            1u128..4,
            prop::option::of((0u64..8, 1u128..4)),
            "[ab]{0,2}",
        )
            .prop_map(|(at, node, base, text)| {
                // A base is always older than the change written on it.
                let base = base.filter(|(t, n)| (*t, *n) < (at, node));
                v(&text, at, node, base)
            })
    }

    /// Versions with the same stamp are the same version (one change, one stamp).
    fn canonical(vs: Vec<Version>) -> Vec<Version> {
        let mut seen = std::collections::BTreeMap::new();
        for v in vs {
            seen.entry(v.at).or_insert(v);
        }
        seen.into_values().collect()
    }

    fn fold(vs: &[Version], free_text: bool) -> Option<FieldState> {
        let mut it = vs.iter();
        let mut f = FieldState::new(it.next()?.clone());
        for v in it {
            f.merge(v.clone(), free_text);
        }
        Some(f)
    }

    proptest! {
        #[test]
        fn merge_is_commutative_associative_and_idempotent(
            a in prop::collection::vec(arb_version(), 1..8),
            b in prop::collection::vec(arb_version(), 1..8),
            c in prop::collection::vec(arb_version(), 1..8),
            free_text in any::<bool>(),
        ) {
            let all = canonical([a.clone(), b.clone(), c.clone()].concat());
            let pick = |part: &[Version]| -> Vec<Version> {
                part.iter().map(|x| all.iter().find(|y| y.at == x.at).unwrap().clone()).collect()
            };
            let (a, b, c) = (fold(&pick(&a), free_text).unwrap(), fold(&pick(&b), free_text).unwrap(), fold(&pick(&c), free_text).unwrap());
            let merged = |x: &FieldState, y: &FieldState| { let mut m = x.clone(); m.merge_state(y, free_text); m };
            prop_assert_eq!(merged(&a, &b), merged(&b, &a));
            prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
            prop_assert_eq!(merged(&a, &a), a.clone());
            // And the result is what merging every version once, in any order, gives.
            prop_assert_eq!(merged(&merged(&a, &b), &c), fold(&all, free_text).unwrap());
        }

        #[test]
        fn a_field_never_holds_more_than_the_bound_and_loses_nothing_unreported(
            versions in prop::collection::vec(arb_version(), 1..30),
        ) {
            let versions = canonical(versions);
            let mut f = FieldState::new(versions[0].clone());
            let mut left = Vec::new();
            for v in &versions[1..] {
                left.extend(f.merge(v.clone(), true));
                prop_assert!(f.versions().len() <= MAX_CLASH_VERSIONS);
            }
            // Every version merged is either still there or was handed back.
            for v in &versions {
                prop_assert!(f.versions().contains(v) || left.contains(v));
            }
            // The newest version of all is always the one shown.
            let newest = versions.iter().map(|v| v.at).max().unwrap();
            prop_assert_eq!(f.current().at, newest);
        }
    }
}
