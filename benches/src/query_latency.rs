//! In-process query latency over a mixed-language query set: p50/p95/p99, overall and per
//! language.
//!
//! usage: query-latency INDEX_DIR QUERIES.jsonl [--k 10] [--min 1000] [--warmup N] [--no-snippets]
//!                      [--breakdown] [--tag T] [--facets] [--baseline DIR]
//!
//! `--tag T` filters every query by a tag (generated corpora tag 1 article in 8 `topic-0`…),
//! `--facets` asks for lang, tag and category counts.
//!
//! QUERIES lines: `{"text"|"query", "lang"?}`. After a warm-up pass over the first N queries
//! (default: all of them; loads the Chinese dictionary and the index pages), the queries are
//! run one at a time, in order, in as many rounds as it takes to time at least `--min`
//! searches. A search is `KnowledgeBase::search` with `limit(k)` (snippets on, as users get
//! them, unless `--no-snippets`). Queries made only of stop words are counted, not timed.
//! Prints one JSON object; `--breakdown` adds, per language, the p50/mean of query analysis
//! alone, of searches with k=1 and k without snippets, and with snippets.
//!
//! `--baseline DIR` (an index made by `tantivy-baseline`) times raw tantivy on the same
//! queries, each query run on kbsearch then on the baseline (so both see the same load), and
//! adds `baseline` (the same summaries) and `ratio` (kbsearch ÷ baseline, p50 and p99, overall
//! and per language) to the output.

use std::collections::BTreeMap;
use std::time::Instant;

use kbsearch::{KbError, KnowledgeBase, SearchRequest};
use kbsearch_benches::util::{load_average, percentile, read_queries};

fn summary(mut v: Vec<f64>) -> serde_json::Value {
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
    serde_json::json!({
        "n": v.len(), "mean_ms": mean, "p50_ms": percentile(&v, 50.0), "p95_ms": percentile(&v, 95.0),
        "p99_ms": percentile(&v, 99.0), "max_ms": v.last().copied().unwrap_or(f64::NAN),
    })
}

