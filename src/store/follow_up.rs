//! Loading the follow-up against the frames of a year (`prioritisation::follow_up`), and the actual outcomes.

use super::Reader;
use crate::domain::{ActualOutcome, Entity, FRAME_YEARS, Problems, Rule};
use crate::error::{Error, Result};
use crate::prioritisation::follow_up::{FollowUp, FollowUpInput};

impl Reader<'_> {
    /// Every actual outcome recorded, by year, then item.
    pub fn actual_outcomes(&self) -> Result<Vec<ActualOutcome>> {
        self.all()
    }

    /// What the follow-up of `year` is computed from. A year outside the frames' years ([`FRAME_YEARS`]) is
    /// refused, as a decided frame for it would be.
    pub fn follow_up_input(&self, year: i32) -> Result<FollowUpInput> {
        if !(FRAME_YEARS.0..=FRAME_YEARS.1).contains(&year) {
            let mut problems = Problems::new();
            problems.add("year", Rule::OutOfRange { min: FRAME_YEARS.0.into(), max: FRAME_YEARS.1.into() });
            return Err(Error::Invalid { entity: Entity::DecidedFrame, label: year.to_string(), problems });
        }
        let mut services = Vec::new();
        for service in self.services()? {
            let costs = self.weighed_costs(&service)?;
            services.push((service, costs));
        }
        Ok(FollowUpInput {
            year,
            decided_frames: self.decided_frames()?,
            scenarios: self.all()?,
            initiatives: self.initiatives()?,
            services,
            actuals: self.actual_outcomes()?,
        })
    }

    /// The follow-up of `year` against the frames: the one result the dashboard, the yearly report and the command
    /// line show.
    pub fn follow_up(&self, year: i32) -> Result<FollowUp> {
        Ok(self.follow_up_input(year)?.follow_up())
    }
}
