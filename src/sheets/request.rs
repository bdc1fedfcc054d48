//! Which table to build, as one typed request that the app passes through from the UI and the command line builds
//! from its options, and the one function that builds it.

use serde::Deserialize;

use super::{SheetKind, Table, funding_table, ranking_table, table, template};
use crate::domain::{Id, Language};
use crate::error::Result;
use crate::store::Reader;
use crate::time::Timestamp;

/// A table of the portfolio to write as a spreadsheet. From JSON: `{"table": "register", "kind": "services"}`,
/// `{"table": "template", "kind": "initiatives"}`, `{"table": "ranking", "set_id": 3}` (or without `set_id`),
/// `{"table": "funding", "case_id": 7}`,
/// `{"table": "analysis", "provider_id": 1, "year": 2027}`; any other table or kind is refused when the request is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "table", rename_all = "snake_case", deny_unknown_fields)]
pub enum SheetRequest {
    /// The records of a kind (for the ranking: that of the latest planning period).
    Register { kind: SheetKind },
    /// The empty import template of an importable kind.
    Template { kind: SheetKind },
    /// The ranking of a criteria set, by default the one with the latest planning period.
    Ranking {
        #[serde(default)]
        set_id: Option<Id>,
    },
    /// The comparison of the funding models of a stored funding case.
    Funding { case_id: Id },
    /// A provider's yearly analysis for a year, as the template the provider fills in (its services prefilled).
    Analysis { provider_id: Id, year: i32 },
}

/// Builds the table a request asks for, with headers in `language`; `now` gives a template its planning years.
pub fn build(reader: &Reader, request: &SheetRequest, language: Language, now: Timestamp) -> Result<Table> {
    match *request {
        SheetRequest::Register { kind } => table(reader, kind, language),
        SheetRequest::Template { kind } => template(reader, kind, language, now),
        SheetRequest::Ranking { set_id } => ranking_table(reader, set_id, language),
        SheetRequest::Funding { case_id } => funding_table(reader, case_id, language),
        SheetRequest::Analysis { provider_id, year } => super::analysis_table(reader, provider_id, year, language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reads_from_the_json_the_app_sends_and_an_unknown_table_or_kind_is_refused() {
        let read = |json: &str| serde_json::from_str::<SheetRequest>(json);
        for kind in SheetKind::ALL {
            let json = format!(r#"{{"table": "register", "kind": "{}"}}"#, kind.key());
            assert_eq!(read(&json).unwrap(), SheetRequest::Register { kind });
        }
        assert_eq!(
            read(r#"{"table": "template", "kind": "initiatives"}"#).unwrap(),
            SheetRequest::Template { kind: SheetKind::Initiatives }
        );
        assert_eq!(read(r#"{"table": "ranking", "set_id": 3}"#).unwrap(), SheetRequest::Ranking { set_id: Some(3) });
        assert_eq!(read(r#"{"table": "ranking", "set_id": null}"#).unwrap(), SheetRequest::Ranking { set_id: None });
        assert_eq!(read(r#"{"table": "ranking"}"#).unwrap(), SheetRequest::Ranking { set_id: None });
        assert_eq!(read(r#"{"table": "funding", "case_id": 7}"#).unwrap(), SheetRequest::Funding { case_id: 7 });
        assert!(read(r#"{"table": "register", "kind": "budgets"}"#).is_err());
        assert!(read(r#"{"table": "budget"}"#).is_err());
        assert!(read(r#"{"table": "funding"}"#).is_err(), "a funding table needs its case");
    }
}
