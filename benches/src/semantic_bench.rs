//! What semantic search costs: passage embedding throughput, query embedding latency, and
//! the nearest-passage scan at a given number of passages.
//!
//! usage: semantic-bench QUERIES.jsonl [--passages-from ARTICLES.jsonl] [--embed N]
//!                       [--scan 10000,100000] [--vectors-per-passage V] [--queries 200]
//!
//! Embedding: the first `--embed` passages (default 256) of the articles (cut as kbsearch
//! cuts them), each with its sentences, are embedded on every core, as indexing does; then
//! every query of QUERIES.jsonl (up to `--queries`) one at a time, as a search does. Scan:
//! for each size, an in-memory index of that many passages holding V random unit vectors
//! each (the passage's and its sentences'; default: the mean of the embedded passages, else
//! 1; the scan's cost does not depend on the values) is searched for the nearest 56
//! passages per language (k = 10) with the real query vectors. Needs the model (`kbsearch
//! model install`). Prints JSON.

use std::time::Instant;

use kbsearch::index::IndexStore;
use kbsearch::semantic::{self, vectors};
use kbsearch_benches::util::{Rng, article_of_json, load_average, percentile, read_queries};
use tantivy::TantivyDocument;

fn summary(mut v: Vec<f64>) -> serde_json::Value {
    v.sort_by(f64::total_cmp);
    serde_json::json!({"n": v.len(), "p50_ms": percentile(&v, 50.0), "p99_ms": percentile(&v, 99.0)})
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: semantic-bench QUERIES.jsonl [--passages-from ARTICLES.jsonl] [--embed N] [--scan 10000,100000] [--vectors-per-passage V] [--queries 200]";
    let queries_path = args.get(1).ok_or(usage)?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let embed_n: usize = flag("--embed").map_or(Ok(256), |v| v.parse())?;
    let max_queries: usize = flag("--queries").map_or(Ok(200), |v| v.parse())?;
    let scan_sizes: Vec<usize> = flag("--scan")
        .unwrap_or_else(|| "10000,100000".into())
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let model = semantic::shared_model()?;
    let mut report = serde_json::Map::new();
    let mut vectors_per_passage: usize =
        flag("--vectors-per-passage").map_or(Ok(1), |v| v.parse())?;

    if let Some(path) = flag("--passages-from") {
        // Per passage: its own text, then its sentences (as indexing embeds them).
        let mut texts: Vec<Vec<String>> = Vec::new();
        for line in std::fs::read_to_string(&path)?
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let article = article_of_json(line)?;
            let prepared = kbsearch::ingest::prepare(article, &Default::default())?;
            for p in &prepared.passages {
                let mut passage = vec![semantic::passage_text(
                    &prepared.title,
                    &p.heading_path,
                    &p.text,
                )];
                passage.extend(semantic::passage_sentences(&p.text));
                texts.push(passage);
            }
            if texts.len() >= embed_n {
                break;
            }
        }
        texts.truncate(embed_n);
        let passages = texts.len();
        let chars: usize = texts.iter().map(|t| t[0].chars().count()).sum();
        let texts: Vec<String> = texts.into_iter().flatten().collect();
        if flag("--vectors-per-passage").is_none() {
            vectors_per_passage = texts.len().div_ceil(passages.max(1));
        }
        // On every core, as indexing embeds: one thread per core, batches of 32.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let started = Instant::now();
        std::thread::scope(|scope| {
            let share = texts.len().div_ceil(threads).max(1);
            for part in texts.chunks(share) {
                let model = &model;
                scope.spawn(move || {
                    for batch in part.chunks(32) {
                        let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
                        model.embed_passages(&refs).expect("embedding failed");
                    }
                });
            }
        });
        let seconds = started.elapsed().as_secs_f64();
        report.insert(
            "passage_embedding".into(),
            serde_json::json!({
                "passages": passages, "mean_chars": chars as f64 / passages.max(1) as f64,
                "vectors": texts.len(), "seconds": seconds,
                "passages_per_s": passages as f64 / seconds,
            }),
        );
    }

    let queries: Vec<String> = read_queries(std::path::Path::new(queries_path))?
        .into_iter()
        .map(|(text, _)| text)
        .take(max_queries)
        .collect();
    let mut vectors_of_queries = Vec::new();
    let mut times = Vec::new();
    for q in &queries {
        let started = Instant::now();
        vectors_of_queries.push(model.embed_query(q)?);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    report.insert("query_embedding".into(), summary(times));

    let langs = ["zh-Hans", "zh-Hant", "uk", "vi", "en"];
    let mut rng = Rng::new(7);
    for size in scan_sizes {
        let store = IndexStore::in_memory()?;
        let fields = store.fields().clone();
        let mut written = 0;
        while written < size {
            let docs: Vec<TantivyDocument> = (0..1000.min(size - written))
                .map(|i| {
                    let unit: Vec<Vec<f32>> = (0..vectors_per_passage)
                        .map(|_| {
                            let raw: Vec<f32> = (0..semantic::model::DIM)
                                .map(|_| rng.next_u64() as f32 / u64::MAX as f32 - 0.5)
                                .collect();
                            let norm = raw.iter().map(|x| x * x).sum::<f32>().sqrt();
                            raw.iter().map(|x| x / norm).collect()
                        })
                        .collect();
                    let mut doc = TantivyDocument::default();
                    doc.add_text(fields.article_id, format!("a{}", written + i));
                    doc.add_bytes(
                        fields.vector,
                        &vectors::encode(langs[(written + i) % 5], &unit),
                    );
                    doc
                })
                .collect();
            written += docs.len();
            store.replace_documents(&format!("batch{written}"), docs, false)?;
        }
        store.commit()?;
        store.merge_segments()?;
        let searcher = store.searcher();
        // First (a one-shot CLI search: the vectors are read), then cached (serve, Python,
        // a Rust service: every later search of the same commit).
        let mut first = Vec::new();
        let mut cached = Vec::new();
        for v in &vectors_of_queries {
            let tables = vectors::VectorTables::default();
            let started = Instant::now();
            let near = vectors::nearest(&searcher, &tables, v, 56, None)?;
            first.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(near.len(), 56 * 5);
            let started = Instant::now();
            vectors::nearest(&searcher, &tables, v, 56, None)?;
            cached.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        report.insert(format!("scan_{size}_first"), summary(first));
        report.insert(format!("scan_{size}_cached"), summary(cached));
    }
    report.insert("vectors_per_passage".into(), vectors_per_passage.into());
    report.insert("load_average".into(), serde_json::json!(load_average()));
    println!("{}", serde_json::Value::Object(report));
    Ok(())
}
