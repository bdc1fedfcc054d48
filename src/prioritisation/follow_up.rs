//! The follow-up against the frames for one year: per frame (development, management) the frame the council
//! decided (or, where it decided none, the one proposed), what is committed against it, the actual outcome recorded
//! so far, and what is left; and per item what it commits and what it has cost. The dashboard, the yearly
//! follow-up report and `samordna budget follow-up` all show this one result.
//!
//! Riktlinjen, "Finansiering": "Finansiering för stadens digitaliseringsarbete ska hanteras inom det ordinarie
//! budget- och uppföljningsarbetet"; "Kommunstyrelsen": the group values and prioritises "på föreslagna ramar för
//! förvaltning och utveckling av gemensamma tjänster och förändringsinsatser"; "Kommunfullmäktige": "De yttersta
//! ramarna beslutas utifrån årligt budgetbeslut".
//!
//! What counts (docs/funding.md, "Follow-up against the frames"):
//! - the frame: the council's [`DecidedFrame`] for the year; where none is recorded, the frame proposed for the
//!   year by the most recently created selection scenario that proposes one (the highest id), marked as not decided
//!   by the council; where neither exists, zero;
//! - committed: the year's costs of the shared initiatives whose state commits money
//!   ([`InitiativeState::commits_money`]) and of the shared services in operation or being phased out. A
//!   business-specific initiative never counts: its own board funds it within its own budget (riktlinjen, the table
//!   in "Tjänster och förändringsinsatser": "Inom egen budget"). A planned service is not decided yet; a service
//!   under development is being built by an initiative (a new shared service) whose costs already count; a retired
//!   one costs nothing more (the city's practice, as the selection weighs services: see the docs);
//! - actual: the outcomes recorded for the year, of shared initiatives (whatever their state: a closed one has
//!   still spent what it spent) and of services;
//! - left: the frame less what is committed (what the group can still commit during the year, such as a small
//!   initiative it decides itself; negative when more is committed than the frame), and unspent: the frame less
//!   the actual outcome so far.
//!
//! Plain data: the store loads a [`FollowUpInput`] (`Reader::follow_up_input`) and [`FollowUpInput::follow_up`]
//! computes without the portfolio.

use std::collections::BTreeMap;

use serde::Serialize;

use super::budget::FrameKind;
use crate::domain::{
    ActualOutcome, DecidedFrame, Id, Initiative, InitiativeState, ItemRef, Language, Scenario, Service, ServiceState,
    Track, ValuedKind, YearCost,
};
use crate::money::Money;
use crate::time::NaiveDate;

/// What the follow-up of a year is computed from: the portfolio's records, loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpInput {
    pub year: i32,
    /// Every decided frame recorded (those of other years are not used).
    pub decided_frames: Vec<DecidedFrame>,
    /// Every selection scenario, for the proposed frame of a year the council has decided none for.
    pub scenarios: Vec<Scenario>,
    pub initiatives: Vec<Initiative>,
    /// Every service with the costs per year it is weighed with against the frames: its own, or (when it has none)
    /// what its funding case forecasts (as `Reader::valued_items` gives them to the selection).
    pub services: Vec<(Service, Vec<YearCost>)>,
    /// Every outcome recorded (those of other years are not used).
    pub actuals: Vec<ActualOutcome>,
}

/// Where the year's frames come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FrameSource {
    /// The council's decision, as recorded.
    Council {
        reference: String,
        #[serde(with = "crate::time::date")]
        decided_on: NaiveDate,
    },
    /// No decision recorded: the frame a selection scenario proposes.
    Scenario { scenario_id: Id, scenario_name: String },
    /// Neither: the frames are zero.
    None,
}

/// One frame of the year followed up. Amounts in öre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FrameFollowUp {
    pub kind: FrameKind,
    /// The frame: the council's decided one, else the proposed one (`decided_by_council` false), else zero.
    pub decided: Money,
    pub decided_by_council: bool,
    /// What the committed items cost in the year.
    pub committed: Money,
    /// The actual outcome recorded so far.
    pub actual: Money,
    /// `decided` less `committed`: what is left to commit (negative when the commitments exceed the frame).
    pub left: Money,
    /// `decided` less `actual`: what is not yet spent of the frame.
    pub unspent: Money,
}

/// Development and management of one item in the year, in öre.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Amounts {
    pub development: Money,
    pub management: Money,
}

impl Amounts {
    /// The amount against the frame of `kind`.
    pub fn of(self, kind: FrameKind) -> Money {
        match kind {
            FrameKind::Development => self.development,
            FrameKind::Management => self.management,
        }
    }

