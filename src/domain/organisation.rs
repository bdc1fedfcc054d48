use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_by_name;
use super::validation::{MAX_NAME, Problems};
use super::{AuditValue, Audited, Entity, Id, Language, OrganisationKind, Referent};

/// A board (nämnd), administration (förvaltning) or company (bolag) of the city. The customers (kunder) are the
/// förvaltningar and bolag (riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen"); each
/// förvaltning belongs to its nämnd (`parent_id`), and a bolag is its own party, whose styrelse decides for it. A
/// nämnd owns initiatives, decides on its förvaltning's avsteg and is a provider's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub kind: OrganisationKind,
    /// The board (nämnd) an administration answers to, or the parent company of a company.
    pub parent_id: Option<Id>,
}

/// Who decides for a customer: the förvaltning's nämnd, or the bolag itself (its styrelse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decider {
    /// The organisation that decides: the nämnd, or the bolag whose styrelse decides.
    Is(Id),
    /// A förvaltning whose nämnd is not recorded.
    NoBoard,
    /// Not a customer (a nämnd), so nobody decides for it as one.
    NotACustomer,
}

impl Organisation {
    /// Whether it can be a customer: a förvaltning or a bolag ([`OrganisationKind::is_customer`]).
    pub fn is_customer(&self) -> bool {
        self.kind.is_customer()
    }

    /// Who decides for it as a customer, such as on an avsteg it motivates (riktlinjen, "Avsteg från riktlinjen":
    /// "Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg"): a förvaltning's nämnd (its parent, when that is a
    /// nämnd), a bolag's own styrelse (the bolag itself).
    pub fn decider(&self, organisations: &[Organisation]) -> Decider {
        match self.kind {
            OrganisationKind::Board => Decider::NotACustomer,
            kind if kind.is_company() => Decider::Is(self.id),
            _ => match self.parent_id.and_then(|p| organisations.iter().find(|o| o.id == p)) {
                Some(parent) if parent.kind == OrganisationKind::Board => Decider::Is(parent.id),
                _ => Decider::NoBoard,
            },
        }
    }

    /// The name of the party `id` among `organisations` as one that decides ([`Organisation::as_decider`]); empty for
    /// none or an unknown id.
    pub fn decider_name(organisations: &[Organisation], id: Option<Id>, language: Language) -> String {
        id.and_then(|id| organisations.iter().find(|o| o.id == id)).map(|o| o.as_decider(language)).unwrap_or_default()
    }

    /// Its name as the party that decides: a nämnd by its name, a bolag's board as "Göteborg Energi (styrelse)".
    pub fn as_decider(&self, language: Language) -> String {
        if self.kind.is_company() {
            match language {
                Language::Sv => format!("{} (styrelse)", self.name),
                Language::En => format!("{} (board)", self.name),
            }
        } else {
            self.name.clone()
        }
    }
}

impl Organisation {
    /// The rules that need no other record.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        problems
    }
}

impl Audited for Organisation {
    const ENTITY: Entity = Entity::Organisation;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::text(&self.name)),
            ("kind", AuditValue::text(self.kind.key())),
            ("parent_id", AuditValue::Reference(Referent::Organisation, self.parent_id)),
        ]
    }
}
