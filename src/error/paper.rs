//! Why a document (a meeting paper, a report, a spreadsheet, a member package) cannot be made.

use serde::Serialize;

/// A document that cannot be made, with what the user needs to put it right. The `problem` key and the values are
/// what the UI translates; `Display` is the English text the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, strum::IntoStaticStr, strum::VariantNames)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaperProblem {
    #[error("the PDF could not be written: {detail}")]
    PdfNotWritten { detail: String },
    #[error("the spreadsheet could not be written: {detail}")]
    SheetNotWritten { detail: String },
    #[error("the meeting has {count} agenda items; there is no item {item}")]
    NoSuchItem { count: usize, item: usize },
    #[error("the attachment '{name}' cannot be placed in the packet: {detail}")]
    AttachmentUnplaceable { name: String, detail: String },
    #[error("the attachment '{name}' cannot be read as an image: {detail}")]
    AttachmentNotAnImage { name: String, detail: String },
    #[error("no agenda item of this meeting has a decision memo")]
    NoDecisionMemo,
    #[error("an extract is of one item: give its number (--item N)")]
    ExtractNeedsItem,
    #[error("no decision is recorded on item {item} ('{title}'); an extract shows a decision")]
    NoDecisionOnItem { item: usize, title: String },
    #[error("the logo cannot be read: {detail}")]
    LogoUnreadable { detail: String },
    #[error("the portfolio has no criteria set to rank with")]
    NoCriteriaSet,
    #[error("the packages cannot be made: the system gives no random numbers ({detail})")]
    NoRandomNumbers { detail: String },
    #[error("{provider} has no yearly analysis for {year}")]
    NoAnalysis { provider: String, year: i32 },
}