    fn is_zero(self) -> bool {
        self == Amounts::default()
    }
}

/// Where an initiative or a service is in its life (its lifecycle state's key in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ItemState {
    Initiative(InitiativeState),
    Service(ServiceState),
}

impl ItemState {
    pub fn key(self) -> &'static str {
        match self {
            ItemState::Initiative(state) => state.key(),
            ItemState::Service(state) => state.key(),
        }
    }

    pub fn label(self, language: Language) -> &'static str {
        match self {
            ItemState::Initiative(state) => state.label(language),
            ItemState::Service(state) => state.label(language),
        }
    }
}

/// An item that commits money in the year or has an outcome recorded for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemFollowUp {
    pub item: ItemRef,
    pub kind: ValuedKind,
    /// An initiative's case number; empty for a service.
    pub reference: String,
    /// An initiative's title, a service's name.
    pub name: String,
    pub state: ItemState,
    /// What it commits against the frames in the year (zero when its state commits nothing).
    pub committed: Amounts,
    /// The outcome recorded for the year; `null` when none is recorded yet.
    pub actual: Option<Amounts>,
}

impl ItemFollowUp {
    /// The case number, else the name.
    pub fn label(&self) -> &str {
        if self.reference.is_empty() { &self.name } else { &self.reference }
    }
}

/// The follow-up of one year against the frames.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub year: i32,
    pub frame_source: FrameSource,
    /// Development, then management.
    pub frames: Vec<FrameFollowUp>,
    /// Initiatives by case number, then services by name.
    pub items: Vec<ItemFollowUp>,
}

impl FollowUp {
    /// The frame of `kind`.
    pub fn frame(&self, kind: FrameKind) -> &FrameFollowUp {
        self.frames.iter().find(|f| f.kind == kind).expect("both frames are followed up")
    }
}

/// Whether an initiative's costs count as committed against the group's frames: a shared initiative in a state
/// that commits money. Never a business-specific one, which its own board funds ("Inom egen budget").
pub fn initiative_commits(initiative: &Initiative) -> bool {
    initiative.track == Track::Shared && initiative.state.commits_money()
}

/// Whether a service's costs count as committed: a catalogue service in operation or being phased out (practice:
/// a planned service is not decided, one under development is built by an initiative whose costs count, a retired
/// one costs nothing more).
pub fn service_commits(service: &Service) -> bool {
    service.category.in_catalogue() && matches!(service.state, ServiceState::Active | ServiceState::PhasingOut)
}

/// The frame proposed for `year`: that of the most recently created scenario (highest id) proposing one.
pub fn proposed_frame(scenarios: &[Scenario], year: i32) -> Option<(&Scenario, Amounts)> {
    scenarios
        .iter()
        .filter_map(|s| {
            s.frames
                .iter()
                .find(|f| f.year == year)
                .map(|f| (s, Amounts { development: f.development, management: f.management }))
        })
        .max_by_key(|(s, _)| s.id)
}

fn costs_in(costs: &[YearCost], year: i32) -> Amounts {
    costs
        .iter()
        .find(|c| c.year == year)
        .map(|c| Amounts { development: c.development, management: c.management })
        .unwrap_or_default()
}

fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    Money::from_ore(amounts.map(Money::ore).sum())
}

fn less(a: Money, b: Money) -> Money {
    Money::from_ore(a.ore() - b.ore())
}

