//! Indexing throughput, peak memory and index size of a JSONL corpus, in process.
//!
//! usage: index-bench CORPUS.jsonl INDEX_DIR [--upsert-many [--batch N] [--no-merge]] [--in-memory]
//!
//! By default indexes CORPUS (one article per line: `id, title, body|text, lang`) as
//! `kbsearch index` does: `KnowledgeBase::index_paths` (reads the file twice, streaming: page
//! chrome, then clean/analyze/write on every core; background merges off, one commit, one
//! merge into a single segment). `--upsert-many` measures the Rust API path instead: batches
//! of N articles (default 2048) given to `KnowledgeBase::upsert_many`, tantivy's background
//! merges on, one commit, then `optimize` (timed apart: `merge_seconds`; `--no-merge` skips
//! it). INDEX_DIR is deleted
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
    RssSampler, for_each_batch, live_index_bytes, load_average, peak_rss_bytes, segment_count,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut batch = 2048;
    let mut in_memory = false;
    let mut merge = true;
    let mut upsert_many = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--batch" => batch = args.next().ok_or("--batch N")?.parse()?,
            "--in-memory" => in_memory = true,
            "--no-merge" => merge = false,
            "--upsert-many" => upsert_many = true,
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let [corpus, index_dir] = positional.as_slice() else {
        return Err(
            "usage: index-bench CORPUS.jsonl INDEX_DIR [--upsert-many [--batch N] [--no-merge]] [--in-memory]"
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
    let timings = if upsert_many {
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
        Timings {
            seconds,
            commit_seconds: Some(seconds - before_commit),
            merge_seconds: Some(started.elapsed().as_secs_f64() - seconds),
            segments_before_merge,
        }
    } else {
        // Raw text size, counted before the clock starts.
        let counting = Instant::now();
        for_each_batch(corpus, batch, |batch, bytes| {
            articles += batch.len();
            raw_bytes += bytes;
            Ok(())
        })?;
        let started = started + counting.elapsed();
        let report = kb.index_paths(
            std::slice::from_ref(corpus),
            &kbsearch::IndexOptions::default(),
            &mut |_, _| {},
        )?;
        errors = report.skipped.len();
        Timings {
            seconds: started.elapsed().as_secs_f64(),
            commit_seconds: None,
            merge_seconds: None,
            segments_before_merge: None,
        }
    };
    let stats = kb.stats()?;
    let dir_total = stats.index_bytes; // 0 in memory
    let index_bytes = if in_memory {
        0
    } else {
        live_index_bytes(index_dir).unwrap_or(dir_total)
    };
    let mb = raw_bytes as f64 / 1e6;
    let (peak_anon, peak_file, _) = sampler.peaks();
    let t = timings;
    let with_merge = t.seconds + t.merge_seconds.unwrap_or(0.0);
    println!(
        "{}",
        serde_json::json!({
            "corpus": corpus.display().to_string(), "threads": threads, "articles": articles,
            "refused": errors, "passages": stats.passages, "raw_mb": mb, "seconds": t.seconds,
            "commit_seconds": t.commit_seconds, "mb_per_s": mb / t.seconds,
            "merge_seconds": t.merge_seconds, "mb_per_s_with_merge": mb / with_merge,
            "segments_before_merge": t.segments_before_merge,
            "index_bytes": index_bytes, "index_to_raw": index_bytes as f64 / raw_bytes as f64,
            "index_dir_bytes": dir_total, "segments": stats.segments,
            "peak_rss_mib": peak_rss_bytes().map(|b| b as f64 / 1048576.0),
            "peak_anon_mib": peak_anon as f64 / 1048576.0, "peak_file_mib": peak_file as f64 / 1048576.0,
            "languages": stats.languages, "load_before": load_before, "load_after": load_average(),
        })
    );
    Ok(())
}

/// Times of a run, in seconds.
struct Timings {
    /// Indexing and commit (and, for `index_paths`, its merge).
    seconds: f64,
    commit_seconds: Option<f64>,
    /// The merge after the commit, timed apart (`--upsert-many`).
    merge_seconds: Option<f64>,
    segments_before_merge: Option<usize>,
}
