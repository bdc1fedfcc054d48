//! What a package offered to score, recorded with it when it is exported, and the agenda as it was: a response is
//! matched by what it scores, not by the whole meeting, so it stays answerable when the agenda changes in ways that
//! do not touch what is scored (items added, moved, their texts edited); the changes since export are told; and
//! only a change to what the response scores (an item or a criterion no longer scored, a scale or its levels
//! changed) refuses it, naming what changed.
//!
//! The record is the portfolio's, never the member's: a response can score only what the package offered (so not
//! an item added to the meeting after export, whatever its author writes and signs) and only what is still scored.

use super::*;

/// What one member's package offered to score, and the agenda it showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Offered {
    /// The member the package was made for.
    member: Id,
    /// The criteria set with its criteria; none when the meeting had none.
    set: Option<OfferedSet>,
    /// The initiatives and services to score, in the package's order, with the names they had.
    items: Vec<OfferedThing>,
    /// The agenda in its order.
    agenda: Vec<OfferedItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferedSet {
    id: Id,
    name: String,
    criteria: Vec<OfferedCriterion>,
}

/// A criterion as scored: its scale and the meaning of each level are what a score means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferedCriterion {
    id: Id,
    name: String,
    scale_min: u8,
    scale_max: u8,
    anchors: Vec<String>,
}

impl OfferedCriterion {
    fn of(c: &crate::domain::Criterion) -> OfferedCriterion {
        OfferedCriterion {
            id: c.id,
            name: c.name.clone(),
            scale_min: c.scale_min,
            scale_max: c.scale_max,
            anchors: c.anchors.clone(),
        }
    }

    /// Whether a score against `self` means the same against `now`.
    fn scored_alike(&self, now: &OfferedCriterion) -> bool {
        (self.scale_min, self.scale_max, &self.anchors) == (now.scale_min, now.scale_max, &now.anchors)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferedThing {
    item: ItemRef,
    name: String,
}

/// An agenda item as the package showed it: its title, and a digest of everything else a member reads in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferedItem {
    id: Id,
    title: String,
    digest: String,
}

impl OfferedItem {
    fn of(item: &crate::domain::AgendaItem) -> OfferedItem {
        // What the item says and is about; not its id, title (told apart) or paragraph (given at the meeting).
        let facts = (
            item.kind.key(),
            &item.case_number,
            &item.presenter,
            &item.officer,
            &item.proposed_decision,
            &item.summary,
            &item.background,
            &item.assessment,
            item.confidential,
            (item.initiative_id, item.service_id, item.deviation_id, item.scenario_id, item.valuation),
        );
        OfferedItem {
            id: item.id,
            title: item.title.clone(),
            digest: checksum(&serde_json::to_vec(&facts).expect("agenda items serialise")),
        }
    }
}

/// What is scored, by kind, for a refusal or a change.
fn scored_kind(item: ItemRef) -> Scored {
    match item {
        ItemRef::Initiative(_) => Scored::Initiative,
        ItemRef::Service(_) => Scored::Service,
    }
}

impl Offered {
    /// What `scope` offers `member` to score, and its agenda.
    pub(super) fn of(scope: &Scope, member: Id) -> Offered {
        Offered {
            member,
            set: scope.set.as_ref().map(|set| OfferedSet {
                id: set.id,
                name: set.name.clone(),
                criteria: set.criteria.iter().map(OfferedCriterion::of).collect(),
            }),
            items: scope
                .items()
                .into_iter()
                .map(|item| OfferedThing { item, name: scope.label(item).unwrap_or_else(|| item.to_string()) })
                .collect(),
            agenda: scope.meeting.items.iter().map(OfferedItem::of).collect(),
        }
    }

    pub(super) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("what a package offered serialises")
    }

    /// The record kept with a package; `None` when it cannot be read (then the package is treated as changed).
    pub(super) fn from_json(text: &str) -> Option<Offered> {
        serde_json::from_str(text).ok()
    }

