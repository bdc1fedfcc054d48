//! Engine integration tests: one binary, one module per area (see ripgrep's tests/tests.rs).

mod support;

mod analyses;
mod analysis_cycle;
mod backups;
mod benefits;
mod budget;
mod cli;
mod codes;
#[cfg(unix)]
mod crash;
mod customers;
mod decisions;
mod deviations;
mod follow_up;
mod funding;
mod guideline_words;
mod history;
mod interchange;
mod layers;
mod lifecycle;
mod meetings;
mod merge;
mod migrations;
mod money;
mod opening;
mod outputs;
mod package_rounds;
mod packages;
mod paper_layout;
mod papers;
mod practice;
mod prioritisation;
mod robustness;
mod selection_solvers;
mod services_shared;
mod services_valued;
mod sheets;
mod writes;
