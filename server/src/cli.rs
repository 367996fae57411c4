//! The command line: `serve` (the default) and `demo`.

use std::{io::IsTerminal, net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use tsunagu_model::{FamilyId, Role};

use crate::{
    AppState, Exposure, StaticFiles, admin, app_exposed, clock, demo, families::invitations,
    push::AllowedOrigin, reminders::scheduler::Scheduler, serve, store::db,
};

/// Today in the town (kept here too: tests and benchmarks place their data by it).
pub use crate::clock::town_today;

#[derive(Debug, Parser)]
#[command(
    name = "tsunagu-server",
    version,
    about = "Tsunagu's server",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no subcommand the server serves, with these options.
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the built app (the default).
    Serve(ServeArgs),
    /// Load the fictional demo families; running it again changes nothing.
    Demo(DatabaseArgs),
    /// Make a single-use invitation link (valid 7 days) and print it.
    Invite(InviteArgs),
    /// Withdraw an invitation that has not been used.
    RevokeInvitation(RevokeArgs),
    /// Print everything held about a family as JSON (disclosure).
    Export(ExportArgs),
    /// Remove a family and everything about it from the server.
    DeleteFamily(DeleteArgs),
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The family's id.
    #[arg(long)]
    family: FamilyId,
    #[command(flatten)]
    database: DatabaseArgs,
}

#[derive(Debug, Args)]
struct DeleteArgs {
    /// The family's id.
    family: FamilyId,
    #[command(flatten)]
    database: DatabaseArgs,
}

#[derive(Debug, Args)]
struct InviteArgs {
    /// parent, mentor, coordinator or admin.
    #[arg(long)]
    role: Role,
    /// The family a parent belongs to (required for parents, refused for others).
    #[arg(long)]
    family: Option<FamilyId>,
    /// How the person is addressed in the app.
    #[arg(long)]
    name: String,
    /// The address people open the app at; the link is built on it.
    #[arg(
        long,
        env = "TSUNAGU_PUBLIC_URL",
        default_value = crate::state::DEFAULT_PUBLIC_URL
    )]
    public_url: String,
    #[command(flatten)]
    database: DatabaseArgs,
}

#[derive(Debug, Args)]
struct RevokeArgs {
    /// The invitation's id, as `invite` printed it.
    id: uuid::Uuid,
    #[command(flatten)]
    database: DatabaseArgs,
}

#[derive(Debug, Args)]
struct DatabaseArgs {
    /// SQLite URL; the folder and file are created if missing.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/tsunagu.db")]
    database_url: String,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the log says which).
    #[arg(long, env = "TSUNAGU_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    database: DatabaseArgs,
    /// The built app (the dist/ folder scripts/build-app writes).
    #[arg(long, env = "TSUNAGU_STATIC_DIR", default_value = "dist")]
    static_dir: PathBuf,
    /// The address people open the app at; https turns on HSTS.
    #[arg(
        long,
        env = "TSUNAGU_PUBLIC_URL",
        default_value = crate::state::DEFAULT_PUBLIC_URL
    )]
    public_url: String,
    /// The contact push services may write to about this server's traffic
    /// (`mailto:` or `https:`; the VAPID subject). Defaults to the public URL
    /// when that is https.
    #[arg(long, env = "TSUNAGU_PUSH_CONTACT")]
    push_contact: Option<String>,
    /// For tests only: one origin (e.g. `http://127.0.0.1:PORT`) push
    /// subscriptions may name although it is not a public https address.
    #[arg(long, env = "TSUNAGU_PUSH_ALLOW_ORIGIN")]
    push_allow_origin: Option<String>,
    /// How often the server looks for reminders that came due, in seconds.
    #[arg(long, env = "TSUNAGU_REMINDER_PERIOD", default_value_t = 30)]
    reminder_period: u64,
}