impl FollowUpInput {
    /// The follow-up of the year (see the module's documentation for what counts).
    pub fn follow_up(&self) -> FollowUp {
        let year = self.year;
        let decided = self.decided_frames.iter().find(|f| f.year == year);
        let (frame, source) = match (decided, proposed_frame(&self.scenarios, year)) {
            (Some(d), _) => (
                Amounts { development: d.development, management: d.management },
                FrameSource::Council { reference: d.reference.clone(), decided_on: d.decided_on },
            ),
            (None, Some((scenario, frame))) => {
                (frame, FrameSource::Scenario { scenario_id: scenario.id, scenario_name: scenario.name.clone() })
            }
            (None, None) => (Amounts::default(), FrameSource::None),
        };
        let actuals: BTreeMap<ItemRef, Amounts> = self
            .actuals
            .iter()
            .filter(|a| a.year == year)
            .map(|a| (a.item, Amounts { development: a.development, management: a.management }))
            .collect();
        let mut items = Vec::new();
        let mut initiatives: Vec<&Initiative> = self.initiatives.iter().filter(|i| i.track == Track::Shared).collect();
        initiatives.sort_by(|a, b| a.case_number.cmp(&b.case_number).then(a.id.cmp(&b.id)));
        for initiative in initiatives {
            let item = ItemRef::Initiative(initiative.id);
            let committed =
                if initiative_commits(initiative) { costs_in(&initiative.costs, year) } else { Amounts::default() };
            let actual = actuals.get(&item).copied();
            if committed.is_zero() && actual.is_none() {
                continue;
            }
            items.push(ItemFollowUp {
                item,
                kind: ValuedKind::Initiative,
                reference: initiative.case_number.clone(),
                name: initiative.title.clone(),
                state: ItemState::Initiative(initiative.state),
                committed,
                actual,
            });
        }
        let mut services: Vec<&(Service, Vec<YearCost>)> = self.services.iter().collect();
        services.sort_by(|(a, _), (b, _)| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        for (service, costs) in services {
            let item = ItemRef::Service(service.id);
            let committed = if service_commits(service) { costs_in(costs, year) } else { Amounts::default() };
            let actual = actuals.get(&item).copied();
            if committed.is_zero() && actual.is_none() {
                continue;
            }
            items.push(ItemFollowUp {
                item,
                kind: ValuedKind::Service,
                reference: String::new(),
                name: service.name.clone(),
                state: ItemState::Service(service.state),
                committed,
                actual,
            });
        }
        let frames = [FrameKind::Development, FrameKind::Management]
            .into_iter()
            .map(|kind| {
                let decided = frame.of(kind);
                let committed = sum(items.iter().map(|i| i.committed.of(kind)));
                let actual = sum(items.iter().filter_map(|i| i.actual).map(|a| a.of(kind)));
                FrameFollowUp {
                    kind,
                    decided,
                    decided_by_council: matches!(source, FrameSource::Council { .. }),
                    committed,
                    actual,
                    left: less(decided, committed),
                    unspent: less(decided, actual),
                }
            })
            .collect();
        FollowUp { year, frame_source: source, frames, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FundingModel, InitiativeKind, ReuseOutcome, YearFrame};

    fn initiative(id: Id, track: Track, state: InitiativeState, development: i64, management: i64) -> Initiative {
        let json = serde_json::json!({
            "id": id, "case_number": format!("SLK-2026-{id:05}"), "title": format!("Initiativ {id}"),
            "track": track, "kind": InitiativeKind::Change, "owner_id": 1, "provider_id": null, "state": state,
            "reuse_outcome": ReuseOutcome::NotChecked, "orientation": null,
            "funding_model": if track == Track::Shared { FundingModel::CostAllocation } else { FundingModel::OwnBudget },
            "costs": [{"year": 2026, "development": development, "management": management},
                      {"year": 2027, "development": 1, "management": 1}],
        });
        serde_json::from_value(json).expect("an initiative")
    }

    fn service(id: Id, state: ServiceState, management: i64) -> (Service, Vec<YearCost>) {
        let service = Service {
            id,
            name: format!("Tjänst {id}"),
            provider_id: Some(1),
            funding_model: Some(FundingModel::CostAllocation),
            state,
            ..Service::draft()
        };
        let costs = vec![YearCost { year: 2026, development: Money::ZERO, management: Money::from_ore(management) }];
        (service, costs)
    }

    fn scenario(id: Id, development: i64, management: i64) -> Scenario {
        Scenario {
            id,
            set_id: 1,
            name: format!("Scenario {id}"),
            frames: vec![YearFrame {
                year: 2026,
                development: Money::from_ore(development),
                management: Money::from_ore(management),
            }],
            forced_in: Vec::new(),
            forced_out: Vec::new(),
            dependencies: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    fn outcome(item: ItemRef, development: i64, management: i64) -> ActualOutcome {
        ActualOutcome {
            id: 0,
            item,
            year: 2026,
            development: Money::from_ore(development),
            management: Money::from_ore(management),
        }
    }

    fn input() -> FollowUpInput {
        use InitiativeState::*;
        FollowUpInput {
            year: 2026,
            decided_frames: Vec::new(),
            scenarios: vec![scenario(1, 900, 900), scenario(2, 1000, 500)],
            initiatives: vec![
                initiative(1, Track::Shared, Prioritised, 100, 10),
                initiative(2, Track::Shared, Develop, 200, 20),
                initiative(3, Track::Shared, Valued, 400, 40),
                initiative(4, Track::Shared, Closed, 800, 80),
                initiative(5, Track::BusinessSpecific, Develop, 5000, 500),
                initiative(6, Track::BusinessSpecific, DecidedByOwnBoard, 7000, 700),
            ],
            services: vec![
                service(1, ServiceState::Active, 300),
                service(2, ServiceState::PhasingOut, 30),
                service(3, ServiceState::Planned, 3000),
                service(4, ServiceState::InDevelopment, 6000),
                service(5, ServiceState::Retired, 9000),
            ],
            actuals: vec![
                outcome(ItemRef::Initiative(2), 150, 25),
                outcome(ItemRef::Initiative(4), 60, 0),
                outcome(ItemRef::Service(1), 0, 320),
                ActualOutcome { year: 2027, ..outcome(ItemRef::Service(2), 1_000_000, 1_000_000) },
            ],
        }
    }

    #[test]
    fn committed_counts_shared_initiatives_that_commit_money_and_services_in_operation_never_own_budget() {
        let follow_up = input().follow_up();
        let development = follow_up.frame(FrameKind::Development);
        let management = follow_up.frame(FrameKind::Management);
        // Initiatives 1 and 2 commit; 3 (valued) and 4 (closed) do not; 5 and 6 are business-specific.
        assert_eq!(development.committed, Money::from_ore(300));
        // Management also has the services in operation (300) and being phased out (30).
        assert_eq!(management.committed, Money::from_ore(10 + 20 + 300 + 30));
        // Outcomes of the year: initiatives 2 and 4 (closed, but it spent), service 1; not 2027's.
        assert_eq!(development.actual, Money::from_ore(150 + 60));
        assert_eq!(management.actual, Money::from_ore(25 + 320));
        let listed: Vec<String> = follow_up.items.iter().map(|i| i.item.to_string()).collect();
        assert_eq!(listed, ["initiative:1", "initiative:2", "initiative:4", "service:1", "service:2"]);
        let closed = &follow_up.items[2];
        assert_eq!((closed.committed, closed.actual.unwrap().development), (Amounts::default(), Money::from_ore(60)));
        assert_eq!(follow_up.items[0].actual, None, "nothing recorded yet is no outcome, not zero");
    }

    #[test]
    fn the_decided_frame_is_the_councils_else_the_latest_scenarios_proposal_marked_so() {
        let mut input = input();
        let follow_up = input.follow_up();
        assert_eq!(
            follow_up.frame_source,
            FrameSource::Scenario { scenario_id: 2, scenario_name: "Scenario 2".into() }
        );
        let development = follow_up.frame(FrameKind::Development);
        assert_eq!((development.decided, development.decided_by_council), (Money::from_ore(1000), false));
        assert_eq!(development.left, Money::from_ore(1000 - 300));
        assert_eq!(development.unspent, Money::from_ore(1000 - 210));
        let management = follow_up.frame(FrameKind::Management);
        assert_eq!(management.left, Money::from_ore(500 - 360));

        input.decided_frames.push(DecidedFrame {
            id: 1,
            year: 2026,
            development: Money::from_ore(250),
            management: Money::from_ore(2000),
            decided_on: crate::time::day("2025-11-20"),
            reference: "KF 2025-11-20 § 9".into(),
            notes: String::new(),
        });
        let follow_up = input.follow_up();
        assert!(
            matches!(follow_up.frame_source, FrameSource::Council { ref reference, .. } if reference == "KF 2025-11-20 § 9")
        );
        let development = follow_up.frame(FrameKind::Development);
        assert_eq!((development.decided, development.decided_by_council), (Money::from_ore(250), true));
        assert_eq!(development.left, Money::from_ore(-50), "more committed than the frame leaves a negative rest");

        input.year = 2031;
        input.decided_frames.clear();
        let follow_up = input.follow_up();
        assert_eq!(follow_up.frame_source, FrameSource::None);
        assert!(follow_up.frames.iter().all(|f| f.decided == Money::ZERO && !f.decided_by_council));
        assert!(follow_up.items.is_empty());
    }

    #[test]
    fn the_json_carries_the_contracts_fields_with_amounts_in_ore() {
        let json = serde_json::to_value(input().follow_up()).unwrap();
        assert_eq!(json["year"], 2026);
        assert_eq!(json["frame_source"]["kind"], "scenario");
        assert_eq!(
            json["frames"][0],
            serde_json::json!({"kind": "development", "decided": 1000, "decided_by_council": false,
                               "committed": 300, "actual": 210, "left": 700, "unspent": 790})
        );
        assert_eq!(json["frames"][1]["kind"], "management");
        assert_eq!(
            json["items"][1],
            serde_json::json!({"item": "initiative:2", "kind": "initiative", "reference": "SLK-2026-00002",
                               "name": "Initiativ 2", "state": "utveckla",
                               "committed": {"development": 200, "management": 20},
                               "actual": {"development": 150, "management": 25}})
        );
        assert_eq!(json["items"][4]["state"], "under_avveckling");
    }
}
