//! In-process search latency of the Rust core on an existing index, for comparison with
//! other front ends (the Python module's overhead benchmark runs it).
//!
//! usage: search-latency INDEX_DIR QUERIES_JSONL [ROUNDS] [K]
//! QUERIES_JSONL lines carry the query text in `query` (corpus/queries.jsonl) or `text`
//! (BEIR queries.jsonl). Prints one JSON object: queries, rounds, mean_us, p50_us, p95_us.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: search-latency INDEX_DIR QUERIES_JSONL [ROUNDS] [K]".into());
    }
    let rounds: usize = args.get(3).map_or(Ok(20), |r| r.parse())?;
    let k: usize = args.get(4).map_or(Ok(10), |r| r.parse())?;
    let kb = kbsearch::KnowledgeBase::open_existing(&args[1])?;
    let queries: Vec<String> = std::fs::read_to_string(&args[2])?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)?;
            let text = v
                .get("query")
                .or_else(|| v.get("text"))
                .and_then(|t| t.as_str())
                .unwrap_or_default();
            Ok(text.to_string())
        })
        .collect::<Result<_, serde_json::Error>>()?;
    // Warm-up: loads the Chinese dictionary and the index pages once.
    for q in &queries {
        let _ = kb.search(&kbsearch::SearchRequest::new(q.clone()).limit(k));
    }
    let mut micros = Vec::with_capacity(rounds * queries.len());
    for _ in 0..rounds {
        for q in &queries {
            let request = kbsearch::SearchRequest::new(q.clone()).limit(k);
            let started = Instant::now();
            let results = kb.search(&request)?;
            micros.push(started.elapsed().as_secs_f64() * 1e6);
            assert!(!results.hits.is_empty() || q.trim().is_empty());
        }
    }
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| micros[((p / 100.0) * (micros.len() - 1) as f64).round() as usize];
    let mean = micros.iter().sum::<f64>() / micros.len() as f64;
    println!(
        "{}",
        serde_json::json!({"queries": queries.len(), "rounds": rounds, "mean_us": mean, "p50_us": pct(50.0), "p95_us": pct(95.0)})
    );
    Ok(())
}
