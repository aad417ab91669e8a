//! `kbsearch serve`: one JSON request per line on stdin, one JSON response per line on stdout.
//!
//! The protocol is the core's ([`kbsearch::Request`]): `{"query": "...", "k": 10, "lang":
//! "uk", "per_article": 1}` (a search; `op` may be omitted or `"search"`), `{"op": "get",
//! "id": "..."}`, `{"op": "stats"}`. A search answers with the same object as `search
//! --json`, `get` with the stored article, `stats` with the stats object; an error is
//! `{"error": "...", "kind": "..."}` (the kind is `KbError::kind()`) and the loop goes on. A
//! response begins with the request's `id` when it gave one. Each request first loads new
//! commits, so articles indexed by another process are found without a restart. Nothing
//! listens on a network port.

use std::io::{BufRead, Write};

use kbsearch::KnowledgeBase;

/// Serve requests from `input` until it ends; responses go to `output`, one line each.
pub fn serve(
    kb: &KnowledgeBase,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<()> {
    // Pay for the Chinese dictionary while the client is still preparing its first request.
    std::thread::spawn(kbsearch::analysis::load_dictionary);
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        output.write_all(kb.handle_json(&line).as_bytes())?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
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
            "\n",
            "{\"query\": \"?!\", \"id\": 2}\n",
            "{\"op\": \"get\", \"id\": \"vi\"}\n",
            "{\"op\": \"stats\"}\n",
            "{\"op\": \"dance\"}\n",
            "{\"op\": \"get\", \"id\": \"gone\"}\n",
            "{\"query\": \"đào tạo\", \"per_article\": 0}\n"
        );
        let mut out = Vec::new();
        serve(&kb, input.as_bytes(), &mut out).unwrap();
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0]["hits"][0]["article_id"], "vi");
        assert_eq!(lines[1]["kind"], "invalid_request");
        assert_eq!(
            (&lines[2]["kind"], &lines[2]["id"]),
            (&"empty_query".into(), &2.into())
        );
        assert_eq!(lines[3]["title"], "Đào tạo");
        assert_eq!(lines[4]["articles"], 1);
        assert!(lines[5]["error"].as_str().unwrap().contains("dance"));
        assert_eq!(lines[6]["kind"], "not_found");
        assert_eq!(lines[7]["kind"], "invalid_request");
    }
}
