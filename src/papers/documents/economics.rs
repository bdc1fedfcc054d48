//! The economic consequences in a decision memo: costs per year and the funding models compared.

use super::Context;
use crate::domain::YearCost;
use crate::funding::comparison::Comparison;
use crate::funding::portfolio::FundingResult;
use crate::money::Money;
use crate::papers::ItemMaterial;
use crate::papers::compose::{Bar, Column, Composer};

/// The economic consequences of an item: its costs per year and, when it has a funding case, the funding models
/// compared per customer, the largest payers, the capital cost and the leasing rule.
pub(super) fn economics(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let costs = material.initiative.as_ref().map(|x| x.costs.as_slice()).unwrap_or_default();
    if costs.is_empty() && material.funding_case.is_none() {
        return;
    }
    c.heading(w.t("Ekonomiska konsekvenser", "Economic consequences"), 1);
    if !costs.is_empty() {
        costs_table(c, cx, costs);
    }
    let Some(result) = &material.funding else {
        if material.funding_case.is_some() {
            c.paragraph(w.t(
                "Finansieringsunderlaget kunde inte beräknas (uppgifter saknas eller beloppen är orimligt stora), så \
                 finansieringsmodellerna jämförs inte här. Rätta underlaget i Samordna.",
                "The funding case could not be computed (data is missing or the amounts are beyond reason), so the \
                 funding models are not compared here. Correct the case in Samordna.",
            ));
        }
        return;
    };
    let comparison = &result.comparison;
    let years = match (comparison.years.first(), comparison.years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    c.paragraph(&format!(
        "{} {years}. {}",
        w.t(
            "Finansieringsmodellerna jämförs nedan med vad varje kund betalar sammanlagt under",
            "The funding models are compared below by what each customer pays in total over"
        ),
        w.t(
            "Vid kommunbidrag betalar nämnderna inget men ramväxlas; bolag faktureras.",
            "Under a grant boards pay nothing but their frames are moved; companies are invoiced."
        )
    ));
    customer_table(c, cx, comparison, &years);
    largest_payers(c, cx, comparison, &years);
    capital_and_leasing(c, cx, comparison, result);
}

/// The costs per year, development and management, with their totals.
fn costs_table(c: &mut Composer, cx: &Context, costs: &[YearCost]) {
    let w = cx.w;
    let mut rows = Vec::new();
    let (mut dev, mut man) = (0i64, 0i64);
    for y in costs {
        dev += y.development.ore();
        man += y.management.ore();
        rows.push(vec![
            y.year.to_string(),
            y.development.format_kronor(),
            y.management.format_kronor(),
            Money::from_ore(y.development.ore() + y.management.ore()).format_kronor(),
        ]);
    }
    rows.push(vec![
        format!("**{}", w.t("Summa", "Total")),
        format!("**{}", Money::from_ore(dev).format_kronor()),
        format!("**{}", Money::from_ore(man).format_kronor()),
        format!("**{}", Money::from_ore(dev + man).format_kronor()),
    ]);
    c.table(
        w.t("Kostnader per år (kr)", "Costs per year (SEK)"),
        &[
            Column::left(w.t("År", "Year"), 1.0),
            Column::right(w.t("Utveckling", "Development"), 2.0),
            Column::right(w.t("Förvaltning", "Management"), 2.0),
            Column::right(w.t("Summa", "Total"), 2.0),
        ],
        &rows,
    );
}

/// What each customer pays in total over the years under each funding model, with the totals.
fn customer_table(c: &mut Composer, cx: &Context, comparison: &Comparison, years: &str) {
    let w = cx.w;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut sums = [0i64; 4];
    for t in &comparison.totals {
        // Under the grant a company pays its invoices while the city's practice says so, else its frame moves.
        let grant = if t.is_company && comparison.companies_invoiced { t.grant } else { t.frame_transfer };
        for (s, v) in sums.iter_mut().zip([t.cost_allocation, t.invoice, grant, t.frame_transfer]) {
            *s += v.ore();
        }
        let name = if t.is_company { format!("{} ({})", t.name, w.t("bolag", "company")) } else { t.name.clone() };
        rows.push(vec![name, t.cost_allocation.format_kronor(), t.invoice.format_kronor(), grant.format_kronor()]);
    }
    rows.push(vec![
        format!("**{}", w.t("Summa", "Total")),
        format!("**{}", Money::from_ore(sums[0]).format_kronor()),
        format!("**{}", Money::from_ore(sums[1]).format_kronor()),
        format!("**{}", Money::from_ore(sums[2]).format_kronor()),
    ]);
    c.table(
        &format!("{} {years} (kr)", w.t("Finansiering per kund", "Funding per customer")),
        &[
            Column::left(w.t("Kund", "Customer"), 3.6),
            Column::right(w.t("Kostnadsfördelning", "Cost allocation"), 2.5),
            Column::right(w.t("Faktura à pris", "Invoice per unit"), 2.2),
            Column::right(w.t("Kommunbidrag (ramväxling)", "Grant (frame transfer)"), 2.5),
        ],
        &rows,
    );
    // How companies are treated under the grant is the city's practice, labelled as such (not the guideline's).
    if comparison.totals.iter().any(|t| t.is_company) {
        c.muted(if comparison.companies_invoiced {
            w.t(
                "Stadens rutin, inte riktlinjen: bolag finansieras aldrig med kommunbidrag utan faktureras till \
                 prognospriset.",
                "The city's practice, not the guideline: companies are never grant funded but invoiced at the \
                 forecast price.",
            )
        } else {
            w.t(
                "Stadens rutin om bolag är avstängd: bolagen räknas som nämnderna under kommunbidrag.",
                "The city's practice on companies is switched off: companies count as boards under the grant.",
            )
        });
    }
}

/// The ten largest payers under cost allocation, as a chart.
fn largest_payers(c: &mut Composer, cx: &Context, comparison: &Comparison, years: &str) {
    let w = cx.w;
    let mut largest: Vec<_> = comparison.totals.iter().collect();
    largest.sort_by_key(|t| std::cmp::Reverse(t.cost_allocation.ore()));
    let bars: Vec<Bar> = largest
        .iter()
        .take(10)
        .map(|t| Bar {
            label: t.name.clone(),
            value: t.cost_allocation.ore() as f64,
            text: format!("{} kr", t.cost_allocation.format_kronor()),
            highlight: false,
        })
        .collect();
    if bars.len() > 1 {
        c.bar_chart(
            &format!(
                "{} {years}",
                w.t("Störst andel vid kostnadsfördelning,", "Largest shares under cost allocation,")
            ),
            &bars,
        );
    }
}

/// The capital cost's present value and lease payment, and whether the investment follows the city's leasing rule.
fn capital_and_leasing(c: &mut Composer, cx: &Context, comparison: &Comparison, result: &FundingResult) {
    let w = cx.w;
    if let Some(capital) = &comparison.capital {
        let mut text = format!(
            "{} {} kr.",
            w.t("Kapitalkostnadens nuvärde är", "The present value of the capital cost is"),
            capital.present_value.format_kronor()
        );
        if let Some(annuity) = capital.annuity {
            text.push_str(&format!(
                " {} {} kr.",
                w.t("Leasingavgiften är per år", "The yearly lease payment is"),
                annuity.format_kronor()
            ));
        }
        c.paragraph(&text);
    }
    if let Some(leasing) = &result.leasing
        && leasing.required
    {
        let text = if leasing.follows_rule {
            w.t(
                "Investeringen ska enligt stadens regler leasas via Göteborgs Stads Leasing AB, vilket förslaget gör.",
                "Under the city's rules the investment is to be leased from Göteborgs Stads Leasing AB, as proposed.",
            )
        } else {
            w.t(
                "Investeringen ska enligt stadens regler leasas via Göteborgs Stads Leasing AB, men förslaget gör det inte.",
                "Under the city's rules the investment is to be leased from Göteborgs Stads Leasing AB, but the proposal does not.",
            )
        };
        c.paragraph(text);
    }
}
