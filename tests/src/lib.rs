//! What the end-to-end tests share: the real server in this process
//! (`server`), a headless Chromium driven through chromedriver (`browser`),
//! waits that poll a condition until a deadline, never a fixed sleep, and the
//! acts built on them (`waits`); the steps journeys share (`journey`), typed
//! requests to the API for set-up (`api`), the DevTools protocol (`devtools`), the long-text family (`demo_data`),
//! and walking every screen with a check (`screens`, `layout_checks`). Each file
//! in tests/ is one user journey; it uses `tsunagu_e2e::*`.

mod api;
mod browser;
mod demo_data;
mod devtools;
mod journey;
mod layout_checks;
mod screens;
mod server;
mod waits;

pub use api::*;
pub use browser::*;
pub use demo_data::*;
pub use devtools::*;
pub use journey::*;
pub use layout_checks::*;
pub use screens::*;
pub use server::*;
pub use waits::*;
