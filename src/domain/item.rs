//! What the group values and prioritises: "befintliga och nya förändringsinsatser och gemensamma tjänster"
//! (guideline, "Kommunstyrelsen"). An [`ItemRef`] names one of them, an initiative or an existing shared service,
//! wherever a criteria set, a score, a gate result, a scenario's rule or a selection refers to what is valued.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Id;

/// Whether a valued item is a change initiative or an existing shared service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValuedKind {
    Initiative,
    Service,
}

impl ValuedKind {
    pub fn key(self) -> &'static str {
        match self {
            ValuedKind::Initiative => "initiative",
            ValuedKind::Service => "service",
        }
    }
}

/// A change initiative or a shared service, by id. Its text form, used in JSON and as a selection candidate's id,
/// is `initiative:12` or `service:3`; a bare number (what files written before services were valued hold) reads
/// as an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    Initiative(Id),
    Service(Id),
}

impl ItemRef {
    pub fn kind(self) -> ValuedKind {
        match self {
            ItemRef::Initiative(_) => ValuedKind::Initiative,
            ItemRef::Service(_) => ValuedKind::Service,
        }
    }

    pub fn id(self) -> Id {
        match self {
            ItemRef::Initiative(id) | ItemRef::Service(id) => id,
        }
    }

    pub fn initiative(self) -> Option<Id> {
        match self {
            ItemRef::Initiative(id) => Some(id),
            ItemRef::Service(_) => None,
        }
    }

    pub fn service(self) -> Option<Id> {
        match self {
            ItemRef::Service(id) => Some(id),
            ItemRef::Initiative(_) => None,
        }
    }

    /// The item of a kind and an id.
    pub fn of(kind: ValuedKind, id: Id) -> ItemRef {
        match kind {
            ValuedKind::Initiative => ItemRef::Initiative(id),
            ValuedKind::Service => ItemRef::Service(id),
        }
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind().key(), self.id())
    }
}

/// Text that is not `initiative:ID` or `service:ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnItem(pub String);

impl fmt::Display for NotAnItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an item (expected initiative:ID or service:ID)", self.0)
    }
}

impl std::error::Error for NotAnItem {}

impl FromStr for ItemRef {
    type Err = NotAnItem;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || NotAnItem(text.chars().take(60).collect());
        let (kind, id) = text.split_once(':').ok_or_else(fail)?;
        let id: Id = id.parse().map_err(|_| fail())?;
        if id <= 0 {
            return Err(fail());
        }
        match kind {
            "initiative" => Ok(ItemRef::Initiative(id)),
            "service" => Ok(ItemRef::Service(id)),
            _ => Err(fail()),
        }
    }
}

impl Serialize for ItemRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ItemRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Text {
            /// Written before services were valued: an initiative's id.
            Legacy(Id),
            Item(String),
        }
        match Text::deserialize(deserializer)? {
            Text::Legacy(id) => Ok(ItemRef::Initiative(id)),
            Text::Item(text) => text.parse().map_err(serde::de::Error::custom),
        }
    }
}

impl JsonSchema for ItemRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ItemRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An initiative or a shared service: `initiative:ID` or `service:ID` (a bare integer is \
                            an initiative's id, as files written before services were valued hold).",
            "oneOf": [
                { "type": "string", "pattern": "^(initiative|service):[1-9][0-9]*$" },
                { "type": "integer" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips_and_a_bare_number_is_an_initiative() {
        for item in [ItemRef::Initiative(12), ItemRef::Service(3)] {
            let json = serde_json::to_string(&item).unwrap();
            assert_eq!(serde_json::from_str::<ItemRef>(&json).unwrap(), item);
        }
        assert_eq!(serde_json::to_string(&ItemRef::Service(3)).unwrap(), "\"service:3\"");
        assert_eq!(serde_json::from_str::<ItemRef>("7").unwrap(), ItemRef::Initiative(7));
        for bad in ["\"service:\"", "\"tjänst:3\"", "\"service:-1\"", "\"service:0\"", "\"12\"", "true"] {
            assert!(serde_json::from_str::<ItemRef>(bad).is_err(), "{bad} should not read");
        }
    }
}
