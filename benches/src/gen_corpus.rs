//! Generate a large multilingual corpus, deterministically (see `kbsearch_benches::corpus`).
//!
//! usage: gen-corpus --passages N --out ARTICLES.jsonl [--queries QUERIES.jsonl] [--num-queries Q]
//!                   [--beir DIR] [--seed S] [--sources DIR|none]
//!
//! - `--out`: one article per line `{"id","title","body","lang"}` (the body has `## ` sections);
//!   articles are generated until their sections number at least N (kbsearch's own passage
//!   count, reported by `stats`, is close to it).
//! - `--queries`: Q (default 2000) mixed-language queries `{"id","text","lang"}`.
//! - `--beir DIR`: the same corpus one section per line, `DIR/corpus.jsonl` (`id,title,text,lang`)
//!   and `DIR/queries.jsonl` — the input of `benches/peers.py`.
//! - `--sources`: folder of public sets (default `../shared/eval` beside the repository when
//!   present; `none` = only the sample corpus).
//!
//! Prints a JSON summary on stdout.

use std::io::Write;
use std::path::PathBuf;

use kbsearch_benches::corpus::{Generator, Pools, default_public_sets};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut passages: usize = 10_000;
    let mut out: Option<PathBuf> = None;
    let mut queries_out: Option<PathBuf> = None;
    let mut num_queries = 2000;
    let mut beir: Option<PathBuf> = None;
    let mut seed: u64 = 20_261_123;
    let mut sources = default_public_sets();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--passages" => passages = value()?.replace('_', "").parse()?,
            "--out" => out = Some(value()?.into()),
            "--queries" => queries_out = Some(value()?.into()),
            "--num-queries" => num_queries = value()?.parse()?,
            "--beir" => beir = Some(value()?.into()),
            "--seed" => seed = value()?.parse()?,
            "--sources" => {
                let v = value()?;
                sources = (v != "none").then(|| v.into());
            }
            _ => return Err(format!("unknown argument {a}\nusage: gen-corpus --passages N --out FILE.jsonl [--queries FILE] [--num-queries Q] [--beir DIR] [--seed S] [--sources DIR|none]").into()),
        }
    }
    let out = out.ok_or("--out FILE.jsonl is required")?;
    let started = std::time::Instant::now();
    let pools = Pools::load(sources.as_deref())?;
    let mut generator = Generator::new(&pools, seed);
    let create = |p: &PathBuf| -> std::io::Result<std::io::BufWriter<std::fs::File>> {
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(std::io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(p)?,
        ))
    };
    let mut articles_file = create(&out)?;
    let mut beir_file = match &beir {
        Some(dir) => Some(create(&dir.join("corpus.jsonl"))?),
        None => None,
    };
    let (mut sections, mut articles, mut bytes, mut chars) = (0usize, 0usize, 0u64, 0u64);
    let mut per_lang = std::collections::BTreeMap::<&str, usize>::new();
    while sections < passages {
        let a = generator.article();
        writeln!(articles_file, "{}", a.to_json())?;
        if let Some(f) = beir_file.as_mut() {
            for (n, (_, text)) in a.sections.iter().enumerate() {
                let v = serde_json::json!({"id": format!("{}-{n}", a.id), "title": a.title, "text": text, "lang": a.lang});
                writeln!(f, "{v}")?;
            }
        }
        sections += a.sections.len();
        articles += 1;
        bytes += (a.title.len() + a.body.len()) as u64;
        chars += (a.title.chars().count() + a.body.chars().count()) as u64;
        *per_lang.entry(a.lang).or_default() += 1;
    }
    articles_file.flush()?;
    if let Some(mut f) = beir_file {
        f.flush()?;
    }
    let queries = generator.queries(num_queries);
    let mut query_files = Vec::new();
    if let Some(q) = &queries_out {
        query_files.push(q.clone());
    }
    if let Some(dir) = &beir {
        query_files.push(dir.join("queries.jsonl"));
    }
    for path in &query_files {
        let mut f = create(path)?;
        for (n, (text, lang)) in queries.iter().enumerate() {
            writeln!(
                f,
                "{}",
                serde_json::json!({"id": format!("gq{n:05}"), "text": text, "lang": lang})
            )?;
        }
        f.flush()?;
    }
    println!(
        "{}",
        serde_json::json!({
            "out": out.display().to_string(), "articles": articles, "sections": sections,
            "raw_bytes": bytes, "raw_chars": chars, "articles_per_lang": per_lang,
            "queries": queries.len(), "seed": seed, "seconds": started.elapsed().as_secs_f64(),
            "sources": pools.sources, "pools": pools.summary(),
        })
    );
    Ok(())
}
