//! The commands the UI may invoke, grouped by area. Each is a thin wrapper over [`crate::session::Session`]
//! and the engine. `list.rs` names them all, once: the app registers and permits what it names.

#[macro_use]
mod list;
#[cfg(test)]
mod tests;

pub mod analyses;
pub mod budget;
pub mod follow_up;
pub mod funding;
pub mod meetings;
pub mod packages;
pub mod portfolio;
pub mod prioritisation;
pub mod records;
