//! The real server, in this process, over a fresh SQLite file with the demo
//! data, serving the built app; stopped and started again on its port as a test
//! needs.

use std::path::{Path, PathBuf};

use tempfile::TempDir;
use tsunagu_model::{FamilyId, Role};
use tsunagu_server::{AppState, RunningServer, StaticFiles, app, auth::invitations, db, demo};

use crate::{ApiUser, DEADLINE};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_path_buf()
}

/// The real server, in this process, stoppable on demand.
pub struct Server {
    pub base: String,
    pub db: sqlx::SqlitePool,
    pub running: RunningServer,
    pub dist: PathBuf,
    _data: TempDir,
}

impl Server {
    pub async fn start() -> Self {
        Self::start_serving(repo_root().join("dist")).await
    }

    /// Serves the built app from `dist` (a copy, when a test changes it).
    pub async fn start_serving(dist: PathBuf) -> Self {
        assert!(
            dist.join("index.html").is_file(),
            "no built app in {}: run scripts/build-app (scripts/test does)",
            dist.display()
        );
        let data = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", data.path().join("tsunagu.db").display());
        let pool = db::connect(&url).await.expect("the database opens");
        demo::load(&pool, tsunagu_server::cli::town_today())
            .await
            .expect("the demo data loads");
        let router = app(
            AppState::new(pool.clone()),
            StaticFiles {
                dir: Some(dist.clone()),
            },
        );
        let running = RunningServer::start(router)
            .await
            .expect("the server starts");
        Self {
            base: running.base_url(),
            db: pool,
            running,
            dist,
            _data: data,
        }
    }

    /// A fresh invitation for a parent of the demo family 森川.
    pub async fn invite_parent(&self, name: &str) -> invitations::NewInvitation {
        self.invite(Role::Parent, Some(demo::DEMO_FAMILY), name)
            .await
    }

    /// A fresh invitation made by the server's admin, as `invite` on the command
    /// line makes it.
    pub async fn invite(
        &self,
        role: Role,
        family: Option<FamilyId>,
        name: &str,
    ) -> invitations::NewInvitation {
        invitations::create(&self.db, role, family, name, None, chrono::Utc::now())
            .await
            .expect("an invitation")
    }

    /// Starts again on the same port and database, as after a restart.
    pub async fn restart(&mut self) {
        let router = app(
            AppState::new(self.db.clone()),
            StaticFiles {
                dir: Some(self.dist.clone()),
            },
        );
        self.running = RunningServer::start_at(router, self.running.addr())
            .await
            .expect("the server starts again on its port");
    }

    pub async fn stop(&mut self) {
        self.running
            .stop(DEADLINE)
            .await
            .expect("the server stops cleanly in time");
    }
}

/// Copies a folder (the built app, for a test that publishes a new version).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Server {
    /// 森川's parent confirms every newcomer waiting to join the demo family,
    /// through the API, as they would from the home screen.
    pub async fn confirm_newcomers(&self) {
        ApiUser::demo(self, "morikawa")
            .await
            .confirm_newcomers(demo::DEMO_FAMILY)
            .await;
    }
}
