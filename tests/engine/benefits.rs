//! Benefits realisation plans in the portfolio: the owner on the customer side, measurements kept in order,
//! an initiative with benefits not deleted.

use samordna::domain::{Benefit, Id, Initiative, Measurement, Progress, Reason};

use crate::support::{Workspace, at, day, not_allowed, stamp};

/// An organisation that is neither the initiative's owner nor one of its customers.
fn outsider_of(portfolio: &samordna::Portfolio, initiative: &Initiative) -> samordna::domain::Organisation {
    let organisations = portfolio.read().organisations().unwrap();
    organisations
        .into_iter()
        .find(|o| !initiative.customer_ids.contains(&o.id) && initiative.owner_id != Some(o.id))
        .expect("the sample has organisations outside the initiative")
}

#[test]
fn benefits_are_owned_on_the_customer_side_and_keep_their_measurements() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let invoices = portfolio.read().initiative_by_case_number("SLK-2026-00102").unwrap();
    let benefits = portfolio.read().benefits_of(invoices.id).unwrap();
    assert_eq!(benefits.len(), 2);
    let mut time = benefits.into_iter().find(|b| b.name == "Kortare handläggningstid per leverantörsfaktura").unwrap();
    let status = time.status().unwrap();
    assert_eq!(status.date, day("2026-10-31"));
    assert_eq!(status.progress, Progress::OnTrack);

    // A measurement added out of order is stored in date order.
    time.measurements.insert(
        0,
        Measurement { date: day("2026-12-31"), value: "7.9".parse().unwrap(), comment: "Helår 2026.".into() },
    );
    portfolio.write(&stamp(), |w| w.update(time.clone())).unwrap();
    let stored: Benefit = portfolio.read().get(time.id).unwrap();
    let dates: Vec<String> = stored.measurements.iter().map(|m| m.date.to_string()).collect();
    assert_eq!(dates, ["2026-06-30", "2026-10-31", "2026-12-31"]);

    // An organisation that is neither the initiative's owner nor one of its customers cannot own its benefit.
    let outsider = outsider_of(&portfolio, &invoices);
    let refused = portfolio.write(&stamp(), |w| w.update(Benefit { owner_id: Some(outsider.id), ..stored.clone() }));
    assert_eq!(not_allowed(&refused.unwrap_err()), [("owner_id".to_string(), Reason::OwnerOnCustomerSide)]);
    // Another customer may (the initiative's owner, Intraservice, is also its provider: see below).
    let owner = *invoices.customer_ids.iter().find(|&&c| Some(c) != stored.owner_id).unwrap();
    portfolio.write(&stamp(), |w| w.update(Benefit { owner_id: Some(owner), ..stored.clone() })).unwrap();

    // An initiative with a benefits plan cannot be deleted.
    let fresh = Initiative {
        id: 0,
        case_number: "SLK-2026-00199".into(),
        title: "Digital signering av avtal".into(),
        state: samordna::domain::InitiativeState::Identified,
        ..invoices.clone()
    };
    let fresh_id = portfolio.write(&stamp(), |w| w.create(fresh)).unwrap();
    let plan = Benefit { id: 0, initiative_id: fresh_id, name: "Snabbare avtal".into(), ..stored };
    portfolio.write(&stamp(), |w| w.create(plan)).unwrap();
    let error = portfolio.write(&stamp(), |w| w.delete::<Initiative>(fresh_id)).unwrap_err();
    assert_eq!(error.code(), "in_use");
    assert!(error.to_string().contains("benefit Snabbare avtal"), "{error}");
}

#[test]
fn an_initiative_cannot_leave_a_benefit_owner_outside_its_customer_side() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let invoices = portfolio.read().initiative_by_case_number("SLK-2026-00102").unwrap();
    let owners: Vec<_> =
        portfolio.read().benefits_of(invoices.id).unwrap().into_iter().filter_map(|b| b.owner_id).collect();
    let owner = *owners.first().expect("the sample's benefits have owners");
    let outsider = outsider_of(&portfolio, &invoices);
    let before = crate::support::export(&portfolio);
    // Taking the benefit owner away, as owner or as customer, is refused on the field that did it.
    let mut changed = invoices.clone();
    if changed.owner_id == Some(owner) {
        changed.owner_id = Some(outsider.id);
    }
    changed.customer_ids.retain(|c| *c != owner);
    let error = portfolio.write(&stamp(), |w| w.update(changed)).unwrap_err();
    let samordna::Error::Invalid { problems, .. } = &error else { panic!("{error}") };
    let field = if invoices.owner_id == Some(owner) { "owner_id" } else { "customer_ids" };
    assert!(
        problems.errors().iter().any(|e| e.field == field
            && e.rule
                == samordna::domain::Rule::NotAllowed { reason: samordna::domain::Reason::BenefitOwnerOnCustomerSide }),
        "{error}"
    );
    assert_eq!(crate::support::export(&portfolio), before);
    // Any other change to the initiative is fine, and so is adding the outsider as a customer.
    let mut fine = invoices.clone();
    fine.customer_ids.push(outsider.id);
    portfolio.write(&stamp(), |w| w.update(fine)).unwrap();
    // The portfolio's own export still imports.
    let data = samordna::interchange::PortfolioData::from_json(&crate::support::export(&portfolio)).unwrap();
    let fresh = Workspace::new();
    let mut copy = fresh.new_portfolio();
    copy.write(&stamp(), |w| data.replace_into(w, "test")).unwrap();
}

