//! Semantic search end to end: installing the model, indexing with vectors, answering
//! paraphrases and questions in another language (`--semantic`), in one-shot commands and
//! `serve`. Skipped without the embedding model unless `KBSEARCH_REQUIRE_MODEL` is set (the
//! test script installs the model and sets it).

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{Run, Session, corpus, kbsearch};

/// The installed model, or `None` (test skipped) when there is none.
fn installed_model() -> Option<PathBuf> {
    let out = kbsearch(&PathBuf::from("unused"))
        .args(["model", "status"])
        .run_within(crate::common::TIMEOUT);
    if out.status.success() {
        let stdout = String::from_utf8(out.stdout).unwrap();
        return Some(PathBuf::from(
            stdout.trim().trim_start_matches("installed: "),
        ));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        std::env::var_os("KBSEARCH_REQUIRE_MODEL").is_none(),
        "KBSEARCH_REQUIRE_MODEL is set but `kbsearch model status` says: {stderr}"
    );
    assert!(stderr.contains("kbsearch model install"), "{stderr}");
    eprintln!("skipped: {stderr}");
    None
}

#[test]
fn model_install_copies_and_checks_the_model_file() {
    let Some(model) = installed_model() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("models").join("e5.bin");
    let stdout = kbsearch(&dir.path().join("idx"))
        .env("KBSEARCH_MODEL", &target)
        .args(["model", "install"])
        .arg(&model)
        .success();
    assert!(stdout.contains(&target.display().to_string()), "{stdout}");
    assert_eq!(
        std::fs::metadata(&target).unwrap().len(),
        std::fs::metadata(&model).unwrap().len()
    );
    // Anything else is refused, and nothing is installed.
    let wrong = dir.path().join("wrong.bin");
    std::fs::write(&wrong, b"not a model").unwrap();
    let other = dir.path().join("other.bin");
    kbsearch(&dir.path().join("idx"))
        .env("KBSEARCH_MODEL", &other)
        .args(["model", "install"])
        .arg(&wrong)
        .failure_with("11 bytes, not the 71622400");
    assert!(!other.exists());
    kbsearch(&dir.path().join("idx"))
        .env("KBSEARCH_MODEL", &other)
        .args(["model", "status"])
        .failure_with("kbsearch model install");
}

#[test]
fn paraphrases_and_other_languages_are_answered_with_semantic() {
    if installed_model().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    kbsearch(&index)
        .arg("index")
        .arg(corpus().join("articles"))
        .arg("--semantic")
        .success();
    let stats: Value =
        serde_json::from_str(&kbsearch(&index).args(["stats", "--json"]).success()).unwrap();
    assert_eq!(stats["vector_passages"], stats["passages"], "{stats}");
    assert!(stats["vector_model"].as_str().unwrap().contains("e5-small"));

    // One-shot: an English question answered by the Vietnamese article's section.
    let results: Value = serde_json::from_str(
        &kbsearch(&index)
            .args([
                "search",
                "Who manages the budget of the support department?",
            ])
            .args(["--semantic", "--answer-lang", "vi", "--json", "-k", "3"])
            .success(),
    )
    .unwrap();
    let hits = results["hits"].as_array().unwrap();
    assert!(hits.iter().all(|h| h["lang"] == "vi"), "{results}");
    assert!(
        hits[0]["heading_path"].to_string().contains("ngân sách"),
        "{results}"
    );

    // corpus/paraphrase.jsonl: questions sharing no content word with their answer.
    let mut serve = Session::start(kbsearch(&index).arg("serve"));
    let questions = std::fs::read_to_string(corpus().join("paraphrase.jsonl")).unwrap();
    let (mut total, mut lexical, mut semantic) = (0, 0, 0);
    for line in questions.lines().filter(|l| !l.trim().is_empty()) {
        let q: Value = serde_json::from_str(line).unwrap();
        let answered = |results: &Value| {
            results["hits"].as_array().unwrap().iter().any(|hit| {
                q["answers"].as_array().unwrap().iter().any(|pair| {
                    hit["article_id"] == pair[0]
                        && hit["text"]
                            .as_str()
                            .unwrap()
                            .contains(pair[1].as_str().unwrap())
                })
            })
        };
        let mut request = serde_json::json!({"query": q["query"], "k": 3});
        lexical += usize::from(answered(&serve.ask(&request.to_string())));
        request["semantic"] = Value::Bool(true);
        semantic += usize::from(answered(&serve.ask(&request.to_string())));
        total += 1;
    }
    eprintln!(
        "paraphrases answered in the top 3: lexical {lexical}/{total}, semantic {semantic}/{total}"
    );
    assert!(
        total >= 40,
        "corpus/paraphrase.jsonl must hold at least 40 questions"
    );
    // Measured 2026-12-06: lexical 9/54, semantic 20/54, 25/54 once the coverage counted
    // words held in any form too (two questions of slack: a machine without AVX2 runs the
    // engine's scalar path, whose float sums may differ in the last bits).
    assert!(
        lexical <= 10 && semantic >= 23,
        "lexical {lexical}, semantic {semantic} of {total}"
    );
    assert!(serve.finish().success());
}

#[test]
fn semantic_search_without_vectors_says_how_to_build_them() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    kbsearch(&index)
        .arg("index")
        .arg(corpus().join("articles"))
        .success();
    kbsearch(&index)
        .args(["search", "budget", "--semantic"])
        .failure_with(
            "has no passage vectors for semantic search: build it with `kbsearch index --semantic`",
        );
    kbsearch(&index)
        .args(["index", "--semantic"])
        .arg(corpus().join("articles"))
        .failure_with("passages without vectors: add them with `kbsearch reindex --semantic`");
}
