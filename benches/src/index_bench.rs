//! Indexing throughput, peak memory and index size of a JSONL corpus, in process.
//!
//! usage: index-bench CORPUS.jsonl INDEX_DIR [--batch N] [--in-memory] [--no-merge]
//!
//! Reads CORPUS (one article per line: `id, title, body|text, lang`) streaming, in batches of N
//! articles (default 2048) given to `KnowledgeBase::upsert_many` (which cleans and analyzes
//! each batch on every core the process may use), then commits once and merges the segments
//! into one as `kbsearch index` does (timed apart: `merge_seconds`; `--no-merge` skips it). INDEX_DIR is deleted
//! first. Prints one JSON object: threads (cores this process may use: run under
//! `taskset -c 0` for one core), raw text MB (title + body bytes, 10^6), seconds (reading,
//! analysis, writing and the commit; `mb_per_s_with_merge` adds the merge), MB/s, articles, passages (kbsearch's, from `stats`),
//! index bytes (live segments right after the commit; `index_dir_bytes` also counts files of
//! merged-away segments not yet deleted) and index/raw ratio, segment count, peak RSS (VmHWM: heap + touched pages of mapped index
//! files), peak anonymous and file-backed RSS (sampled every 50 ms) and the 1-minute load
//! average.

use std::path::PathBuf;
use std::time::Instant;

use kbsearch::KnowledgeBase;
use kbsearch_benches::util::{
    RssSampler, dir_bytes, for_each_batch, live_index_bytes, load_average, peak_rss_bytes,
    segment_count,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut batch = 2048;
    let mut in_memory = false;
    let mut merge = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--batch" => batch = args.next().ok_or("--batch N")?.parse()?,
            "--in-memory" => in_memory = true,
            "--no-merge" => merge = false,
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let [corpus, index_dir] = positional.as_slice() else {
        return Err(
            "usage: index-bench CORPUS.jsonl INDEX_DIR [--batch N] [--in-memory] [--no-merge]"
                .into(),
        );
    };
    let load_before = load_average();
    if !in_memory && index_dir.exists() {
        std::fs::remove_dir_all(index_dir)?;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sampler = RssSampler::start();
    let started = Instant::now();
    let kb = if in_memory {
        KnowledgeBase::in_memory()?
    } else {
        KnowledgeBase::open(index_dir)?
    };
    let (mut raw_bytes, mut articles, mut errors) = (0u64, 0usize, 0usize);
    let mut last_report = Instant::now();
    for_each_batch(corpus, batch, |batch, bytes| {
        articles += batch.len();
        raw_bytes += bytes;
        for outcome in kb.upsert_many(batch)? {
            if let Err(e) = outcome {
                errors += 1;
                if errors <= 5 {
                    eprintln!("article refused: {e}");
                }
            }
        }
        if last_report.elapsed().as_secs() >= 30 {
            let s = started.elapsed().as_secs_f64();
            eprintln!(
                "  {articles} articles, {:.1} MB, {s:.0} s, {:.2} MB/s, peak RSS {} MiB (anonymous {} MiB)",
                raw_bytes as f64 / 1e6,
                raw_bytes as f64 / 1e6 / s,
                peak_rss_bytes().unwrap_or(0) >> 20,
                sampler.peaks().0 >> 20
            );
            last_report = Instant::now();
        }
        Ok(())
    })?;
    let before_commit = started.elapsed().as_secs_f64();
    kb.commit()?;
    let seconds = started.elapsed().as_secs_f64();
    let segments_before_merge = segment_count(index_dir);
    if merge {
        kb.optimize()?;
    }
    let merge_seconds = started.elapsed().as_secs_f64() - seconds;
    let stats = kb.stats()?;
    let dir_total = if in_memory { 0 } else { dir_bytes(index_dir) };
    let index_bytes = if in_memory {
        0
    } else {
        live_index_bytes(index_dir).unwrap_or(dir_total)
    };
    let mb = raw_bytes as f64 / 1e6;
    let (peak_anon, peak_file, _) = sampler.peaks();
    println!(
        "{}",
        serde_json::json!({
            "corpus": corpus.display().to_string(), "threads": threads, "articles": articles,
            "refused": errors, "passages": stats.passages, "raw_mb": mb, "seconds": seconds,
            "commit_seconds": seconds - before_commit, "mb_per_s": mb / seconds,
            "merge_seconds": merge_seconds, "mb_per_s_with_merge": mb / (seconds + merge_seconds),
            "segments_before_merge": segments_before_merge,
            "index_bytes": index_bytes, "index_to_raw": index_bytes as f64 / raw_bytes as f64,
            "index_dir_bytes": dir_total, "segments": segment_count(index_dir),
            "peak_rss_mib": peak_rss_bytes().map(|b| b as f64 / 1048576.0),
            "peak_anon_mib": peak_anon as f64 / 1048576.0, "peak_file_mib": peak_file as f64 / 1048576.0,
            "languages": stats.languages, "load_before": load_before, "load_after": load_average(),
        })
    );
    Ok(())
}
