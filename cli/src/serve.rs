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

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex, mpsc};

use kbsearch::KnowledgeBase;

/// Requests read ahead of the answers written, per worker: enough to keep every core busy
/// while a pipelining client waits, few enough that a flood of lines is not all held.
const QUEUED_PER_WORKER: usize = 16;

/// Serve requests from `input` until it ends; responses go to `output`, one line each, in
/// the order of the requests.
///
/// Requests are answered concurrently, one worker per core (every operation of the protocol
/// reads the index), so a client that sends several requests before reading the answers
/// gets them all cores' speed; the answers are still written in request order.
pub fn serve(
    kb: &KnowledgeBase,
    input: impl BufRead,
    output: impl Write + Send,
) -> std::io::Result<()> {
    // Pay for the Chinese dictionary while the client is still preparing its first request.
    std::thread::spawn(kbsearch::analysis::load_dictionary);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let (request_tx, request_rx) =
            mpsc::sync_channel::<(u64, String)>(workers * QUEUED_PER_WORKER);
        // Workers own the receiver: once they are gone (the writer failed), sends fail and
        // reading stops.
        let request_rx = Arc::new(Mutex::new(request_rx));
        let (answer_tx, answer_rx) = mpsc::channel::<(u64, String)>();
        for _ in 0..workers {
            let (request_rx, answer_tx) = (Arc::clone(&request_rx), answer_tx.clone());
            scope.spawn(move || {
                loop {
                    let request = request_rx
                        .lock()
                        .map_err(|_| ())
                        .and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((seq, line)) = request else { break };
                    if answer_tx.send((seq, kb.handle_json(&line))).is_err() {
                        break;
                    }
                }
            });
        }
        drop((request_rx, answer_tx));
        let writer = scope.spawn(move || write_in_order(answer_rx, output));
        let mut seq = 0u64;
        for line in input.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            if request_tx.send((seq, line)).is_err() {
                break; // the workers stopped: the writer failed, its error is returned below
            }
            seq += 1;
        }
        drop(request_tx);
        writer.join().expect("the writer does not panic")
    })
}

/// Write the answers in sequence order as they arrive (each flushed once nothing earlier
/// is missing), until every worker is done.
fn write_in_order(
    answers: mpsc::Receiver<(u64, String)>,
    mut output: impl Write,
) -> std::io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0u64;
    for (seq, answer) in answers {
        waiting.insert(seq, answer);
        let mut wrote = false;
        while let Some(answer) = waiting.remove(&next) {
            output.write_all(answer.as_bytes())?;
            output.write_all(b"\n")?;
            next += 1;
            wrote = true;
        }
        if wrote {
            output.flush()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The answers `serve` writes for `input`, parsed.
    fn answers(kb: &KnowledgeBase, input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        serve(kb, input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

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
        let lines = answers(&kb, input);
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

    #[test]
    fn answers_many_pipelined_requests_in_their_order() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, lang, title, body) in [
            (
                "uk",
                "uk",
                "Повернення коштів",
                "Кошти повертаються на картку протягом п'яти днів.",
            ),
            (
                "zh",
                "zh-Hant",
                "預算管理",
                "客戶服務部門的預算由運營經理負責。",
            ),
            (
                "en",
                "en",
                "Password reset",
                "Reset your password from the sign-in page.",
            ),
        ] {
            kb.upsert(kbsearch::Article::new(id, title, body).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        let queries = [
            ("повернення коштів", "uk"),
            ("预算管理", "zh"),
            ("reset password", "en"),
        ];
        let input: String = (0..300)
            .map(|n| {
                let (query, _) = queries[n % 3];
                format!("{{\"id\": {n}, \"query\": \"{query}\", \"k\": 1}}\n")
            })
            .collect();
        let lines = answers(&kb, &input);
        assert_eq!(lines.len(), 300);
        for (n, line) in lines.iter().enumerate() {
            assert_eq!(line["id"], n, "answer {n} out of order");
            assert_eq!(line["hits"][0]["article_id"], queries[n % 3].1);
        }
    }
}
