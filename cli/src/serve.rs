//! `kbsearch serve`: one JSON request per line on stdin, one JSON response per line on stdout.
//!
//! Requests: `{"query": "...", "k": 10, "lang": "uk", "per_article": 1}` (a search; `op` may
//! be omitted or `"search"`), `{"op": "get", "id": "..."}`, `{"op": "stats"}`. A search
//! answers with the same object as `search --json`; `get` with the stored article (or
//! `null`), `stats` with the stats object. A bad request answers `{"error": "...", "kind":
//! "..."}` and the loop goes on. Each request first loads new commits, so articles indexed
//! by another process are found without a restart. Nothing listens on a network port.

use std::io::{BufRead, Write};

use kbsearch::{KbError, KnowledgeBase, SearchRequest};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    #[serde(default)]
    op: Option<String>,
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    k: Option<usize>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    per_article: Option<usize>,
    #[serde(default)]
    id: Option<String>,
}

/// Serve requests from `input` until it ends; responses go to `output`, one line each.
pub fn serve(
    kb: &KnowledgeBase,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<()> {
    // Pay for the Chinese dictionary while the client is still preparing its first request.
    std::thread::spawn(kbsearch::analysis::chinese::load_dictionary);
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        output.write_all(answer(kb, &line).as_bytes())?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}

/// The response line for one request line (serialized from the same structs as the CLI's
/// `--json` output, so fields keep their order).
fn answer(kb: &KnowledgeBase, line: &str) -> String {
    let request: Request = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => return error("bad_request", &format!("malformed request: {e}")),
    };
    if let Err(e) = kb.refresh() {
        return kb_error(&e);
    }
    let result = match request.op.as_deref().unwrap_or("search") {
        "search" => {
            let Some(query) = request.query else {
                return error("bad_request", "a search needs \"query\"");
            };
            let mut search = SearchRequest::new(query)
                .limit(request.k.unwrap_or(10))
                .passages_per_article(request.per_article.unwrap_or(1));
            search.lang = request.lang;
            kb.search(&search).map(|r| to_json(&r))
        }
        "get" => {
            let Some(id) = request.id else {
                return error("bad_request", "\"get\" needs \"id\"");
            };
            kb.get(&id).map(|a| to_json(&a))
        }
        "stats" => kb.stats().map(|s| to_json(&s)),
        other => {
            return error(
                "bad_request",
                &format!("unknown op {other:?} (use search, get or stats)"),
            );
        }
    };
    result.unwrap_or_else(|e| kb_error(&e))
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| error("internal", &e.to_string()))
}

fn kb_error(e: &KbError) -> String {
    let kind = match e {
        KbError::EmptyQuery(_) => "empty_query",
        KbError::UnknownLanguage(_) => "unknown_language",
        KbError::InvalidRequest(_) => "bad_request",
        KbError::NoIndex { .. } => "no_index",
        KbError::IndexVersion { .. } => "index_version",
        KbError::Corrupt { .. } => "corrupt_index",
        _ => "internal",
    };
    error(kind, &e.to_string())
}

fn error(kind: &str, message: &str) -> String {
    json!({"error": message, "kind": kind}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn answers_every_line_and_survives_bad_ones() {
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.upsert(kbsearch::Article::new(
            "vi",
            "Đào tạo",
            "Phát triển kế hoạch đào tạo nhân viên mới.",
        ))
        .unwrap();
        kb.commit().unwrap();
        let input = concat!(
            "{\"query\": \"dao tao nhan vien\", \"k\": 3}\n",
            "not json\n",
            "{\"query\": \"?!\"}\n",
            "{\"op\": \"get\", \"id\": \"vi\"}\n",
            "{\"op\": \"stats\"}\n",
            "{\"op\": \"dance\"}\n"
        );
        let mut out = Vec::new();
        serve(&kb, input.as_bytes(), &mut out).unwrap();
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[0]["hits"][0]["article_id"], "vi");
        assert_eq!(lines[1]["kind"], "bad_request");
        assert_eq!(lines[2]["kind"], "empty_query");
        assert_eq!(lines[3]["title"], "Đào tạo");
        assert_eq!(lines[4]["articles"], 1);
        assert!(lines[5]["error"].as_str().unwrap().contains("dance"));
    }
}