    /// The hash of what the member scores with the package: the meeting, the member, the set and its criteria
    /// with their scales and levels, and the items. Names and the agenda are not part of it.
    pub(super) fn fingerprint(&self, meeting_id: Id) -> String {
        let criteria = self.set.as_ref().map(|set| {
            let criteria: Vec<(Id, u8, u8, &[String])> =
                set.criteria.iter().map(|c| (c.id, c.scale_min, c.scale_max, c.anchors.as_slice())).collect();
            (set.id, criteria)
        });
        let items: Vec<ItemRef> = self.items.iter().map(|t| t.item).collect();
        let scored = (meeting_id, self.member, criteria, items);
        checksum(&serde_json::to_vec(&scored).expect("fingerprints serialise"))
    }

    /// The current criteria set, when it is still the one the package offered.
    fn same_set<'s>(&self, scope: &'s Scope) -> Option<&'s CriteriaSet> {
        let offered = self.set.as_ref()?;
        scope.set.as_ref().filter(|set| set.id == offered.id)
    }

    /// Checks a response's scores: each is a cell the package offered, once, on the criterion's scale as the
    /// package showed it (else `not_in_package`), and is still scored, meaning what it meant then (else
    /// `no_longer_scored` or `scale_changed`, naming what changed). Returns the cells scored.
    pub(super) fn check(
        &self,
        scope: &Scope,
        scores: &[ResponseScore],
    ) -> std::result::Result<BTreeSet<(ItemRef, Id)>, Refusal> {
        let Some(offered_set) = &self.set else {
            return if scores.is_empty() {
                Ok(BTreeSet::new())
            } else {
                Err(Refusal::NotInPackage { detail: "the meeting had no criteria set".into() })
            };
        };
        let seen = check_cells(
            scores,
            |item| self.items.iter().find(|t| t.item == item).map(|t| t.name.as_str()),
            |id| {
                offered_set.criteria.iter().find(|c| c.id == id).map(|c| Scale {
                    name: &c.name,
                    min: c.scale_min,
                    max: c.scale_max,
                })
            },
        )?;
        if seen.is_empty() {
            return Ok(seen);
        }
        let Some(set) = self.same_set(scope) else {
            return Err(Refusal::NoLongerScored { what: Scored::CriteriaSet, name: offered_set.name.clone() });
        };
        let now = scope.items();
        for score in scores {
            if !now.contains(&score.item) {
                let name = self.items.iter().find(|t| t.item == score.item).map(|t| t.name.clone());
                return Err(Refusal::NoLongerScored {
                    what: scored_kind(score.item),
                    name: name.unwrap_or_else(|| score.item.to_string()),
                });
            }
            let then = offered_set.criteria.iter().find(|c| c.id == score.criterion_id);
            let then = then.expect("checked against the package's criteria above");
            match set.criteria.iter().find(|c| c.id == score.criterion_id) {
                None => return Err(Refusal::NoLongerScored { what: Scored::Criterion, name: then.name.clone() }),
                Some(current) if !then.scored_alike(&OfferedCriterion::of(current)) => {
                    return Err(Refusal::ScaleChanged { criterion: then.name.clone() });
                }
                Some(_) => {}
            }
        }
        Ok(seen)
    }

    /// The cells the member could score with the package and that are scored now, meaning the same: of an
    /// earlier response, only these are unscored when a newer one leaves them out.
    pub(super) fn cells_still_scored(&self, scope: &Scope) -> BTreeSet<(ItemRef, Id)> {
        let (Some(offered), Some(set)) = (&self.set, self.same_set(scope)) else { return BTreeSet::new() };
        let now = scope.items();
        let criteria: Vec<Id> = offered
            .criteria
            .iter()
            .filter(|c| {
                set.criteria.iter().any(|current| current.id == c.id && c.scored_alike(&OfferedCriterion::of(current)))
            })
            .map(|c| c.id)
            .collect();
        let items = self.items.iter().map(|t| t.item).filter(|item| now.contains(item));
        items.flat_map(|item| criteria.iter().map(move |&c| (item, c))).collect()
    }

    /// What changed since the package was exported: the agenda's items added, removed, moved, renamed or edited,
    /// then what is scored (items and criteria added or removed, a scale or levels changed, a criterion renamed).
    pub(super) fn since(&self, scope: &Scope) -> Vec<SinceExport> {
        let mut changes = self.agenda_since(&scope.meeting.items);
        changes.extend(self.scored_since(scope));
        changes
    }

    fn agenda_since(&self, now: &[crate::domain::AgendaItem]) -> Vec<SinceExport> {
        let mut changes = Vec::new();
        let is_now = |id: Id| now.iter().any(|i| i.id == id);
        let was = |id: Id| self.agenda.iter().any(|i| i.id == id);
        for (index, then) in self.agenda.iter().enumerate() {
            if !is_now(then.id) {
                changes.push(SinceExport::ItemRemoved { number: index + 1, title: then.title.clone() });
            }
        }
        for (index, item) in now.iter().enumerate() {
            if !was(item.id) {
                changes.push(SinceExport::ItemAdded { number: index + 1, title: item.title.clone() });
            }
        }
        // Moved: the items that were there then and are now, in another order among themselves and at another
        // number (an item added or removed before another does not move it; of two items swapped around an added
        // one, the one whose number stays is not said to move).
        let kept_then: Vec<Id> = self.agenda.iter().map(|i| i.id).filter(|&id| is_now(id)).collect();
        let kept_now: Vec<Id> = now.iter().map(|i| i.id).filter(|&id| was(id)).collect();
        for (index, item) in now.iter().enumerate() {
            let Some(then_index) = self.agenda.iter().position(|i| i.id == item.id) else { continue };
            let then = &self.agenda[then_index];
            let place = |list: &[Id]| list.iter().position(|&id| id == item.id);
            if place(&kept_then) != place(&kept_now) && then_index != index {
                changes.push(SinceExport::ItemMoved { title: item.title.clone(), from: then_index + 1, to: index + 1 });
            }
            if then.title != item.title {
                changes.push(SinceExport::ItemRetitled {
                    number: index + 1,
                    from: then.title.clone(),
                    to: item.title.clone(),
                });
            }
            if then.digest != OfferedItem::of(item).digest {
                changes.push(SinceExport::ItemEdited { number: index + 1, title: item.title.clone() });
            }
        }
        changes
    }

    fn scored_since(&self, scope: &Scope) -> Vec<SinceExport> {
        let mut changes = Vec::new();
        match (&self.set, self.same_set(scope)) {
            (Some(offered), None) => {
                changes.push(SinceExport::ScoredRemoved { what: Scored::CriteriaSet, name: offered.name.clone() });
                return changes;
            }
            (Some(offered), Some(set)) => {
                for then in &offered.criteria {
                    match set.criteria.iter().find(|c| c.id == then.id) {
                        None => changes
                            .push(SinceExport::ScoredRemoved { what: Scored::Criterion, name: then.name.clone() }),
                        Some(now) => {
                            if !then.scored_alike(&OfferedCriterion::of(now)) {
                                changes.push(SinceExport::ScaleChanged { criterion: now.name.clone() });
                            }
                            if then.name != now.name {
                                changes.push(SinceExport::CriterionRenamed {
                                    from: then.name.clone(),
                                    to: now.name.clone(),
                                });
                            }
                        }
                    }
                }
                for now in set.criteria.iter().filter(|c| !offered.criteria.iter().any(|then| then.id == c.id)) {
                    changes.push(SinceExport::ScoredAdded { what: Scored::Criterion, name: now.name.clone() });
                }
            }
            (None, _) => {}
        }
        let now = scope.items();
        for then in self.items.iter().filter(|t| !now.contains(&t.item)) {
            changes.push(SinceExport::ScoredRemoved { what: scored_kind(then.item), name: then.name.clone() });
        }
        for item in now.iter().filter(|item| !self.items.iter().any(|t| t.item == **item)) {
            let name = scope.label(*item).unwrap_or_else(|| item.to_string());
            changes.push(SinceExport::ScoredAdded { what: scored_kind(*item), name });
        }
        changes
    }
}
