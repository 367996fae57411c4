//! The store: every SQL statement of the server, and the only place that knows
//! the database is SQLite (`BEGIN IMMEDIATE`, `PRAGMA data_version`, `ON
//! CONFLICT`, SQLite's date functions). Everything above it takes and returns
//! domain types; a second database plugs in here.
//!
//! `Store` is the pool. A `Handle` is one connection of it: a `Reader` outside
//! any transaction, or a `Tx` within one (the multi-statement writes: a push,
//! an outcome, a joining). Statements are methods of `Handle`, grouped by table
//! in this module's files, so the same statement serves a read and a write.

pub mod audit;
pub mod consents;
pub mod db;
pub mod export;
pub mod families;
pub mod invitations;
pub mod joining;
pub mod passkeys;
pub mod people;
pub mod records;
pub mod reminders;
pub mod sessions;
pub mod sync_log;
pub mod trash;

use std::{ops::DerefMut, str::FromStr};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{
    Sqlite, SqliteConnection, SqlitePool, Transaction, error::BoxDynError, pool::PoolConnection,
    sqlite::SqliteValueRef,
};

/// What can go wrong in the store. Messages name tables and columns, never
/// what they hold.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database stayed locked by other writers past the busy timeout, or
    /// no connection came free: a moment's wait, not a fault.
    #[error("database busy: {0}")]
    Busy(sqlx::Error),
    #[error("database error: {0}")]
    Failed(sqlx::Error),
    /// Stored data that does not read back as the domain says it must.
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
}

impl StoreError {
    fn corrupt(what: &str) -> Self {
        Self::Corrupt(what.to_owned())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut => Self::Busy(error),
            // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
            sqlx::Error::Database(ref e)
                if e.code()
                    .and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(|c| matches!(c & 0xff, 5 | 6)) =>
            {
                Self::Busy(error)
            }
            // The decoder's own message may quote the value: only the column is said.
            sqlx::Error::ColumnDecode { index, .. } => Self::Corrupt(format!("column {index}")),
            sqlx::Error::Decode(_) => Self::corrupt("a stored value"),
            error => Self::Failed(error),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The pool: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// A connection for reads (each statement on its own).
    pub async fn read(&self) -> Result<Reader> {
        Ok(Handle(self.pool.acquire().await?))
    }

    /// A transaction that takes the write lock only when it first writes: for
    /// reads that must agree with each other and writes that cannot race.
    pub async fn begin(&self) -> Result<Tx<'static>> {
        Ok(Handle(self.pool.begin().await?))
    }

    /// A transaction that holds the write lock from its start, so concurrent
    /// writers queue instead of failing to upgrade a read.
    pub async fn begin_write(&self) -> Result<Tx<'static>> {
        Ok(Handle(self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }
}

/// What a `Handle` runs on: a pooled connection or a transaction.
pub trait Connection: DerefMut<Target = SqliteConnection> + Send {}
impl<T: DerefMut<Target = SqliteConnection> + Send> Connection for T {}

/// One connection of the store; its statements are in this module's files.
pub struct Handle<C>(C);

pub type Reader = Handle<PoolConnection<Sqlite>>;
pub type Tx<'c> = Handle<Transaction<'c, Sqlite>>;

impl<C: Connection> Handle<C> {
    fn c(&mut self) -> &mut SqliteConnection {
        &mut self.0
    }

    /// Changes whenever another connection commits: work prepared on what was
    /// read is still good if it has not moved.
    pub async fn commit_mark(&mut self) -> Result<i64> {
        let (version,): (i64,) = sqlx::query_as("PRAGMA data_version")
            .fetch_one(self.c())
            .await?;
        Ok(version)
    }
}

impl Reader {
    /// Takes the write lock on this same connection (its `commit_mark` goes on
    /// from the one read before).
    pub async fn begin_write(&mut self) -> Result<Tx<'_>> {
        use sqlx::Connection as _;
        Ok(Handle(self.0.begin_with("BEGIN IMMEDIATE").await?))
    }
}

impl Tx<'_> {
    pub async fn commit(self) -> Result<()> {
        Ok(self.0.commit().await?)
    }
}

/// A text column read through its domain type's `FromStr` (ids, roles, kinds).
pub struct Parsed<T>(pub T);

impl<T> sqlx::Type<Sqlite> for Parsed<T> {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <String as sqlx::Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <String as sqlx::Type<Sqlite>>::compatible(ty)
    }
}

impl<'r, T: FromStr> sqlx::Decode<'r, Sqlite> for Parsed<T> {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as sqlx::Decode<Sqlite>>::decode(value)?;
        text.parse()
            .map(Parsed)
            .map_err(|_| "not a valid stored value".into())
    }
}

/// An instant as stored: RFC 3339 in UTC, to the second, so text order is
/// time order.
pub struct Stamp(pub DateTime<Utc>);

impl FromStr for Stamp {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        crate::clock::from_text(text).map(Stamp).ok_or(())
    }
}

/// A calendar date as stored (ISO 8601).
pub struct Day(pub NaiveDate);

impl FromStr for Day {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        tsunagu_model::iso::parse_date(text).map(Day).ok_or(())
    }
}

/// An instant as the store writes it.
fn stamp(at: DateTime<Utc>) -> String {
    crate::clock::to_text(at)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
