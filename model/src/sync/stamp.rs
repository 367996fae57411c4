//! Hybrid logical clock timestamps (`uhlc`): physical time when clocks agree,
//! a logical tick when they do not, and the node id to break ties, so every
//! change in the system has its own place in one total order.

use std::{fmt, str::FromStr, time::Duration};

use uhlc::{HLC, HLCBuilder, ID, NTP64, Timestamp};

use super::ClientId;

/// A change's place in time. As text, `<time>-<node>` in fixed-width hex, so
/// text order is time order (the server sorts and compares them in SQL).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(Timestamp);

/// How far ahead of the server's clock a change may claim to be.
pub const MAX_DRIFT: Duration = Duration::from_secs(5 * 60);

impl Stamp {
    /// For tests and simulations: a stamp at `millis` on node `node`.
    pub fn at_millis(millis: u64, node: u128) -> Self {
        let id = ID::try_from(node.max(1)).unwrap_or_else(|_| ID::from(std::num::NonZeroU128::MIN));
        Self(Timestamp::new(physical_millis(millis), id))
    }

    /// Milliseconds since the Unix epoch (the physical part).
    pub fn millis(&self) -> u64 {
        self.0.get_time().to_duration().as_millis() as u64
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}-", self.0.get_time().as_u64())?;
        for b in self.0.get_id().to_le_bytes() {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a timestamp")]
pub struct InvalidStamp;

impl FromStr for Stamp {
    type Err = InvalidStamp;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (time, node) = s.split_once('-').ok_or(InvalidStamp)?;
        if time.len() != 16 || node.len() != 32 {
            return Err(InvalidStamp);
        }
        let time = u64::from_str_radix(time, 16).map_err(|_| InvalidStamp)?;
        let mut bytes = [0u8; 16];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(node.get(2 * i..2 * i + 2).ok_or(InvalidStamp)?, 16)
                .map_err(|_| InvalidStamp)?;
        }
        let id = ID::try_from(bytes).map_err(|_| InvalidStamp)?;
        Ok(Self(Timestamp::new(NTP64(time), id)))
    }
}

/// Described as the text it travels as.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Stamp {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "A hybrid logical clock stamp: `<time>-<node>` in fixed-width hex.",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Stamp {}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A stamp too far ahead of this clock: its device's clock is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the change is dated too far in the future; the device's clock may be wrong")]
pub struct TooFarAhead;

/// One node's clock. Every stamp it hands out is later than any it has handed out
/// or observed, which is what makes "edited from" (a change's base) earlier than
/// the change itself.
pub struct Clock(HLC);

impl Clock {
    /// `physical` reads the wall clock (milliseconds since the Unix epoch).
    pub fn new(node: ClientId, physical: fn() -> NTP64) -> Self {
        let id = ID::try_from(node.0.as_u128().max(1))
            .unwrap_or_else(|_| ID::from(std::num::NonZeroU128::MIN));
        Self(
            HLCBuilder::new()
                .with_id(id)
                .with_clock(physical)
                .with_max_delta(MAX_DRIFT)
                .build(),
        )
    }

    pub fn now(&self) -> Stamp {
        Stamp(self.0.new_timestamp())
    }

    /// Moves this clock past `stamp`, unless it is too far ahead to believe.
    pub fn observe(&self, stamp: Stamp) -> Result<(), TooFarAhead> {
        self.0
            .update_with_timestamp(&stamp.0)
            .map_err(|_| TooFarAhead)
    }
}

/// Wall-clock milliseconds as the clock's physical time (NTP64 counts seconds in
/// 32 bits: up to the year 2106; later is held there).
pub fn physical_millis(millis: u64) -> NTP64 {
    NTP64::from(Duration::from_millis(
        millis.min(u64::from(u32::MAX) * 1000),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn text_round_trips_and_keeps_the_order(a in any::<u64>(), an in 1u128.., b in any::<u64>(), bn in 1u128..) {
            let (x, y) = (Stamp::at_millis(a >> 22, an), Stamp::at_millis(b >> 22, bn));
            prop_assert_eq!(x.to_string().parse::<Stamp>().unwrap(), x);
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
        }
    }

    #[test]
    fn bad_text_is_refused() {
        for bad in [
            "",
            "x",
            "0000000000000000-",
            "zz00000000000000-00000000000000000000000000000001",
        ] {
            assert!(bad.parse::<Stamp>().is_err(), "{bad}");
        }
    }

    fn fixed() -> NTP64 {
        physical_millis(1_000_000)
    }

    #[test]
    fn a_clock_moves_past_what_it_observes_and_refuses_the_far_future() {
        let clock = Clock::new(ClientId(uuid::Uuid::from_u128(7)), fixed);
        let first = clock.now();
        assert!(clock.now() > first);
        let ahead = Stamp::at_millis(1_000_000 + 60_000, 9);
        clock.observe(ahead).unwrap();
        assert!(clock.now() > ahead);
        let far = Stamp::at_millis(1_000_000 + MAX_DRIFT.as_millis() as u64 + 1_000, 9);
        assert_eq!(clock.observe(far), Err(TooFarAhead));
    }
}
