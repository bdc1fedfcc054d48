//! The bundled sample portfolio: believable Swedish data across the organisations of the brief, used by
//! `samordna init --sample`, the app's first start and the README's run command.

use std::path::Path;

use crate::error::Result;
use crate::interchange::PortfolioData;
use crate::store::{Portfolio, Stamp};

/// The sample as exported JSON (`assets/sample/portfolio.json`).
pub const SAMPLE_JSON: &str = include_str!("../assets/sample/portfolio.json");

/// The note the sample's records carry in the history.
pub const SAMPLE_NOTE: &str = "Exempelportfölj";

/// Creates a new portfolio at `path` holding the sample.
pub fn create(path: &Path, stamp: &Stamp) -> Result<Portfolio> {
    let data = PortfolioData::from_json(SAMPLE_JSON)?;
    let mut portfolio = Portfolio::create(path, stamp)?;
    let written = portfolio.write(stamp, |w| data.replace_into(w, SAMPLE_NOTE));
    if let Err(error) = written {
        drop(portfolio);
        let _ = std::fs::remove_file(path);
        return Err(error);
    }
    Ok(portfolio)
}
