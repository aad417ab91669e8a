//! Evaluation on BEIR-like retrieval sets: `corpus.jsonl` (`id, title, text, lang`),
//! `queries.jsonl` (`id, text, lang`), `qrels.tsv` (`query-id  doc-id  grade`): the
//! `kbsearch eval` command, over the library's public API.
//!
//! The corpus is indexed into a temporary in-memory knowledge base, or into a kept folder
//! that later runs on the same corpus reuse (`--keep-index`: embedding passages for
//! `--semantic` takes minutes); every query is run for the top 100 articles (an article
//! ranks by its best passage) and scored with nDCG@10, MRR@10 and Recall@1/10/100 (the usual trec_eval definitions, gain 2^grade − 1).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use kbsearch::{Article, FormatError, KbError, KnowledgeBase, Result, SearchRequest};

/// How many articles are retrieved per query.
const DEPTH: usize = 100;

/// Scores and timings of one evaluation run.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EvalReport {
    /// The data folder's name.
    pub dataset: String,
    /// Corpus documents indexed.
    pub docs: usize,
    /// Queries with at least one judged-relevant document.
    pub queries: usize,
    /// Mean nDCG@10.
    pub ndcg_at_10: f64,
    /// Mean reciprocal rank of the first relevant document in the top 10.
    pub mrr_at_10: f64,
    /// Mean recall in the top 1.
    pub recall_at_1: f64,
    /// Mean recall in the top 10.
    pub recall_at_10: f64,
    /// Mean recall in the top 100.
    pub recall_at_100: f64,
    /// Seconds to index the corpus (analysis, writing, commit); 0 when reused.
    pub index_seconds: f64,
    /// The index was a kept one, built by an earlier run on the same corpus.
    pub index_reused: bool,
    /// Median query latency (ms), one query at a time.
    pub query_p50_ms: f64,
    /// 95th percentile query latency (ms).
    pub query_p95_ms: f64,
}

#[derive(Deserialize)]
struct CorpusLine {
    id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    text: String,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize)]
struct QueryLine {
    id: serde_json::Value,
    text: String,
}

/// The error for a failed read or write of `path`.
fn io_error(path: impl Into<PathBuf>, source: std::io::Error) -> KbError {
    KbError::Io {
        path: path.into(),
        source,
    }
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|e| KbError::Format {
                path: path.to_path_buf(),
                source: FormatError::Json {
                    line: n + 1,
                    column: e.column(),
                    message: e.to_string(),
                },
            })
        })
        .collect()
}

/// Judgments: query id → (doc id → grade ≥ 1).
fn read_qrels(path: &Path) -> Result<HashMap<String, HashMap<String, u32>>> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
    let mut qrels: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < 3 || (n == 0 && cols[2].parse::<i64>().is_err()) {
            continue; // header or blank line
        }
        let grade: i64 = cols[2].parse().map_err(|_| KbError::Format {
            path: path.to_path_buf(),
            source: FormatError::Field {
                record: n + 1,
                field: "grade",
                message: format!("{:?} is not a number", cols[2]),
            },
        })?;
        if grade >= 1 {
            qrels
                .entry(cols[0].to_string())
                .or_default()
                .insert(cols[1].to_string(), grade as u32);
        }
    }
    Ok(qrels)
}

/// Metrics of one ranked list against its judgments: (nDCG@10, RR@10, R@1, R@10, R@100).
fn score_ranking(ranked: &[String], relevant: &HashMap<String, u32>) -> [f64; 5] {
    let gain = |grade: u32| (2f64.powi(grade as i32)) - 1.0;
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, d)| {
            relevant
                .get(d)
                .map_or(0.0, |g| gain(*g) / ((i + 2) as f64).log2())
        })
        .sum();
    let mut ideal: Vec<u32> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, g)| gain(*g) / ((i + 2) as f64).log2())
        .sum();
    let rr = ranked
        .iter()
        .take(10)
        .position(|d| relevant.contains_key(d))
        .map_or(0.0, |p| 1.0 / (p + 1) as f64);
    let recall = |k: usize| {
        ranked
            .iter()
            .take(k)
            .filter(|d| relevant.contains_key(*d))
            .count() as f64
            / relevant.len().max(1) as f64
    };
    [
        if idcg > 0.0 { dcg / idcg } else { 0.0 },
        rr,
        recall(1),
        recall(10),
        recall(100),
    ]
}

/// The file in a kept evaluation folder that says what its index was built from.
const KEPT_KEY_FILE: &str = "built-from.txt";

/// What a kept index was built from: the corpus's SHA-256, whether passages have vectors,
/// and the kbsearch version and index format that built it.
fn kept_key(corpus: &Path, semantic: bool) -> Result<String> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(corpus).map_err(|e| io_error(corpus, e))?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "corpus sha256 {hex}\nsemantic {semantic}\nkbsearch {} index format {}\n",
        env!("CARGO_PKG_VERSION"),
        kbsearch::INDEX_FORMAT
    ))
}

