//! Where indexing time goes, per language, on one thread: the stages of
//! `KnowledgeBase::upsert_many` run one by one and timed.
//!
//! usage: stage-profile CORPUS.jsonl [--articles N] [--writer-dir DIR]
//!
//! For the first N articles (default 3000) of CORPUS, grouped by language (declared or
//! detected), times: `prepare` (validate, clean, section, detect language), `documents`
//! (analysis of title, headings and passage text in every form + tantivy document building),
//! and inside it `analyze(text)` alone, and for Chinese `to_simplified` and jieba
//! `cut_for_search` (whole dictionary, HMM on, as kbsearch calls it) alone; then the tantivy
//! writer (`replace_documents` + `commit` into an on-disk index in DIR or a temp folder).
//! Prints one JSON object: seconds and MB/s (raw title+body bytes) per stage and language.

use std::collections::BTreeMap;
use std::time::Instant;

use kbsearch::analysis::{self, Lang};
use kbsearch::index::IndexStore;
use kbsearch::ingest::{self, clean::ChromeModel};
use kbsearch_benches::util::{for_each_batch, peak_rss_bytes};

#[derive(Default)]
struct Acc {
    articles: usize,
    passages: usize,
    bytes: u64,
    prepare: f64,
    documents: f64,
    analyze_text: f64,
    to_simplified: f64,
    jieba: f64,
    tokens: [usize; 3],
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut limit = 3000usize;
    let mut writer_dir: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => limit = args.next().ok_or("--articles N")?.parse()?,
            "--writer-dir" => writer_dir = Some(args.next().ok_or("--writer-dir DIR")?.into()),
            _ => positional.push(a),
        }
    }
    let [corpus] = positional.as_slice() else {
        return Err("usage: stage-profile CORPUS.jsonl [--articles N] [--writer-dir DIR]".into());
    };
    let mut articles = Vec::new();
    for_each_batch(corpus.as_ref(), limit, |batch, _| {
        if articles.len() < limit {
            articles.extend(batch);
        }
        Ok(())
    })?;
    articles.truncate(limit);

    let t = Instant::now();
    analysis::load_dictionary();
    let dictionary_load_s = t.elapsed().as_secs_f64();
    let jieba = jieba_rs::Jieba::new();

    let chrome = ChromeModel::default();
    let scratch = IndexStore::in_memory()?;
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    let mut all_docs = Vec::with_capacity(articles.len());
    for article in articles {
        let bytes = (article.title.len() + article.body.len()) as u64;
        let t = Instant::now();
        let prepared = ingest::prepare(article, &chrome)?;
        let prepare_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let docs: Vec<_> = scratch.documents(&prepared, "0000000000000000")?.collect();
        let documents_s = t.elapsed().as_secs_f64();
        let lang = prepared.lang;
        let a = acc.entry(lang.code().to_string()).or_default();
        a.articles += 1;
        a.passages += prepared.passages.len();
        a.bytes += bytes;
        a.prepare += prepare_s;
        a.documents += documents_s;
        for p in &prepared.passages {
            let t = Instant::now();
            let analyzed = std::hint::black_box(analysis::analyze(&p.text, Some(lang)));
            a.analyze_text += t.elapsed().as_secs_f64();
            for (n, form) in analysis::Form::ALL.iter().enumerate() {
                a.tokens[n] += analyzed.form(*form).len();
            }
            if matches!(lang, Lang::ZhHans | Lang::ZhHant) {
                let t = Instant::now();
                let simplified = analysis::to_simplified(&p.text);
                a.to_simplified += t.elapsed().as_secs_f64();
                let t = Instant::now();
                std::hint::black_box(jieba.cut_for_search(&simplified, true));
                a.jieba += t.elapsed().as_secs_f64();
            }
        }
        all_docs.push((prepared.article.id.clone(), docs));
    }

    let tmp;
    let dir = match &writer_dir {
        Some(d) => {
            let _ = std::fs::remove_dir_all(d);
            d.clone()
        }
        None => {
            tmp =
                std::env::temp_dir().join(format!("kbsearch-stage-profile-{}", std::process::id()));
            tmp.clone()
        }
    };
    let store = IndexStore::open_or_create(&dir)?;
    let t = Instant::now();
    for (id, docs) in all_docs {
        store.replace_documents(&id, docs, false)?; // a fresh index: no delete needed
    }
    let add_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    store.commit()?;
    let commit_s = t.elapsed().as_secs_f64();
    drop(store);
    if writer_dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }

    let total_bytes: u64 = acc.values().map(|a| a.bytes).sum();
    let mbps = |bytes: u64, s: f64| {
        if s > 0.0 {
            bytes as f64 / 1e6 / s
        } else {
            f64::NAN
        }
    };
    let per_lang: BTreeMap<String, serde_json::Value> = acc
        .iter()
        .map(|(l, a)| {
            (l.clone(), serde_json::json!({
                "articles": a.articles, "passages": a.passages, "mb": a.bytes as f64 / 1e6,
                "prepare_s": a.prepare, "documents_s": a.documents, "analyze_text_s": a.analyze_text,
                "to_simplified_s": a.to_simplified, "jieba_cut_for_search_s": a.jieba,
                "prepare_mb_s": mbps(a.bytes, a.prepare), "documents_mb_s": mbps(a.bytes, a.documents),
                "prepare_plus_documents_mb_s": mbps(a.bytes, a.prepare + a.documents),
                "share_of_documents_in_analyze_text": a.analyze_text / a.documents,
                "text_tokens_per_kb": a.tokens.iter().sum::<usize>() as f64 / (a.bytes as f64 / 1000.0),
                "text_tokens_words_folded_pairs": a.tokens,
                "share_of_analyze_text_in_jieba": if a.jieba > 0.0 { a.jieba / a.analyze_text } else { 0.0 },
            }))
        })
        .collect();
    let prepare: f64 = acc.values().map(|a| a.prepare).sum();
    let documents: f64 = acc.values().map(|a| a.documents).sum();
    let writer = add_s + commit_s;
    println!(
        "{}",
        serde_json::json!({
            "corpus": corpus, "mb": total_bytes as f64 / 1e6, "dictionary_load_s": dictionary_load_s,
            "prepare_s": prepare, "documents_s": documents, "writer_add_s": add_s, "writer_commit_s": commit_s,
            "one_thread_mb_s": mbps(total_bytes, prepare + documents + writer),
            "share": {"prepare": prepare / (prepare + documents + writer), "documents": documents / (prepare + documents + writer), "writer": writer / (prepare + documents + writer)},
            "per_lang": per_lang, "peak_rss_mib": peak_rss_bytes().map(|b| b as f64 / 1048576.0),
        })
    );
    Ok(())
}
