//! How the portfolio's meeting papers present themselves: the organisation, the issuing office, the logo and the
//! wording of the fixed texts. One per portfolio, so every secretary's papers look the same.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{AuditValue, Audited, Entity, Id};

/// Largest logo accepted, in bytes.
pub const MAX_LOGO: usize = 512 * 1024;

/// The file types a logo may have.
pub const LOGO_TYPES: [&str; 2] = ["image/png", "image/jpeg"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentProfile {
    /// Always 1: there is one profile per portfolio.
    #[serde(default = "one")]
    pub id: Id,
    /// The name at the top of every page, e.g. "Göteborgs Stad".
    pub organisation: String,
    /// The issuing office of decision memos, e.g. "Stadsledningskontoret".
    pub office: String,
    /// `image/png` or `image/jpeg`; empty when there is no logo.
    #[serde(default)]
    pub logo_media_type: String,
    /// The logo, base64 in JSON; empty for none.
    #[serde(default, with = "super::meeting::base64_bytes")]
    #[schemars(with = "String")]
    pub logo: Vec<u8>,
    /// The opening sentence of the notice.
    pub notice_text: String,
    /// Precedes the contact for absence in the notice.
    pub absence_text: String,
    /// The marking on papers of a confidential item.
    pub confidential_text: String,
    /// Printed under the signature lines of the minutes.
    pub signature_text: String,
}

fn one() -> Id {
    1
}

impl Default for DocumentProfile {
    fn default() -> Self {
        DocumentProfile {
            id: 1,
            organisation: "Göteborgs Stad".into(),
            office: "Stadsledningskontoret".into(),
            logo_media_type: String::new(),
            logo: Vec::new(),
            notice_text: "Ledamöter och adjungerade kallas till sammanträde.".into(),
            absence_text: "Anmäl förhinder i god tid till".into(),
            confidential_text:
                "Handlingen kan innehålla uppgifter som omfattas av sekretess enligt offentlighets- och \
                                sekretesslagen (2009:400)."
                    .into(),
            signature_text: "Protokollet justeras digitalt.".into(),
        }
    }
}

impl DocumentProfile {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("organisation", &self.organisation, true, MAX_NAME);
        problems.text("office", &self.office, false, MAX_NAME);
        for (field, text) in [
            ("notice_text", &self.notice_text),
            ("absence_text", &self.absence_text),
            ("confidential_text", &self.confidential_text),
            ("signature_text", &self.signature_text),
        ] {
            problems.text(field, text, false, MAX_TEXT);
        }
        if !self.logo.is_empty() {
            if !LOGO_TYPES.contains(&self.logo_media_type.as_str()) {
                problems.add("logo_media_type", Rule::NotAllowed { reason: Reason::LogoType });
            }
            if self.logo.len() > MAX_LOGO {
                problems.add("logo", Rule::OutOfRange { min: 1, max: MAX_LOGO as i64 });
            }
        }
        problems
    }

    pub fn normalise(&mut self) {
        self.id = 1;
        self.organisation = self.organisation.trim().to_string();
        self.office = self.office.trim().to_string();
        if self.logo.is_empty() {
            self.logo_media_type.clear();
        }
    }
}

impl Audited for DocumentProfile {
    const ENTITY: Entity = Entity::DocumentProfile;

    audited_id!();

    fn label(&self) -> String {
        "document profile".into()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let logo = if self.logo.is_empty() {
            String::new()
        } else {
            format!("{}, {} bytes", self.logo_media_type, self.logo.len())
        };
        vec![
            ("organisation", AuditValue::Text(self.organisation.clone())),
            ("office", AuditValue::Text(self.office.clone())),
            ("logo", AuditValue::Text(logo)),
            ("notice_text", AuditValue::Text(self.notice_text.clone())),
            ("absence_text", AuditValue::Text(self.absence_text.clone())),
            ("confidential_text", AuditValue::Text(self.confidential_text.clone())),
            ("signature_text", AuditValue::Text(self.signature_text.clone())),
        ]
    }
}
