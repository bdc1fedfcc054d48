//! Criteria sets, scores, pairwise weights, gates, locking, ranking and selection on a portfolio.

use samordna::domain::{CriteriaSet, Entity, GateResult, ItemRef, Pairwise, Reason, Score, Weighting};
use samordna::interchange::PortfolioData;
use samordna::{Error, Money};

use crate::support::{Workspace, change_count, export, not_allowed, stamp};

fn sample_set(workspace: &Workspace) -> (samordna::Portfolio, CriteriaSet) {
    let portfolio = workspace.sample();
    let set: CriteriaSet = portfolio.read().all::<CriteriaSet>().unwrap().remove(0);
    (portfolio, set)
}

fn case_of(portfolio: &samordna::Portfolio, item: ItemRef) -> String {
    match item {
        ItemRef::Initiative(id) => portfolio.read().get::<samordna::domain::Initiative>(id).unwrap().case_number,
        ItemRef::Service(id) => portfolio.read().get::<samordna::domain::Service>(id).unwrap().name,
    }
}

#[test]
fn the_sample_set_is_ranked_with_pairwise_weights_gates_and_disagreements() {
    let workspace = Workspace::new();
    let (portfolio, set) = sample_set(&workspace);
    assert_eq!(set.weighting, Weighting::Pairwise);
    let a = portfolio.read().assessment(set.id, None).unwrap();
    assert_eq!(a.weight_source, "pairwise");
    assert!((a.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    // Three members compared every pair; the fourth only some, so only three matrices are combined.
    let complete: Vec<_> = a.pairwise.members.iter().filter(|m| m.judged == m.pairs).collect();
    assert_eq!((a.pairwise.members.len(), complete.len()), (4, 3));
    assert!(a.pairwise.combined.as_ref().is_some_and(|c| c.acceptable));
    assert_eq!(a.rows.len(), set.initiative_ids.len() + set.service_ids.len());
    // Ranks ascend and values descend.
    for pair in a.rows.windows(2) {
        assert!(pair[0].value >= pair[1].value && pair[0].rank <= pair[1].rank);
    }
    // Legal requirements are marked as mandatory.
    let mandatory: Vec<String> = a.rows.iter().filter(|r| r.mandatory).map(|r| case_of(&portfolio, r.item)).collect();
    assert_eq!(mandatory.len(), 3, "{mandatory:?}");
    assert!(mandatory.contains(&"SLK-2026-00104".to_string()) && mandatory.contains(&"SLK-2026-00115".to_string()));
    assert!(mandatory.contains(&"Webbpublicering goteborg.se".to_string()), "a service can be a legal requirement");
    // The disagreement agenda starts with the widest splits and carries the members' comments.
    let first = &a.disagreements[0];
    assert!(first.consensus <= a.disagreements[1].consensus);
    assert!(first.max - first.min >= 3, "{first:?}");
    assert!(
        a.disagreements.iter().take(8).any(|d| d.scores.iter().any(|s| s.comment.contains("Vården har inte resurser")))
    );
    // Each sensitivity entry names a criterion weight that makes the neighbours tie.
    assert_eq!(a.sensitivity.len(), a.rows.len() - 1);
    for (k, swap) in a.sensitivity.iter().enumerate() {
        if let Some(swap) = swap {
            assert_eq!((swap.upper, swap.lower), (a.rows[k].item, a.rows[k + 1].item));
            assert!((0.0..=1.0).contains(&swap.weight_at_swap));
        }
    }
}

#[test]
fn overriding_weights_reranks_and_matches_a_hand_computed_value() {
    let workspace = Workspace::new();
    let (portfolio, set) = sample_set(&workspace);
    // All weight on the first criterion: the value is that criterion's normalised aggregate.
    let mut weights = vec![0.0; set.criteria.len()];
    weights[0] = 5.0;
    let a = portfolio.read().assessment(set.id, Some(&weights)).unwrap();
    assert_eq!(a.weight_source, "override");
    assert_eq!(a.weights[0], 1.0);
    for row in &a.rows {
        let expected = row.cells[0].summary.aggregate.map_or(0.0, |x| x / 4.0);
        assert!((row.value - expected).abs() < 1e-12);
    }
    // The hand computation of one cell: the mean of the known scores.
    let row = &a.rows[0];
    let scores: Vec<Score> = portfolio
        .read()
        .all::<Score>()
        .unwrap()
        .into_iter()
        .filter(|s| s.item == row.item && s.criterion_id == set.criteria[0].id)
        .collect();
    let known: Vec<f64> = scores.iter().filter_map(|s| s.value.map(f64::from)).collect();
    let mean = known.iter().sum::<f64>() / known.len() as f64;
    assert!((row.cells[0].summary.aggregate.unwrap() - mean).abs() < 1e-12);
    assert_eq!(row.cells[0].summary.dont_know, scores.len() - known.len());
}

#[test]
fn scores_are_set_replaced_and_checked() {
    let workspace = Workspace::new();
    let (mut portfolio, set) = sample_set(&workspace);
    let criterion = &set.criteria[0];
    let initiative = ItemRef::Initiative(set.initiative_ids[0]);
    let before: Score = portfolio.read().score(criterion.id, initiative, 1).unwrap().expect("scored in the sample");
    let changed = Score { id: 0, value: Some(4), comment: "Ny bedömning efter beredningen.".into(), ..before.clone() };
    let id = portfolio.write(&stamp(), |w| w.put_score(changed)).unwrap();
    assert_eq!(id, before.id, "the same cell is replaced, not duplicated");
    let after = portfolio.read().score(criterion.id, initiative, 1).unwrap().unwrap();
    assert_eq!((after.value, after.comment.as_str()), (Some(4), "Ny bedömning efter beredningen."));
    if before.value != Some(4) {
        let history = portfolio.read().history(Entity::Score, id).unwrap();
        assert_eq!(history[0].fields.iter().find(|f| f.field == "value").unwrap().new.as_deref(), Some("4"));
    }

    let out_of_scale = Score { id: 0, value: Some(7), ..before.clone() };
    let error = portfolio.write(&stamp(), |w| w.put_score(out_of_scale)).unwrap_err();
    assert!(error.to_string().contains("value must be between 0 and 4"), "{error}");
    let not_in_set = Score { id: 0, item: ItemRef::Initiative(30), ..before.clone() };
    let error = portfolio.write(&stamp(), |w| w.put_score(not_in_set)).unwrap_err();
    assert!(error.to_string().contains("item refers"), "{error}");
    let dont_know = Score { id: 0, value: None, ..before };
    portfolio.write(&stamp(), |w| w.put_score(dont_know)).unwrap();
    assert_eq!(portfolio.read().score(criterion.id, initiative, 1).unwrap().unwrap().value, None);
}

#[test]
fn a_locked_set_refuses_every_change_and_can_be_copied_to_a_new_period() {
    let workspace = Workspace::new();
    let (mut portfolio, set) = sample_set(&workspace);
    let locked = CriteriaSet { locked: true, ..set.clone() };
    portfolio.write(&stamp(), |w| w.update(locked)).unwrap();
    let path = workspace.path("sample.samordna");
    let before = export(&portfolio);
    let changes = change_count(&path);

    let score =
        portfolio.read().score(set.criteria[0].id, ItemRef::Initiative(set.initiative_ids[0]), 1).unwrap().unwrap();
    let attempts: Vec<samordna::Result<()>> = vec![
        portfolio.write(&stamp(), |w| w.put_score(Score { value: Some(0), ..score.clone() }).map(drop)),
        portfolio.write(&stamp(), |w| w.delete::<Score>(score.id)),
        portfolio.write(&stamp(), |w| w.update(CriteriaSet { name: "Nytt namn".into(), locked: true, ..set.clone() })),
        portfolio.write(&stamp(), |w| w.update(CriteriaSet { locked: false, ..set.clone() })),
        portfolio.write(&stamp(), |w| w.delete::<CriteriaSet>(set.id)),
        portfolio.write(&stamp(), |w| {
            w.put_gate_result(GateResult {
                id: 0,
                gate_id: set.gates[0].id,
                item: ItemRef::Initiative(set.initiative_ids[3]),
                passed: Some(true),
                note: String::new(),
            })
            .map(drop)
        }),
        portfolio.write(&stamp(), |w| {
            w.put_pairwise(Pairwise { id: 0, set_id: set.id, member_id: 5, judgements: vec![] }).map(drop)
        }),
    ];
    for (i, attempt) in attempts.into_iter().enumerate() {
        match attempt {
            Err(Error::Locked(name)) => assert_eq!(name, set.name),
            Err(Error::InUse { .. }) if i == 4 => {}
            other => panic!("attempt {i} was not refused as locked: {other:?}"),
        }
    }
    assert_eq!(export(&portfolio), before);
    assert_eq!(change_count(&path), changes);

    let copy = portfolio.write(&stamp(), |w| w.copy_criteria_set(set.id, "Kriterier 2027–2030", 2027, 2030)).unwrap();
    let copied: CriteriaSet = portfolio.read().get(copy).unwrap();
    assert!(!copied.locked);
    assert_eq!(
        copied.criteria.iter().map(|c| &c.name).collect::<Vec<_>>(),
        set.criteria.iter().map(|c| &c.name).collect::<Vec<_>>()
    );
    assert!(copied.criteria.iter().all(|c| !set.criteria.iter().any(|o| o.id == c.id)), "new criterion ids");
    let a = portfolio.read().assessment(copy, None).unwrap();
    assert!(a.rows.iter().all(|r| r.cells.iter().all(|c| c.summary.scored == 0)), "scores are not copied");
}

#[test]
fn a_criterion_with_scores_cannot_be_removed() {
    let workspace = Workspace::new();
    let (mut portfolio, mut set) = sample_set(&workspace);
    set.criteria.pop();
    let error = portfolio.write(&stamp(), |w| w.update(set)).unwrap_err();
    assert_eq!(not_allowed(&error), [("criteria".to_string(), Reason::CriterionHasScores)]);
}

#[test]
fn the_scenario_selection_is_proven_optimal_and_keeps_frames_and_rules() {
    let workspace = Workspace::new();
    let (portfolio, _) = sample_set(&workspace);
    let scenario: samordna::domain::Scenario = portfolio.read().all().unwrap().remove(0);
    let result = portfolio.read().selection_problem(scenario.id).unwrap().solve().unwrap();
    let optimal = &result.comparison.optimal;
    assert!(result.comparison.proven_optimal);
    let chosen: Vec<ItemRef> = optimal.chosen.iter().map(|id| id.parse().unwrap()).collect();
    for mandatory in ["SLK-2026-00104", "SLK-2026-00115"] {
        let id = portfolio.read().initiative_by_case_number(mandatory).unwrap().id;
        assert!(chosen.contains(&ItemRef::Initiative(id)), "{mandatory} is a legal requirement");
    }
    // Frames hold, checked here in öre from the initiatives' and services' own costs.
    let set: CriteriaSet = portfolio.read().get(scenario.set_id).unwrap();
    let items = portfolio.read().valued_items(&set).unwrap();
    for frame in &scenario.frames {
        let (mut development, mut management) = (0i64, 0i64);
        for item in &chosen {
            let valued = items.iter().find(|i| i.item == *item).unwrap();
            for cost in valued.costs.iter().filter(|c| c.year == frame.year) {
                development += cost.development.ore();
                management += cost.management.ore();
            }
        }
        assert!(Money::from_ore(development) <= frame.development, "{}", frame.year);
        assert!(Money::from_ore(management) <= frame.management, "{}", frame.year);
        // The result says the same per frame, as {year, kind} (issue 30): used, limit and what is left.
        use samordna::prioritisation::selection::{Frame, FrameKind};
        for (kind, used, limit) in [
            (FrameKind::Development, development, frame.development),
            (FrameKind::Management, management, frame.management),
        ] {
            let row = result.usage.iter().find(|u| u.frame == Frame { year: frame.year, kind }).unwrap();
            assert_eq!((row.used, row.limit), (Money::from_ore(used), limit), "{} {kind:?}", frame.year);
            assert_eq!(row.left.ore(), limit.ore() - used, "{} {kind:?}", frame.year);
        }
    }
    assert_eq!(result.usage.len(), 2 * scenario.frames.len());
    assert!(result.usage.windows(2).all(|w| w[0].frame < w[1].frame), "year by year, development first");
    let json = serde_json::to_value(result.usage[0]).unwrap();
    assert_eq!(json["frame"], serde_json::json!({"year": scenario.frames[0].year, "kind": "development"}));
    for d in &scenario.dependencies {
        assert!(!chosen.contains(&d.item) || chosen.contains(&d.requires));
    }
    for e in &scenario.exclusions {
        assert!(!(chosen.contains(&e.a) && chosen.contains(&e.b)));
    }
    assert!(optimal.total_value + 1e-9 >= result.comparison.greedy.total_value);
    // More budget never gives less value on the frontier.
    for pair in result.frontier.windows(2) {
        assert!(pair[1].value + 1e-9 >= pair[0].value);
    }
    assert!(result.frontier.len() >= 10);
}

#[test]
fn a_version_1_file_still_imports() {
    let workspace = Workspace::new();
    let full = PortfolioData::read(&workspace.sample().read()).unwrap();
    let mut value: serde_json::Value = serde_json::to_value(&full).unwrap();
    let object = value.as_object_mut().unwrap();
    let later = ["members", "criteria_sets", "scores", "pairwise", "gate_results", "scenarios", "parameters"];
    for key in later.into_iter().chain(["funding_cases", "meetings", "decisions", "attachments"]) {
        object.remove(key);
    }
    object.insert("format_version".into(), 1.into());
    let data = PortfolioData::from_json(&value.to_string()).unwrap();
    let mut portfolio = workspace.new_portfolio();
    portfolio.write(&stamp(), |w| data.replace_into(w, "v1")).unwrap();
    let again = PortfolioData::read(&portfolio.read()).unwrap();
    assert_eq!(again.format_version, samordna::interchange::FORMAT_VERSION);
    assert_eq!(again.initiatives, full.initiatives);
    assert!(again.criteria_sets.is_empty());
}

/// Riktlinjen, "Kommunstyrelsen": the group values shared initiatives and services; an initiative enters a set once
/// submitted for preparation and never when finished, not prioritised or stopped; one already in a set keeps its
/// place, and stays shared.
#[test]
fn a_criteria_set_takes_only_what_the_group_values() {
    use samordna::domain::Track;
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut set: CriteriaSet = portfolio.read().get(1).unwrap();
    let id_of =
        |portfolio: &samordna::Portfolio, case: &str| portfolio.read().initiative_by_case_number(case).unwrap().id;
    for (case, reason) in [
        ("SLK-2026-00109", Reason::SetNeedsSubmitted),  // Identifierad
        ("SLK-2026-00106", Reason::SetNeedsSubmitted),  // Analys
        ("SLK-2026-00126", Reason::SetNotForFinished),  // Avbruten
        ("SLK-2026-00128", Reason::SetNotForFinished),  // Ej finansierad
        ("UBF-2026-00031", Reason::SetHoldsSharedOnly), // verksamhetsspecifik
    ] {
        let mut with = set.clone();
        with.initiative_ids.push(id_of(&portfolio, case));
        let error = portfolio.write(&stamp(), |w| w.update(with)).unwrap_err();
        let refused = not_allowed(&error);
        assert_eq!(refused.len(), 1, "{case}: {error}");
        assert_eq!(refused[0].1, reason, "{case}");
        assert!(refused[0].0.starts_with("initiative_ids["), "{case}");
    }
    // An existing initiative being realised (Initiera) may be valued.
    let submitted = id_of(&portfolio, "SLK-2026-00110");
    let mut with = set.clone();
    with.initiative_ids.push(submitted);
    portfolio.write(&stamp(), |w| w.update(with)).unwrap();
    // One already valued keeps its place after it is not prioritised (SLK-2026-00121 is in the set), and the set
    // saves with it; but it cannot become business-specific while in a set.
    set = portfolio.read().get(1).unwrap();
    assert!(set.initiative_ids.contains(&id_of(&portfolio, "SLK-2026-00121")));
    set.name = "Kriterier 2026–2029 (rev.)".into();
    portfolio.write(&stamp(), |w| w.update(set)).unwrap();
    let valued = portfolio.read().initiative_by_case_number("SLK-2026-00124").unwrap();
    let own = samordna::domain::Initiative {
        track: Track::BusinessSpecific,
        funding_model: Some(samordna::domain::FundingModel::OwnBudget),
        state: samordna::domain::InitiativeState::Identified,
        ..valued
    };
    let error = portfolio.write(&stamp(), |w| w.update(own)).unwrap_err();
    assert!(not_allowed(&error).contains(&("track".to_string(), Reason::InCriteriaSetStaysShared)), "{error}");
}
