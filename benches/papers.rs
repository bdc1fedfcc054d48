//! Benchmark for the meeting packet target (issue 5), result in docs/benchmarks.md: a 30-item meeting packet of
//! about 100 pages (contents, notice, a memo per item with costs, funding comparison, valuation and charts, and a
//! PDF attachment merged after every third item) is written in under 2 s.
//!
//! Run with `cargo bench --bench papers`. The meeting is built on the sample portfolio.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use samordna::domain::{AgendaItem, Attachment, Initiative, ItemKind, Meeting};
use samordna::papers::{PaperKind, PaperRequest, render};
use samordna::{Portfolio, Stamp};

const STUDY: &[u8] = include_bytes!("../assets/sample/attachments/forstudie-e-tjansteplattform.pdf");

/// The sample with a 30-item meeting on the sample's criteria set; returns the portfolio and the meeting's id.
fn thirty_items(dir: &std::path::Path) -> (Portfolio, i64) {
    let at = "2026-11-27T08:00:00Z".parse().unwrap();
    let stamp = Stamp::new("Benchmark", at);
    let mut portfolio = samordna::sample::create(&dir.join("bench.samordna"), &stamp).unwrap();
    let meetings: Vec<Meeting> = portfolio.read().all().unwrap();
    let template = meetings.iter().find(|m| m.date.to_string() == "2026-12-03").unwrap().clone();
    let memo = template.items[1].clone();
    let initiatives: Vec<Initiative> = portfolio.read().initiatives().unwrap();
    let set: samordna::domain::CriteriaSet = portfolio.read().get(template.criteria_set_id.unwrap()).unwrap();
    let valued: Vec<&Initiative> = initiatives.iter().filter(|i| set.initiative_ids.contains(&i.id)).collect();
    let items: Vec<AgendaItem> = (0..30)
        .map(|n| {
            let initiative = valued[n % valued.len()];
            AgendaItem {
                id: 0,
                kind: ItemKind::Decision,
                title: initiative.title.clone(),
                case_number: initiative.case_number.clone(),
                initiative_id: Some(initiative.id),
                paragraph: None,
                ..memo.clone()
            }
        })
        .collect();
    let meeting = Meeting {
        id: 0,
        date: samordna::time::parse_date("2027-01-21").unwrap(),
        items,
        approved_at: None,
        approved_by: None,
        ..template
    };
    let id = portfolio.write(&stamp, |w| w.create(meeting)).unwrap();
    let meeting: Meeting = portfolio.read().get(id).unwrap();
    portfolio
        .write(&stamp, |w| {
            for item in meeting.items.iter().step_by(3) {
                let attachment = Attachment {
                    id: 0,
                    item_id: item.id,
                    name: "Förstudie".into(),
                    media_type: "application/pdf".into(),
                    data: STUDY.to_vec(),
                };
                w.create(attachment)?;
            }
            Ok(())
        })
        .unwrap();
    (portfolio, id)
}

fn packet(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (portfolio, meeting_id) = thirty_items(dir.path());
    let request = PaperRequest::new(PaperKind::Paket, meeting_id);
    let at = "2026-11-27T08:00:00Z".parse().unwrap();
    let paper = render(&portfolio.read(), &request, at, "Benchmark").unwrap();
    eprintln!("30-item packet: {} pages, {} bytes", paper.pages, paper.bytes.len());
    let mut group = c.benchmark_group("papers");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("packet_30_items", |b| {
        b.iter(|| black_box(render(&portfolio.read(), &request, at, "Benchmark").unwrap()))
    });
    group.finish();
}

criterion_group!(benches, packet);
criterion_main!(benches);
