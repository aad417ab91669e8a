//! Criterion: analysis throughput per language (bytes/s of passage text), and the whole
//! per-article pipeline before the writer (clean + section + analyze + build documents).
//!
//! `cargo bench -p kbsearch-benches --bench analysis`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kbsearch::Article;
use kbsearch::analysis::{self, Lang};
use kbsearch::index::IndexStore;
use kbsearch::ingest::{self, clean::ChromeModel};
use kbsearch_benches::corpus::{GenArticle, Generator, LANGS, Pools, default_public_sets};

/// 20 generated articles of each language (single-language ones).
fn articles() -> Vec<(&'static str, Vec<GenArticle>)> {
    let pools = Pools::load(default_public_sets().as_deref()).expect("sentence pools");
    let mut generator = Generator::new(&pools, 7);
    let mut by_lang: Vec<(&'static str, Vec<GenArticle>)> =
        LANGS.iter().map(|l| (*l, Vec::new())).collect();
    while by_lang.iter().any(|(_, v)| v.len() < 20) {
        let a = generator.article();
        let slot = by_lang.iter_mut().find(|(l, _)| *l == a.lang).unwrap();
        if slot.1.len() < 20 {
            slot.1.push(a);
        }
    }
    by_lang
}

fn bench(c: &mut Criterion) {
    analysis::load_dictionary();
    let store = IndexStore::in_memory().unwrap();
    let chrome = ChromeModel::default();
    let mut group = c.benchmark_group("analyze");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    let sets = articles();
    for (lang, arts) in &sets {
        let l = Lang::parse(lang).unwrap();
        let texts: Vec<&str> = arts
            .iter()
            .flat_map(|a| a.sections.iter().map(|(_, t)| t.as_str()))
            .collect();
        group.throughput(Throughput::Bytes(
            texts.iter().map(|t| t.len() as u64).sum(),
        ));
        group.bench_function(format!("text {lang}"), |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(analysis::analyze(t, Some(l)));
                }
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("prepare+documents");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for (lang, arts) in &sets {
        let articles: Vec<Article> = arts
            .iter()
            .map(|a| Article::new(a.id.clone(), a.title.clone(), a.body.clone()).with_lang(a.lang))
            .collect();
        group.throughput(Throughput::Bytes(
            articles
                .iter()
                .map(|a| (a.title.len() + a.body.len()) as u64)
                .sum(),
        ));
        group.bench_function(format!("article {lang}"), |b| {
            b.iter(|| {
                for a in &articles {
                    let prepared = ingest::prepare(a.clone(), &chrome).unwrap();
                    black_box(store.documents(&prepared, "0").unwrap().collect::<Vec<_>>());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
