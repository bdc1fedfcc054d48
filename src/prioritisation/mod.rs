//! The calculations of valuing and prioritising, on plain data (no database): pairwise weights (AHP), the
//! members' scores summarised per criterion, ranking with sensitivity, and selection under budget frames.

pub mod ahp;
pub mod assessment;
pub mod branch_and_bound;
pub mod budget;
pub mod follow_up;
pub mod ranking;
pub mod scoring;
pub mod selection;