pub async fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    let cli = Cli::parse();
    let result = match cli.command {
        None => run_serve(cli.serve).await,
        Some(Command::Serve(args)) => run_serve(args).await,
        Some(Command::Demo(args)) => run_demo(args).await,
        Some(Command::Invite(args)) => run_invite(args).await,
        Some(Command::RevokeInvitation(args)) => run_revoke(args).await,
        Some(Command::Export(args)) => run_export(args).await,
        Some(Command::DeleteFamily(args)) => run_delete(args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run_serve(args: ServeArgs) -> anyhow::Result<()> {
    let pool = db::connect(&args.database.database_url).await?;
    let static_dir = if args.static_dir.join("index.html").is_file() {
        Some(args.static_dir)
    } else {
        tracing::warn!(dir = %args.static_dir.display(), "no built app there (run scripts/build-app); serving the API only");
        None
    };
    let listener = TcpListener::bind(args.addr).await?;
    let local = listener.local_addr()?;
    // The notebook's trash empties itself: entries there for 30 days are erased.
    let trash_pool = pool.clone();
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match crate::sync::erase_expired_trash(&trash_pool, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(erased) => tracing::info!(erased, "entries erased from the trash"),
                Err(error) => tracing::warn!(%error, "cannot empty the trash now"),
            }
        }
    });
    let allow_origin = args
        .push_allow_origin
        .as_deref()
        .map(AllowedOrigin::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--push-allow-origin: {e}"))?;
    if allow_origin.is_some() {
        tracing::warn!("push subscriptions may name a non-public origin: for tests only");
    }
    let contact = args.push_contact.clone().unwrap_or_else(|| {
        if args.public_url.starts_with("https://") {
            args.public_url.clone()
        } else {
            "mailto:tsunagu@localhost".to_owned()
        }
    });
    let scheduler = Scheduler::start(pool.clone(), &contact, allow_origin.clone())
        .await
        .map_err(|e| anyhow::anyhow!("reminders: {e}"))?;
    tokio::spawn(scheduler.run(std::time::Duration::from_secs(args.reminder_period.max(1))));
    let mut state = AppState::for_public_url(pool.clone(), &args.public_url)
        .map_err(|e| anyhow::anyhow!("--public-url: {e}"))?;
    if let Some(origin) = allow_origin {
        state = state.with_push_allow_origin(origin);
    }
    tracing::info!(addr = %local, public_url = %args.public_url, "listening on http://{local}; people open {}", args.public_url);
    serve(
        listener,
        app_exposed(
            state,
            StaticFiles { dir: static_dir },
            Exposure {
                over_tls: args.public_url.starts_with("https://"),
            },
        ),
        shutdown_signal(),
    )
    .await?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn run_demo(args: DatabaseArgs) -> anyhow::Result<()> {
    let pool = db::connect(&args.database_url).await?;
    demo::load(&pool, clock::town_today()).await?;
    pool.close().await;
    tracing::info!("demo data loaded");
    Ok(())
}

async fn run_invite(args: InviteArgs) -> anyhow::Result<()> {
    let pool = db::connect(&args.database.database_url).await?;
    let invitation = invitations::create(
        &pool,
        args.role,
        args.family,
        &args.name,
        None,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    pool.close().await;
    // The link goes to stdout for the admin to pass on; it is never logged.
    println!("invitation {}", invitation.id);
    println!("expires    {}", invitation.expires_at.to_rfc3339());
    println!(
        "link       {}/invite#{}",
        args.public_url.trim_end_matches('/'),
        invitation.code
    );
    Ok(())
}

async fn run_revoke(args: RevokeArgs) -> anyhow::Result<()> {
    let pool = db::connect(&args.database.database_url).await?;
    let revoked = invitations::revoke(&pool, &args.id.to_string(), None, None, chrono::Utc::now())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    pool.close().await;
    anyhow::ensure!(revoked, "no unused invitation {} to revoke", args.id);
    println!("revoked {}", args.id);
    Ok(())
}

async fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    let pool = db::connect(&args.database.database_url).await?;
    let export = admin::export_family(&pool, args.family)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    pool.close().await;
    println!("{}", serde_json::to_string_pretty(&export)?);
    Ok(())
}

async fn run_delete(args: DeleteArgs) -> anyhow::Result<()> {
    let pool = db::connect(&args.database.database_url).await?;
    let deleted = admin::delete_family(&pool, args.family)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    pool.close().await;
    println!(
        "deleted family {}: {} children, {} meetings, {} accounts",
        args.family, deleted.children, deleted.meetings, deleted.accounts
    );
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (what a service manager sends to stop us).
///
/// The listeners are set up here, before serving starts, not when the future is
/// first polled: a signal arriving while the first requests are answered would
/// otherwise meet the default action and end the process unclean.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
    let ctrl_c = tokio::signal::ctrl_c();
    async move {
        let ctrl_c = async {
            if let Err(error) = ctrl_c.await {
                tracing::error!(%error, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        let terminate = async {
            match terminate {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(error) => {
                    tracing::error!(%error, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {},
            () = terminate => {},
        }
        tracing::info!("shutting down");
    }
}
