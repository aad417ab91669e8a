//! Build the raw-tantivy baseline index of the scale benchmark ([`kbsearch_benches::baseline`]):
//! the same passages as kbsearch, n-grams for Chinese, tantivy's default tokenizer otherwise.
//!
//! usage: tantivy-baseline ARTICLES.jsonl INDEX_DIR
//!
//! Prints one JSON object: passages, raw MB, seconds (all, and in tantivy alone), index size.
//! `query-latency INDEX QUERIES --baseline INDEX_DIR` then times both side by side.

use std::time::Instant;

use kbsearch_benches::baseline;
use kbsearch_benches::util::live_index_bytes;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, dir] = args.as_slice() else {
        return Err("usage: tantivy-baseline ARTICLES.jsonl INDEX_DIR".into());
    };
    let started = Instant::now();
    let report = baseline::build(corpus.as_ref(), dir.as_ref())?;
    let seconds = started.elapsed().as_secs_f64();
    let index_bytes = live_index_bytes(dir.as_ref()).unwrap_or(0);
    let raw_mb = report.raw_bytes as f64 / 1e6;
    println!(
        "{}",
        serde_json::json!({
            "passages": report.passages, "raw_mb": raw_mb, "seconds": seconds,
            "tantivy_seconds": report.tantivy_seconds,
            "tantivy_mb_per_s": raw_mb / report.tantivy_seconds.max(1e-9),
            "index_bytes": index_bytes, "index_to_raw": index_bytes as f64 / report.raw_bytes.max(1) as f64,
        })
    );
    Ok(())
}
