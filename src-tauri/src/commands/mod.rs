//! The commands the UI may invoke, grouped by area. Each is a thin wrapper over [`crate::session::Session`]
//! and the engine. The list here, the one in `build.rs` (which generates their permissions) and the
//! capability in `capabilities/main.json` must name the same commands.

pub mod funding;
pub mod meetings;
pub mod packages;
pub mod portfolio;
pub mod prioritisation;
pub mod records;