/// Where a search's time goes, per language: the same queries timed as query analysis alone,
/// searches with k=1 and k (no snippets: scoring + fetching `2k+20` stored passages), and k
/// with snippets; plus the number of analyzed query terms (each is searched in 3 zones).
fn stage_breakdown(
    kb: &KnowledgeBase,
    queries: &[(String, String)],
    k: usize,
) -> serde_json::Value {
    let mut out = BTreeMap::new();
    let langs: std::collections::BTreeSet<&str> = queries.iter().map(|(_, l)| l.as_str()).collect();
    for lang in langs {
        let qs: Vec<&str> = queries
            .iter()
            .filter(|(_, l)| l == lang)
            .map(|(q, _)| q.as_str())
            .collect();
        let time = |f: &dyn Fn(&str)| -> Vec<f64> {
            qs.iter()
                .map(|q| {
                    let t = Instant::now();
                    f(q);
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect()
        };
        let search = |q: &str, k: usize, snippets: bool| {
            let mut r = SearchRequest::new(q).limit(k);
            r.snippets = snippets;
            let _ = std::hint::black_box(kb.search(&r));
        };
        let terms: Vec<f64> = qs
            .iter()
            .map(|q| {
                let a = kbsearch::analysis::analyze(q, None);
                kbsearch::analysis::Form::ALL
                    .iter()
                    .map(|f| a.form(*f).len())
                    .sum::<usize>() as f64
            })
            .collect();
        let med = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            serde_json::json!({"p50_ms": percentile(&v, 50.0), "mean_ms": v.iter().sum::<f64>() / v.len().max(1) as f64})
        };
        out.insert(lang.to_string(), serde_json::json!({
            "analyze": med(time(&|q| { std::hint::black_box(kbsearch::analysis::analyze(q, None)); })),
            "search_k1_no_snippets": med(time(&|q| search(q, 1, false))),
            "search_k_no_snippets": med(time(&|q| search(q, k, false))),
            "search_k_snippets": med(time(&|q| search(q, k, true))),
            "mean_query_terms": terms.iter().sum::<f64>() / terms.len().max(1) as f64,
        }));
    }
    serde_json::json!(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let (mut k, mut min, mut warmup, mut snippets) = (10usize, 1000usize, usize::MAX, true);
    let mut breakdown = false;
    let (mut tag, mut facets) = (None, false);
    let mut baseline_dir: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--k" => k = args.next().ok_or("--k N")?.parse()?,
            "--min" => min = args.next().ok_or("--min N")?.parse()?,
            "--warmup" => warmup = args.next().ok_or("--warmup N")?.parse()?,
            "--no-snippets" => snippets = false,
            "--breakdown" => breakdown = true,
            "--tag" => tag = Some(args.next().ok_or("--tag T")?),
            "--facets" => facets = true,
            "--baseline" => baseline_dir = Some(args.next().ok_or("--baseline DIR")?),
            _ => positional.push(a),
        }
    }
    let [index, queries] = positional.as_slice() else {
        return Err("usage: query-latency INDEX_DIR QUERIES.jsonl [--k 10] [--min 1000] [--warmup N] [--no-snippets]".into());
    };
    let queries = read_queries(queries.as_ref())?;
    if queries.is_empty() {
        return Err("no queries".into());
    }
    let load_before = load_average();
    let opened = Instant::now();
    let kb = KnowledgeBase::open_existing(index)?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let request = |q: &str| {
        let mut r = SearchRequest::new(q).limit(k);
        r.snippets = snippets;
        r.filters.tags.extend(tag.clone());
        if facets {
            r.facets = kbsearch::DEFAULT_FACETS.map(String::from).to_vec();
        }
        r
    };
    let baseline = baseline_dir
        .as_deref()
        .map(|d| kbsearch_benches::baseline::Baseline::open(d.as_ref()))
        .transpose()?;
    let run_baseline = |q: &str, lang: &str| -> Result<f64, Box<dyn std::error::Error>> {
        let b = baseline.as_ref().expect("called with a baseline");
        let t = Instant::now();
        std::hint::black_box(b.search(q, lang, k)?);
        Ok(t.elapsed().as_secs_f64() * 1e3)
    };
    if baseline.is_some() {
        for (q, lang) in queries.iter().take(warmup) {
            run_baseline(q, lang)?;
        }
    }
    let mut baseline_all = Vec::new();
    let mut baseline_per_lang: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let first = Instant::now();
    let _ = kb.search(&request(&queries[0].0));
    let first_query_ms = first.elapsed().as_secs_f64() * 1e3;
    let warm = Instant::now();
    for (q, _) in queries.iter().take(warmup) {
        let _ = kb.search(&request(q));
    }
    let warmup_s = warm.elapsed().as_secs_f64();
    let mut all = Vec::new();
    let mut per_lang: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let (mut empty_queries, mut no_hits) = (0usize, 0usize);
    let rounds = min.div_ceil(queries.len()).max(1);
    for round in 0..rounds {
        for (q, lang) in &queries {
            let r = request(q);
            let t = Instant::now();
            let result = kb.search(&r);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let lang_key = if lang.is_empty() { "?" } else { lang.as_str() };
            match result {
                Ok(res) => {
                    if round == 0 && res.hits.is_empty() {
                        no_hits += 1;
                    }
                    all.push(ms);
                    per_lang.entry(lang_key.into()).or_default().push(ms);
                    if baseline.is_some() {
                        let ms = run_baseline(q, lang)?;
                        baseline_all.push(ms);
                        baseline_per_lang
                            .entry(lang_key.into())
                            .or_default()
                            .push(ms);
                    }
                }
                Err(KbError::EmptyQuery(_)) => empty_queries += usize::from(round == 0),
                Err(e) => return Err(e.into()),
            }
        }
    }
    let stats = kb.stats()?;
    let breakdown = if breakdown {
        Some(stage_breakdown(&kb, &queries, k))
    } else {
        None
    };
    let ours_all = summary(all);
    let ours_per_lang: BTreeMap<String, serde_json::Value> =
        per_lang.into_iter().map(|(l, v)| (l, summary(v))).collect();
    let (baseline_summary, ratio) = if baseline.is_some() {
        let ratio = |ours: &serde_json::Value, theirs: &serde_json::Value| {
            let r = |key: &str| {
                ours[key].as_f64().unwrap_or(f64::NAN) / theirs[key].as_f64().unwrap_or(f64::NAN)
            };
            serde_json::json!({"p50": r("p50_ms"), "p99": r("p99_ms")})
        };
        let theirs_all = summary(baseline_all);
        let theirs_per_lang: BTreeMap<String, serde_json::Value> = baseline_per_lang
            .into_iter()
            .map(|(l, v)| (l, summary(v)))
            .collect();
        let mut ratios = BTreeMap::new();
        ratios.insert("all".to_string(), ratio(&ours_all, &theirs_all));
        for (lang, ours) in &ours_per_lang {
            ratios.insert(lang.clone(), ratio(ours, &theirs_per_lang[lang]));
        }
        (
            Some(
                serde_json::json!({"index": baseline_dir, "all": theirs_all, "per_lang": theirs_per_lang}),
            ),
            Some(serde_json::json!(ratios)),
        )
    } else {
        (None, None)
    };
    println!(
        "{}",
        serde_json::json!({
            "index": index, "passages": stats.passages, "articles": stats.articles, "k": k,
            "snippets": snippets, "tag": tag, "facets": facets, "queries": queries.len(), "rounds": rounds,
            "empty_queries": empty_queries, "queries_without_hits": no_hits,
            "open_ms": open_ms, "first_query_ms": first_query_ms, "warmup_s": warmup_s,
            "all": ours_all, "per_lang": ours_per_lang,
            "load_before": load_before, "load_after": load_average(), "breakdown": breakdown,
            "baseline": baseline_summary, "ratio": ratio,
        })
    );
    Ok(())
}
