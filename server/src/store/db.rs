//! The SQLite store: one file, created with its folder on first start, in WAL mode
//! so readers never wait for the writer.

use std::{str::FromStr, time::Duration};

use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

/// How long a write waits for the lock; the whole request's limit is longer.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(20);

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the database URL is not valid: {0}")]
    Url(String),
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
    #[error("cannot apply the database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens (creating if missing) the database at `url` and brings its schema up to date.
pub async fn connect(url: &str) -> Result<SqlitePool, DbError> {
    // sqlx would read any other text as a file name and create it.
    if !url.starts_with("sqlite:") {
        return Err(DbError::Url("it must start with sqlite:".to_owned()));
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| DbError::Url(e.to_string()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With WAL, NORMAL loses no committed transaction on a process crash.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // A request that needs the write lock while another holds it waits this
        // long (writes are short: a push holds the lock for its writes alone)
        // before it is answered 503 "busy, try again", never 500.
        .busy_timeout(BUSY_TIMEOUT);

    let file = options.get_filename();
    if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|source| DbError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
    }

    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(BUSY_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(DbError::Open)?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
