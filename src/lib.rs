//! Samordna's engine: the portfolio of Göteborgs Stad's strategic coordination group for digitalisation.
//!
//! - [`benefits`]: benefits realisation calculations (NPV, IRR, payback).
//! - [`domain`]: the records (organisations, providers, services, initiatives) and the rules they obey.
//! - [`store`]: the SQLite portfolio file, its migrations and change history. It owns the connection.
//! - [`interchange`]: the whole portfolio as versioned JSON.
//! - [`papers`]: meeting papers as archivable PDF (notice, memos, packet, minutes, extracts).
//! - [`package`]: meeting packages for members who prepare offline, and importing their responses.
//! - [`sheets`]: spreadsheets (XLSX and CSV) in and out.
//! - [`files`]: writing files aside and renaming them, outputs that must not replace the portfolio, inputs read
//!   through a size limit.
//! - [`money`]: exact amounts in öre with Swedish formatting.
//! - [`time`]: instants, dates and Swedish time: the one place that reads and writes stored times.
//! - [`settings`]: the user's own settings (name, language, recent files), kept outside the portfolio.
//!
//! The engine knows nothing of Tauri or the UI; the desktop shell and the CLI are thin layers over it.

pub mod benefits;
pub mod domain;
pub mod error;
pub mod files;
pub mod funding;
pub mod interchange;
pub mod money;
pub mod package;
pub mod papers;
pub mod prioritisation;
pub mod sample;
pub mod settings;
pub mod sheets;
pub mod store;
pub mod time;

pub use error::{Error, Result};
pub use money::Money;
pub use store::{Portfolio, Reader, Stamp, Writer};
pub use time::Timestamp;
