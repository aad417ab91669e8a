//! The HTML reading pipeline on a list of pages, for the extraction benchmark
//! (`benches/extraction/run.py`).
//!
//! usage: extract-eval < PATHS   (one HTML file path per line)
//!
//! For every page: `formats::parse(Format::Html, bytes)` → `ingest::to_article` →
//! `ingest::prepare(article, &ChromeModel::default())`, then one JSON line on stdout:
//! `{"path", "title", "passages": [{"headings": [...], "text"}]}` or `{"path", "error"}`.

use std::io::{BufRead, Write};

use kbsearch::ingest::{self, clean::ChromeModel, formats};
use serde_json::json;

fn extract(bytes: &[u8]) -> Result<serde_json::Value, String> {
    let parsed = formats::parse(formats::Format::Html, bytes).map_err(|e| e.to_string())?;
    let raw = parsed.articles.into_iter().next().ok_or("no article")?;
    let article = ingest::to_article(raw, "page".to_owned(), None);
    let prepared = ingest::prepare(article, &ChromeModel::default()).map_err(|e| e.to_string())?;
    let passages: Vec<_> = prepared
        .passages
        .iter()
        .map(|p| json!({"headings": p.heading_path, "text": p.text}))
        .collect();
    let removed: Vec<_> = prepared
        .removed
        .iter()
        .map(|r| json!([r.rule, r.text]))
        .collect();
    Ok(json!({"title": prepared.title, "passages": passages, "removed": removed}))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::io::stdin().lock().lines() {
        let path = path?;
        if path.trim().is_empty() {
            continue;
        }
        let line = match std::fs::read(&path) {
            Err(e) => json!({"path": path, "error": format!("read: {e}")}),
            Ok(bytes) => match extract(&bytes) {
                Ok(mut value) => {
                    value["path"] = json!(path);
                    value
                }
                Err(error) => json!({"path": path, "error": error}),
            },
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}