/// The kept index in `dir` (its `index` folder) when it was built with this [`kept_key`]
/// (reused), else a new empty one there. A folder that is not empty and was not made by
/// `eval --keep-index` is refused, so nothing else is ever deleted.
fn open_kept(dir: &Path, key: &str) -> Result<(KnowledgeBase, bool)> {
    let key_file = dir.join(KEPT_KEY_FILE);
    let index = dir.join("index");
    match std::fs::read_to_string(&key_file) {
        Ok(built_from) if built_from == key && index.is_dir() => {
            return Ok((KnowledgeBase::open_existing(&index)?, true));
        }
        Ok(_) => {
            // Built from another corpus, with other choices, or interrupted: built again.
            if index.exists() {
                std::fs::remove_dir_all(&index).map_err(|e| io_error(&index, e))?;
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let holds_files = match std::fs::read_dir(dir) {
                Ok(mut entries) => entries.next().is_some(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                Err(e) => return Err(io_error(dir, e)),
            };
            if holds_files {
                return Err(KbError::InvalidRequest(format!(
                    "{} is not an evaluation folder made by `kbsearch eval --keep-index` \
                     (no {KEPT_KEY_FILE}); give a new or empty folder",
                    dir.display()
                )));
            }
        }
        Err(e) => return Err(io_error(&key_file, e)),
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    // Until the build is committed, the key says so: an interrupted build is built again.
    std::fs::write(&key_file, "building\n").map_err(|e| io_error(&key_file, e))?;
    Ok((KnowledgeBase::open(&index)?, false))
}

/// Record what the kept index in `dir` was built from, once it is committed.
fn write_kept_key(dir: &Path, key: &str) -> Result<()> {
    let key_file = dir.join(KEPT_KEY_FILE);
    std::fs::write(&key_file, key).map_err(|e| io_error(&key_file, e))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

/// Evaluate kbsearch on a data folder; optionally write a TREC run file
/// (`qid Q0 docid rank score kbsearch`).
pub(crate) fn evaluate(
    data_dir: &Path,
    run_file: Option<&PathBuf>,
    semantic: bool,
    keep_index: Option<&Path>,
) -> Result<EvalReport> {
    let corpus_file = data_dir.join("corpus.jsonl");
    let corpus: Vec<CorpusLine> = read_jsonl(&corpus_file)?;
    let queries: Vec<QueryLine> = read_jsonl(&data_dir.join("queries.jsonl"))?;
    let qrels = read_qrels(&data_dir.join("qrels.tsv"))?;

    let kept = match keep_index {
        Some(dir) => Some((dir, kept_key(&corpus_file, semantic)?)),
        None => None,
    };
    let (kb, index_reused) = match &kept {
        Some((dir, key)) => open_kept(dir, key)?,
        None => (KnowledgeBase::in_memory()?, false),
    };
    let started = Instant::now();
    if !index_reused {
        if semantic {
            kb.enable_semantic()?;
        }
        let articles = corpus
            .iter()
            .map(|line| Article {
                id: id_string(&line.id),
                title: line.title.clone().unwrap_or_default(),
                body: line.text.clone(),
                lang: line.lang.clone(),
                ..Article::default()
            })
            .collect();
        for outcome in kb.upsert_many(articles)? {
            outcome?;
        }
        kb.commit()?;
        if let Some((dir, key)) = &kept {
            write_kept_key(dir, key)?;
        }
    }
    let index_seconds = started.elapsed().as_secs_f64();

    let mut run = match run_file {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| io_error(path, e))?,
        )),
        None => None,
    };
    let mut totals = [0f64; 5];
    let mut judged = 0usize;
    let mut latencies = Vec::with_capacity(queries.len());
    for query in &queries {
        let qid = id_string(&query.id);
        let mut request = SearchRequest::new(query.text.clone()).limit(DEPTH);
        request.snippets = false;
        request.semantic = semantic;
        let started = Instant::now();
        let hits = match kb.search(&request) {
            Ok(results) => results.hits,
            Err(KbError::EmptyQuery(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        let ranked: Vec<String> = hits.iter().map(|h| h.article_id.clone()).collect();
        if let Some(out) = run.as_mut() {
            for hit in &hits {
                writeln!(
                    out,
                    "{qid} Q0 {} {} {:.6} kbsearch",
                    hit.article_id, hit.rank, hit.score
                )
                .map_err(|e| io_error(run_file.expect("run file is set"), e))?;
            }
        }
        if let Some(relevant) = qrels.get(&qid) {
            let scores = score_ranking(&ranked, relevant);
            for (total, s) in totals.iter_mut().zip(scores) {
                *total += s;
            }
            judged += 1;
        }
    }
    if let (Some(out), Some(path)) = (run.as_mut(), run_file) {
        out.flush().map_err(|e| io_error(path, e))?;
    }
    latencies.sort_by(f64::total_cmp);
    let mean = |i: usize| totals[i] / judged.max(1) as f64;
    Ok(EvalReport {
        dataset: data_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        docs: corpus.len(),
        queries: judged,
        ndcg_at_10: mean(0),
        mrr_at_10: mean(1),
        recall_at_1: mean(2),
        recall_at_10: mean(3),
        recall_at_100: mean(4),
        index_seconds,
        index_reused,
        query_p50_ms: percentile(&latencies, 50.0),
        query_p95_ms: percentile(&latencies, 95.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_trec_eval_definitions() {
        let relevant: HashMap<String, u32> = [("d2".to_string(), 1)].into();
        let ranked: Vec<String> = ["d1", "d2", "d3"].iter().map(|s| s.to_string()).collect();
        let [ndcg, rr, r1, r10, r100] = score_ranking(&ranked, &relevant);
        assert!((ndcg - 1.0 / 3f64.log2()).abs() < 1e-9);
        assert_eq!((rr, r1, r10, r100), (0.5, 0.0, 1.0, 1.0));
        let [ndcg, ..] = score_ranking(&["d2".to_string()], &relevant);
        assert_eq!(ndcg, 1.0);
    }

    /// A three-document set in three languages, written to `dir`.
    fn write_small_set(dir: &Path) {
        std::fs::write(
            dir.join("corpus.jsonl"),
            concat!(
                "{\"id\":\"zh\",\"title\":\"客服\",\"text\":\"客服經理負責統籌和管理客戶服務團隊。\",\"lang\":\"zh-Hant\"}\n",
                "{\"id\":\"vi\",\"title\":\"\",\"text\":\"Nhân viên hỗ trợ khách hàng qua điện thoại.\",\"lang\":\"vi\"}\n",
                "{\"id\":\"en\",\"title\":\"Budget\",\"text\":\"The manager plans the yearly budget.\",\"lang\":\"en\"}\n"
            ),
        )
        .unwrap();
        std::fs::write(
            dir.join("queries.jsonl"),
            "{\"id\":\"q1\",\"text\":\"客服经理负责什么?\"}\n{\"id\":\"q2\",\"text\":\"ho tro khach hang\"}\n{\"id\":\"q3\",\"text\":\"budgets\"}\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("qrels.tsv"),
            "query-id\tcorpus-id\tscore\nq1\tzh\t1\nq2\tvi\t1\nq3\ten\t1\n",
        )
        .unwrap();
    }

    #[test]
    fn evaluates_a_small_multilingual_set() {
        let dir = tempfile::tempdir().unwrap();
        write_small_set(dir.path());
        let run = dir.path().join("run.trec");
        let report = evaluate(dir.path(), Some(&run), false, None).unwrap();
        assert_eq!((report.docs, report.queries), (3, 3));
        assert_eq!(report.ndcg_at_10, 1.0);
        let lines = std::fs::read_to_string(&run).unwrap();
        assert!(lines.lines().next().unwrap().starts_with("q1 Q0 zh 1 "));
    }

    #[test]
    fn a_kept_index_is_reused_only_for_the_same_corpus() {
        let data = tempfile::tempdir().unwrap();
        write_small_set(data.path());
        let keep = tempfile::tempdir().unwrap();
        let kept = keep.path().join("kept");
        let first = evaluate(data.path(), None, false, Some(&kept)).unwrap();
        assert!(!first.index_reused && kept.join(KEPT_KEY_FILE).exists());
        let second = evaluate(data.path(), None, false, Some(&kept)).unwrap();
        assert!(second.index_reused);
        assert_eq!((second.ndcg_at_10, second.docs), (1.0, 3));

        // Another corpus in the same folder: built again, the old documents gone.
        let corpus = data.path().join("corpus.jsonl");
        let fewer: String = std::fs::read_to_string(&corpus)
            .unwrap()
            .lines()
            .filter(|l| !l.contains("\"en\""))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&corpus, fewer).unwrap();
        let third = evaluate(data.path(), None, false, Some(&kept)).unwrap();
        assert!(!third.index_reused);
        assert!(third.ndcg_at_10 < 1.0, "q3's document is no longer indexed");

        // A folder that holds something else is never emptied.
        let foreign = keep.path().join("foreign");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = evaluate(data.path(), None, false, Some(&foreign))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("foreign") && err.contains(KEPT_KEY_FILE),
            "{err}"
        );
        assert!(foreign.join("notes.txt").exists());
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("corpus.jsonl"),
            "{\"id\":1,\"text\":\"ok\"}\n{oops\n",
        )
        .unwrap();
        let err = evaluate(dir.path(), None, false, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("corpus.jsonl") && err.contains("line 2"),
            "{err}"
        );
    }
}
