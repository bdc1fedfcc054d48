//! Benchmark for opening a large portfolio (issue 8), result in docs/benchmarks.md: a portfolio of 10,000
//! initiatives (each with four years of costs, an owner, customers, K/R/T) is opened and read whole, as the app does
//! when it opens a portfolio (`Portfolio::open`, then all its data for the views), in under 300 ms.
//!
//! Run with `cargo bench --bench portfolio`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use samordna::domain::{Initiative, Track, YearCost};
use samordna::interchange::PortfolioData;
use samordna::{Money, Portfolio, Stamp};

const INITIATIVES: usize = 10_000;

fn large(dir: &std::path::Path) -> std::path::PathBuf {
    let stamp = Stamp::new("Benchmark", "2026-11-27T08:00:00Z".parse().unwrap());
    let path = dir.join("stor.samordna");
    let mut portfolio = samordna::sample::create(&path, &stamp).unwrap();
    let owners: Vec<i64> = portfolio.read().organisations().unwrap().iter().map(|o| o.id).collect();
    portfolio
        .write(&stamp, |w| {
            for n in 0..INITIATIVES {
                let costs = (2027..2031)
                    .map(|year| YearCost {
                        year,
                        development: Money::from_kronor(100_000 + n as i64),
                        management: Money::from_kronor(20_000),
                    })
                    .collect();
                w.create(Initiative {
                    case_number: format!("BEN-2027-{:05}", n + 1),
                    title: format!("Insats {n}: gemensam digital tjänst för förvaltningarna"),
                    description: "Beskrivning av insatsen, dess syfte och vilka verksamheter som berörs.".repeat(3),
                    track: if n % 3 == 0 { Track::BusinessSpecific } else { Track::Shared },
                    owner_id: Some(owners[n % owners.len()]),
                    customer_ids: vec![owners[(n + 1) % owners.len()], owners[(n + 2) % owners.len()]],
                    benefit_summary: "Frigjord tid och bättre service.".into(),
                    ..Initiative::draft(costs)
                })?;
            }
            Ok(())
        })
        .unwrap();
    path
}

fn open_large_portfolio(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = large(dir.path());
    let now = "2026-11-27T09:00:00Z".parse().unwrap();
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("open and read 10,000 initiatives", |b| {
        b.iter(|| {
            let portfolio = Portfolio::open(&path, now).unwrap();
            let data = PortfolioData::read(&portfolio.read()).unwrap();
            assert_eq!(data.initiatives.len(), INITIATIVES + 44);
            black_box(data)
        })
    });
    group.finish();
}

criterion_group!(benches, open_large_portfolio);
criterion_main!(benches);
