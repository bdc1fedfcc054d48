//! Errors as the UI receives them: `{code, message, fields?}`. The UI shows Swedish text for the code (and for
//! each field's rule); `message` is the engine's English text, kept for logs and for codes the UI does not know.

use samordna::domain::FieldError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    /// For `invalid`: every broken rule, by field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Values the UI puts into its text for the code (e.g. `name`, `count` and `used_by` for `in_use`).
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub params: serde_json::Map<String, serde_json::Value>,
}

impl CommandError {
    pub fn no_portfolio() -> Self {
        CommandError {
            code: "no_portfolio",
            message: "no portfolio is open".into(),
            fields: Vec::new(),
            params: serde_json::Map::new(),
        }
    }
}

impl CommandError {
    /// A change while the app knows no name to record it with (neither the user's own nor a login name).
    pub fn name_required() -> Self {
        CommandError {
            code: "name_required",
            message: "give your name in the settings: every change is recorded with who made it".into(),
            fields: Vec::new(),
            params: serde_json::Map::new(),
        }
    }

    pub fn no_package() -> Self {
        CommandError {
            code: "no_package",
            message: "no meeting package is open".into(),
            fields: Vec::new(),
            params: serde_json::Map::new(),
        }
    }
}

impl From<samordna::Error> for CommandError {
    fn from(error: samordna::Error) -> Self {
        let fields = match &error {
            samordna::Error::Invalid { problems, .. } => problems.errors().to_vec(),
            _ => Vec::new(),
        };
        CommandError { code: error.code(), message: error.to_string(), fields, params: error.params() }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;
    use samordna::domain::{Entity, Problems, Rule};
    use serde_json::json;

    #[test]
    fn the_json_shape_is_stable() {
        let mut problems = Problems::new();
        problems.add("title", Rule::Required);
        problems.add("title", Rule::TooLong { max: 200 });
        problems.add("case_number", Rule::Format { expected: "SLK-2026-00123".into() });
        let error = CommandError::from(samordna::Error::Invalid {
            entity: Entity::Initiative,
            label: "SLK-2026-00001".into(),
            problems,
        });
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            json!({
                "code": "invalid",
                "message": "invalid initiative 'SLK-2026-00001': title is required; title is longer than 200 characters; \
                            case_number has the wrong form (expected e.g. SLK-2026-00123)",
                "fields": [
                    {"field": "title", "code": "required"},
                    {"field": "title", "code": "too_long", "max": 200},
                    {"field": "case_number", "code": "format", "expected": "SLK-2026-00123"}
                ],
                "params": {"name": "SLK-2026-00001"}
            })
        );
        let in_use = CommandError::from(samordna::Error::InUse {
            entity: Entity::Organisation,
            label: "Kulturnämnden".into(),
            count: 2,
            used_by: "KUF-2026-00019, SLK-2026-00103".into(),
        });
        assert_eq!(
            serde_json::to_value(&in_use).unwrap()["params"],
            json!({"name": "Kulturnämnden", "count": 2, "used_by": "KUF-2026-00019, SLK-2026-00103"})
        );
        let missing = CommandError::from(samordna::Error::NotAPortfolio { path: "/tmp/x.txt".into() });
        assert_eq!(
            serde_json::to_value(&missing).unwrap(),
            json!({"code": "not_a_portfolio", "message": "/tmp/x.txt is not a Samordna portfolio"})
        );
    }
}
