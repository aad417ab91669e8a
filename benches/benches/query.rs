//! Criterion: in-process query latency per language on a generated index.
//!
//! The index is `$KBSEARCH_BENCH_INDEX` when set (e.g. one built by `benches/run_scale.sh`),
//! else a fresh in-memory index of a generated ~10k-passage corpus (built in the setup, about
//! 10–20 s on 2 cores). Queries: the generator's mixed-language query set, 8 per language
//! (top 10, snippets on, as `kbsearch search` does).
//!
//! `cargo bench -p kbsearch-benches --bench query`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kbsearch::{Article, KnowledgeBase, SearchRequest};
use kbsearch_benches::corpus::{Generator, LANGS, Pools, default_public_sets};

fn setup() -> (KnowledgeBase, Vec<(String, &'static str)>) {
    let pools = Pools::load(default_public_sets().as_deref()).expect("sentence pools");
    let mut generator = Generator::new(&pools, 20_261_123);
    let kb = match std::env::var_os("KBSEARCH_BENCH_INDEX") {
        Some(dir) => KnowledgeBase::open_existing(dir).expect("KBSEARCH_BENCH_INDEX"),
        None => {
            let kb = KnowledgeBase::in_memory().unwrap();
            let (mut sections, mut batch) = (0, Vec::new());
            while sections < 10_000 {
                let a = generator.article();
                sections += a.sections.len();
                let mut article = Article::new(a.id, a.title, a.body);
                article.lang = a.declared.then(|| a.lang.to_string());
                batch.push(article);
            }
            for outcome in kb.upsert_many(batch).unwrap() {
                outcome.unwrap();
            }
            kb.optimize().unwrap(); // commits and merges, as `kbsearch index` does
            kb
        }
    };
    eprintln!("index: {} passages", kb.stats().unwrap().passages);
    (kb, generator.queries(40))
}

fn bench(c: &mut Criterion) {
    let (kb, queries) = setup();
    for q in &queries {
        let _ = kb.search(&SearchRequest::new(q.0.clone())); // warm-up: dictionary, pages
    }
    let mut group = c.benchmark_group("query");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for lang in LANGS {
        let qs: Vec<&String> = queries
            .iter()
            .filter(|(_, l)| *l == lang)
            .map(|(q, _)| q)
            .collect();
        group.bench_function(format!("{lang} ×{} (k=10)", qs.len()), |b| {
            b.iter(|| {
                for q in &qs {
                    let _ = black_box(kb.search(&SearchRequest::new(q.as_str()).limit(10)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