/// Riktlinjen, "Realisera och följa upp nytta och effekter": the customer realises the benefit; the provider that
/// delivers the initiative never owns it, even when its board is also the initiative's owner or a customer.
#[test]
fn the_delivering_providers_organisation_never_owns_a_benefit() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // SLK-2026-00101 is owned by Demokrati och medborgarservice, which also delivers it as a provider.
    let platform = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    let provider =
        portfolio.read().providers().unwrap().into_iter().find(|p| Some(p.id) == platform.provider_id).unwrap();
    assert_eq!(provider.organisation_id, platform.owner_id, "the sample's case: owner and provider are one board");
    let benefit = portfolio.read().benefits_of(platform.id).unwrap().remove(0);
    let by_provider = Benefit { owner_id: provider.organisation_id, ..benefit.clone() };
    let refused = portfolio.write(&stamp(), |w| w.update(by_provider)).unwrap_err();
    assert_eq!(not_allowed(&refused), [("owner_id".to_string(), Reason::OwnerIsTheProvider)]);
    // A customer owns it; then the initiative cannot switch to a provider run by that customer's board.
    let customer = benefit.owner_id.unwrap();
    assert!(platform.customer_ids.contains(&customer));
    let run_by_customer = samordna::domain::Provider {
        id: 0,
        name: "Utbildningsförvaltningens IT".into(),
        organisation_id: Some(customer),
        description: String::new(),
    };
    let run_by_customer = portfolio.write(&stamp(), |w| w.create(run_by_customer)).unwrap();
    let switched = Initiative { provider_id: Some(run_by_customer), ..platform.clone() };
    let refused = portfolio.write(&stamp(), |w| w.update(switched)).unwrap_err();
    assert_eq!(not_allowed(&refused), [("provider_id".to_string(), Reason::BenefitOwnerIsTheProvider)]);
    let unchanged = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    assert_eq!(unchanged.provider_id, platform.provider_id);
}

/// Measurements count only once the plan is approved (they can be recorded before, and are kept); the owning
/// board's decided action on an off-track benefit is stored whole.
#[test]
fn measurements_count_from_the_approved_plan_and_an_off_track_benefit_keeps_the_boards_action() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let invoices = portfolio.read().initiative_by_case_number("SLK-2026-00102").unwrap();
    assert!(invoices.benefits_plan_approved(), "the sample's plan is approved");
    let reminders = portfolio
        .read()
        .benefits_of(invoices.id)
        .unwrap()
        .into_iter()
        .find(|b| b.name == "Färre betalningspåminnelser")
        .unwrap();
    assert_eq!(reminders.counted_status(true).unwrap().progress, Progress::OffTrack);
    assert_eq!(
        (reminders.decided_action_date, reminders.decided_action_by.as_str()),
        (Some(day("2026-09-15")), "Grundskolenämnden")
    );
    // Withdrawing the approval: the measurements stay, but no longer count.
    let unapproved =
        Initiative { benefits_plan_approved_date: None, benefits_plan_approved_by: String::new(), ..invoices.clone() };
    portfolio.write(&stamp(), |w| w.update(unapproved)).unwrap();
    let plan = portfolio.read().initiative_by_case_number("SLK-2026-00102").unwrap();
    let stored: Benefit = portfolio.read().get(reminders.id).unwrap();
    assert_eq!(stored.measurements, reminders.measurements);
    assert_eq!(stored.counted_status(plan.benefits_plan_approved()), None);
    // An action without who decided it is refused on that field.
    let partial = Benefit { decided_action_by: String::new(), ..stored };
    let refused = portfolio.write(&stamp(), |w| w.update(partial)).unwrap_err();
    assert!(refused.to_string().contains("decided_action_by"), "{refused}");
}

#[test]
fn what_is_due_today_is_judged_on_the_stockholm_date() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let reader = portfolio.read();
    let meetings: Vec<samordna::domain::Meeting> = reader.all().unwrap();
    let next = |now: &str| {
        let id = reader.today(at(now)).unwrap().next_meeting_id;
        id.map(|id| meetings.iter().find(|m| m.id == id).unwrap().date.to_string())
    };
    // 23.30 UTC on 2 December is already 3 December in Göteborg: the meeting that day is the next one.
    assert_eq!(next("2026-12-02T23:30:00Z").as_deref(), Some("2026-12-03"));
    assert_eq!(next("2026-12-03T22:59:00Z").as_deref(), Some("2026-12-03"), "23.59 on the meeting's day");
    assert_eq!(next("2026-12-03T23:00:00Z").as_deref(), Some("2026-12-17"));
    assert_eq!(next("2026-12-18T08:00:00Z"), None);
    // Benefit 1 was measured 2026-06-30 and 2026-10-31, benefit 2 on 2026-06-30 only: their 2026-12-31 dates are
    // overdue once the year has turned, and not before.
    let overdue = |now: &str| -> Vec<(Id, String)> {
        let today = reader.today(at(now)).unwrap();
        today.overdue_measurements.iter().map(|m| (m.benefit_id, m.due.to_string())).collect()
    };
    assert_eq!(overdue("2027-01-15T10:00:00Z"), [(1, "2026-12-31".to_string()), (2, "2026-12-31".to_string())]);
    assert_eq!(overdue("2026-12-31T22:59:00Z"), [], "still the 31st in Göteborg");
    assert_eq!(overdue("2026-11-27T10:00:00Z"), []);
    assert_eq!(reader.today(at("2026-12-31T23:00:00Z")).unwrap().date, day("2027-01-01"));
}
