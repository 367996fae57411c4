//! The server's integration tests, one binary: each spawns the real app on port 0
//! over a fresh SQLite file and talks HTTP to it (`helpers`); `cli` and `attack`
//! drive the real binary. One file per feature.

mod helpers;

mod access_log;
mod access_matrix;
mod attack;
mod bringing;
mod cli;
mod consent;
mod export_and_deletion;
mod families;
mod family_records;
mod hardening;
mod invitations;
mod joining;
mod language;
mod meetings;
mod mentor;
mod mentor_workspace;
mod names;
mod notebook;
mod passkeys;
mod plans;
mod problems;
mod push_delivery;
mod reminders;
mod requests;
mod server;
mod sessions;
mod simulation;
mod sync;
mod trash;
mod web;
