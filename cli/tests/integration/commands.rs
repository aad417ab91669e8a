//! End-to-end tests of the `kbsearch` binary on the real sample corpus.

use std::path::Path;

use serde_json::Value;

use crate::common::{Run, Session, TIMEOUT, corpus, indexed_corpus, kbsearch, kbsearch_bare};

fn search_json(index: &Path, args: &[&str]) -> Value {
    let stdout = kbsearch(index)
        .arg("search")
        .args(args)
        .arg("--json")
        .success();
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "exactly one JSON object: {stdout}"
    );
    serde_json::from_str(&stdout).unwrap()
}

fn top_article(results: &Value) -> &str {
    results["hits"][0]["article_id"]
        .as_str()
        .unwrap_or("(no hit)")
}

#[test]
fn index_reports_then_skips_unchanged_articles() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let first = kbsearch(&index)
        .arg("index")
        .arg(corpus().join("articles"))
        .arg("--json")
        .run_within(TIMEOUT);
    let report: Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["added"], 5, "{report}");
    assert!(report["passages"].as_u64().unwrap() >= 25, "{report}");
    let text = kbsearch(&index)
        .arg("index")
        .arg(corpus().join("articles"))
        .success();
    assert!(text.contains("0 added, 0 updated, 5 unchanged"), "{text}");
}

#[test]
fn sample_queries_find_the_expected_passage() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let queries = std::fs::read_to_string(corpus().join("queries.jsonl")).unwrap();
    let (mut total, mut passed) = (0, 0);
    let mut failures = Vec::new();
    // "Subject + aspect" questions (the article's subject and one aspect of it, issue 12)
    // are counted apart: the top passage must be the aspect's section.
    let (mut aspect_total, mut aspect_passed) = (0, 0);
    for line in queries.lines().filter(|l| !l.trim().is_empty()) {
        let q: Value = serde_json::from_str(line).unwrap();
        let subject_aspect = q["kind"] == "subject-aspect";
        let mut args = vec![q["query"].as_str().unwrap(), "-k", "3"];
        if let Some(lang) = q["lang"].as_str() {
            args.extend(["--lang", lang]);
        }
        let results = search_json(&index, &args);
        let top = &results["hits"][0];
        let ok = top["article_id"] == q["article"]
            && top["text"]
                .as_str()
                .is_some_and(|t| t.contains(q["answer"].as_str().unwrap()));
        if subject_aspect {
            aspect_total += 1;
            aspect_passed += usize::from(ok);
        } else {
            total += 1;
            passed += usize::from(ok);
        }
        if !ok {
            failures.push(format!(
                "{} [{}] {:?}: expected {} containing {:?}, got {} {:?}",
                q["id"],
                q["kind"],
                q["query"],
                q["article"],
                q["answer"],
                top["article_id"],
                top["heading_path"]
            ));
        }
    }
    assert!(
        total >= 30,
        "corpus/queries.jsonl must hold at least 30 queries"
    );
    eprintln!(
        "sample queries: {passed}/{total} passed, subject-aspect {aspect_passed}/{aspect_total}\n{}",
        failures.join("\n")
    );
    // All 55 passed when measured (2026-12-04); the toneless "… la gi" (d10) failed while
    // the typo step's correction of "gi" hid that it asks for a definition. 57/57 with
    // "客服经理做什么" / "客服經理要做什麼?" (d13, d14: failed until "做什么" asked what the
    // subject is, 2026-12-06).
    assert!(
        passed * 10 >= total * 9 && passed >= 57,
        "{passed}/{total} passed; failures:\n{}",
        failures.join("\n")
    );
    // Measured 17/45 before passages were chosen by the non-title words, 33/45 after, 37/45
    // once words in most of an article's passages count as its subject, 40/45 once an FAQ
    // question that does not ask about the aspects stops choosing its passage, 41/45 once a
    // word the query repeats is never the subject; with the 18 questions added then (s46–s63,
    // all passing before and after), 59/63; 60/63 once an article that lacks a subject
    // other found articles' titles name loses that share of its score. With the 31
    // questions added then (s64–s94, 29 passing before the rule), 90/94.
    assert!(
        aspect_total >= 94 && aspect_passed >= 90,
        "subject-aspect: {aspect_passed}/{aspect_total} passed; failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn search_json_has_the_documented_shape() {
    let dir = indexed_corpus();
    let results = search_json(
        &dir.path().join("idx"),
        &["What is a Customer Service Operations Manager?", "-k", "2"],
    );
    assert!(results["took_ms"].is_number());
    assert_eq!(
        results["query"],
        "What is a Customer Service Operations Manager?"
    );
    let hit = results["hits"][0].as_object().unwrap();
    let mut keys: Vec<&str> = hit.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "article_id",
            "corrected",
            "heading_path",
            "lang",
            "rank",
            "score",
            "snippet",
            "source",
            "text",
            "title",
            // Present because this article has them (a date found in the page, a
            // translation declared by its sidecar).
            "translations",
            "updated"
        ]
    );
    assert_eq!(hit["rank"], 1);
    assert!(hit["snippet"].as_str().unwrap().contains("**"), "{hit:?}");
    assert!(hit["source"].as_str().unwrap().ends_with(".txt"));
    assert_eq!(hit["corrected"], serde_json::json!({}));
}

#[test]
fn a_glossary_finds_passages_across_languages() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let budget = ["budget management", "-k", "1"];
    // Without a glossary the English words do not reach the Chinese section.
    let before = search_json(&index, &budget);
    assert!(
        !before["hits"][0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("預算"),
        "{before}"
    );
    let file = dir.path().join("glossary.json");
    std::fs::write(
        &file,
        r#"[["budget management", "預算管理"],
            ["quality assurance tools", "質量保證工具"],
            ["refund", "退款", "повернення коштів", "hoàn tiền"]]"#,
    )
    .unwrap();
    let text = kbsearch(&index)
        .args(["glossary", "import", file.to_str().unwrap()])
        .success();
    assert!(
        text.starts_with("imported 3 glossary entries (8 terms)"),
        "{text}"
    );
    for (query, heading) in [
        ("budget management", "預算管理"),
        ("quality assurance tools", "質量保證工具"),
    ] {
        let results = search_json(&index, &[query, "-k", "1"]);
        let hit = &results["hits"][0];
        assert_eq!(hit["article_id"], "000_596e4eb05215e628", "{results}");
        assert_eq!(
            hit["heading_path"].as_array().unwrap().last().unwrap(),
            heading,
            "{results}"
        );
        assert_eq!(results["glossary"][0][0], query, "{results}");
    }
    // --explain says which entry fired; list shows the glossary.
    let text = kbsearch(&index)
        .args(["search", "budget management", "-k", "1", "--explain"])
        .success();
    assert!(
        text.starts_with("glossary: budget management ⇄ 預算管理\n"),
        "{text}"
    );
    let text = kbsearch(&index).args(["glossary", "list"]).success();
    assert_eq!(text.lines().count(), 3, "{text}");
    // A bad file names the file and the line, and leaves the glossary as it was.
    std::fs::write(&file, "[[\"refund\", \"退款\"],\n [\"alone\"]]").unwrap();
    let stderr = kbsearch(&index)
        .args(["glossary", "import", file.to_str().unwrap()])
        .failure();
    assert!(
        stderr.contains("glossary.json") && stderr.contains("line 2"),
        "{stderr}"
    );
    let after = search_json(&index, &budget);
    assert_eq!(after["glossary"][0][0], "budget management", "{after}");
    // A rebuilt index keeps its glossary.
    kbsearch(&index).arg("reindex").success();
    let rebuilt = search_json(&index, &budget);
    assert_eq!(rebuilt["glossary"][0][1], "預算管理", "{rebuilt}");
}

#[test]
fn suggest_completes_titles_and_words() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let text = kbsearch(&index)
        .args(["suggest", "Що т", "-k", "1"])
        .success();
    assert!(
        text.starts_with(
            "Що таке менеджер по виконанню обов'язків з обслуговування клієнтів?  [title · "
        ),
        "{text}"
    );
    let out = kbsearch(&index)
        .args(["suggest", "обслуг", "--json"])
        .success();
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["suggestions"][0]["text"], "обслуговування");
    assert_eq!(json["suggestions"][0]["kind"], "word");
    assert!(json["suggestions"][0]["passages"].as_u64().unwrap() >= 10);
}

#[test]
fn misspelled_words_are_corrected_and_reported() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    // English and Ukrainian with one typo each: the answer is found and the correction shown.
    let results = search_json(&index, &["Customer Servise Operations Manager", "-k", "1"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["corrected"], serde_json::json!({"Servise": "service"}));
    assert!(
        hit["text"].as_str().unwrap().contains("Customer Service"),
        "{hit}"
    );
    let results = search_json(&index, &["інструмнети аналітики", "-k", "1"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["article_id"], "003_77c3923395a2e853");
    assert_eq!(
        hit["corrected"],
        serde_json::json!({"інструмнети": "інструменти"})
    );
    // --no-typos searches the words as typed.
    let results = search_json(&index, &["Customer Servise", "-k", "1", "--no-typos"]);
    assert_eq!(results["hits"][0]["corrected"], serde_json::json!({}));
    // Human output says what was corrected.
    let text = kbsearch(&index)
        .args(["search", "quan ly dich vu khach hangg", "-k", "1"])
        .success();
    assert!(text.starts_with("corrected: hangg → hang\n"), "{text}");
}

#[test]
fn every_language_finds_its_article_in_human_output() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    for (query, article) in [
        ("客户服务运营经理", "000_596e4eb05215e628"),
        ("客服經理 團隊管理", "001_a8b372179f898ed9"),
        ("客戶服務團隊負責人", "002_a89dbd6b449641d6"),
        ("Менеджер по виконанню обовʼязків", "003_77c3923395a2e853"),
        (
            "nhân viên điều hành dịch vụ khách hàng",
            "004_5bffdb5339d268c2",
        ),
        (
            "nhan vien dieu hanh dich vu khach hang",
            "004_5bffdb5339d268c2",
        ),
        (
            "strategic planning overseeing daily operations",
            "004_5bffdb5339d268c2",
        ),
    ] {
        assert_eq!(
            top_article(&search_json(&index, &[query])),
            article,
            "{query}"
        );
        let text = kbsearch(&index)
            .arg("search")
            .arg(query)
            .arg("-k")
            .arg("1")
            .success();
        assert!(
            text.starts_with("1. ") && text.contains(article),
            "{query}: {text}"
        );
    }
}

#[test]
fn language_filter_limits_hits() {
    let dir = indexed_corpus();
    let results = search_json(
        &dir.path().join("idx"),
        &["客户 服务 khách hàng", "--lang", "vi"],
    );
    let hits = results["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["lang"] == "vi"), "{results}");
}

#[test]
fn get_delete_and_stats() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let stats = kbsearch(&index)
        .args(["stats", "--json"])
        .run_within(TIMEOUT);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["articles"], 5);
    assert_eq!(stats["languages"]["zh-Hant"], 2);
    assert_eq!(stats["languages"]["uk"], 1);
    assert!(stats["index_bytes"].as_u64().unwrap() > 0);
    for reason in ["chrome", "artifact", "duplicate", "trailing"] {
        assert!(
            stats["removed_lines"][reason].as_u64().unwrap() > 0,
            "{reason}: {stats}"
        );
    }

    let text = kbsearch(&index)
        .args(["get", "003_77c3923395a2e853"])
        .success();
    assert!(text.starts_with("Що таке менеджер"), "{text}");

    kbsearch(&index)
        .args(["delete", "003_77c3923395a2e853"])
        .success();
    kbsearch(&index)
        .args(["get", "003_77c3923395a2e853"])
        .failure_with("no article with id");
    kbsearch(&index)
        .args(["delete", "003_77c3923395a2e853"])
        .failure_with("no article with id");
    // Out-of-range numbers are refused with the same message as serve, MCP and Python.
    kbsearch(&index)
        .args(["search", "менеджер", "--per-article", "0"])
        .failure_with("passages per article must be at least 1, got 0");
    kbsearch(&index)
        .args(["search", "менеджер", "-k", "1001"])
        .failure_with("limit must be 1..=1000, got 1001");
    let results = search_json(&index, &["менеджер обслуговування клієнтів"]);
    assert!(
        results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["article_id"] != "003_77c3923395a2e853")
    );
}

#[test]
fn chrome_and_trailing_junk_are_not_searchable() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    for phrase in [
        "Watch a demo",
        "南京屹丰公司",
        "Back to Reference",
        "取消评论",
        "XX хв на читання",
        "入党申请书",
    ] {
        // Quoted: the phrase must appear in the passage, and it appears in none.
        let quoted = search_json(&index, &[&format!("\"{phrase}\"")]);
        assert_eq!(
            quoted["hits"].as_array().unwrap().len(),
            0,
            "{phrase:?}: {quoted}"
        );
        // Unquoted: hits may share words with it, but none contains it.
        let results = search_json(&index, &[phrase]);
        for hit in results["hits"].as_array().unwrap() {
            let text = hit["text"].as_str().unwrap();
            assert!(
                !text.contains(phrase),
                "{phrase:?} found in a passage: {text}"
            );
        }
    }
}

#[test]
fn bad_files_are_skipped_with_reasons_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("good.md"),
        "# Бюджет\n\nМенеджер керує бюджетом команди.\n",
    )
    .unwrap();
    std::fs::write(docs.join("latin1.txt"), b"caf\xe9 au lait").unwrap();
    std::fs::write(docs.join("binary.txt"), b"abc\x00\x01\x02").unwrap();
    std::fs::write(docs.join("empty.txt"), "").unwrap();
    std::fs::write(
        docs.join("items.jsonl"),
        "{\"id\":\"a\",\"title\":\"Đào tạo\",\"body\":\"Phát triển kế hoạch đào tạo nhân viên.\"}\n{broken\n",
    )
    .unwrap();
    let out = kbsearch(&dir.path().join("idx"))
        .arg("index")
        .arg(&docs)
        .arg("--json")
        .run_within(TIMEOUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The Latin-1 file is read (decoded from windows-1252, said in the notices).
    assert_eq!(report["added"], 3, "{report}");
    let notices = report["notices"].as_array().unwrap();
    assert!(
        notices
            .iter()
            .any(|n| n["path"].as_str().unwrap().contains("latin1.txt")
                && n["reason"].as_str().unwrap().contains("windows-1252")),
        "{report}"
    );
    let skipped = report["skipped"].as_array().unwrap();
    let reason_for = |name: &str| {
        skipped
            .iter()
            .find(|s| s["path"].as_str().unwrap().contains(name))
            .map(|s| s["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} not skipped: {report}"))
    };
    assert!(reason_for("binary.txt").contains("binary"));
    assert!(reason_for("empty.txt").contains("empty"));
    assert!(reason_for("items.jsonl").contains("line 2"));
}

#[test]
fn an_exported_site_s_other_files_are_listed_and_summed_up_by_type() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("img")).unwrap();
    std::fs::write(
        site.join("встановлення.mdx"),
        "import Tabs from '@theme/Tabs';\n\n# Встановлення\n\nЗавантажте застосунок і увійдіть.\n",
    )
    .unwrap();
    // Sphinx and Antora sources are read too.
    std::fs::write(
        site.join("proxy.rst"),
        "代理设置\n========\n\n.. note::\n   :class: tip\n\n   公司网络需要先设置 HTTP 代理。\n\n命令行\n------\n\n运行::\n\n   kb config set proxy http://10.0.0.1:3128\n",
    )
    .unwrap();
    std::fs::write(
        site.join("sync.adoc"),
        "= Đồng bộ dữ liệu\n:app: KB Desktop\n\nMở {app} và chọn menu:Tệp[Đồng bộ] để đồng bộ dữ liệu.\n",
    )
    .unwrap();
    for n in 0..12 {
        std::fs::write(site.join("img").join(format!("shot{n}.png")), b"\x89PNG").unwrap();
    }
    std::fs::write(site.join("site.css"), "body {}").unwrap();
    let index = dir.path().join("idx");
    let human = kbsearch(&index).arg("index").arg(&site).success();
    assert!(human.contains("3 added"), "{human}");
    assert!(human.contains("skipped 13:"), "{human}");
    // Thirteen files of other types are one line, counted per extension.
    assert!(human.contains("13 files: unsupported file type"), "{human}");
    assert!(human.contains(".css 1, .png 12"), "{human}");
    assert!(!human.contains("shot0.png"), "{human}");
    // The JSON report lists every one.
    let report: Value = serde_json::from_str(
        &kbsearch(&index)
            .arg("index")
            .arg(&site)
            .arg("--json")
            .success(),
    )
    .unwrap();
    assert_eq!(report["skipped"].as_array().unwrap().len(), 13, "{report}");
    // The MDX page is searchable without its import line.
    let results = search_json(&index, &["встановити застосунок", "-k", "1"]);
    let text = results["hits"][0]["text"].as_str().unwrap();
    assert!(text.contains("Завантажте застосунок"), "{results}");
    assert!(!text.contains("import"), "{results}");
    // The reStructuredText page: its title, its section, its literal block as code.
    let results = search_json(&index, &["命令行怎么设置代理", "-k", "1"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["title"], "代理设置", "{results}");
    assert!(
        hit["text"]
            .as_str()
            .unwrap()
            .contains("kb config set proxy"),
        "{results}"
    );
    assert!(!hit["text"].as_str().unwrap().contains("::"), "{results}");
    // The AsciiDoc page: its attribute and menu macro read as the text they show.
    let results = search_json(&index, &["dong bo du lieu", "-k", "1"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["title"], "Đồng bộ dữ liệu", "{results}");
    assert!(
        hit["text"]
            .as_str()
            .unwrap()
            .contains("Mở KB Desktop và chọn Tệp > Đồng bộ"),
        "{results}"
    );
}

#[test]
fn errors_are_one_clear_message_with_a_failing_exit_code() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    kbsearch(&index)
        .args(["search", "?!。"])
        .failure_with("no searchable words");
    kbsearch(&index)
        .args(["search", "x", "--lang", "not a tag"])
        .failure_with("unknown language");
    kbsearch(&dir.path().join("missing"))
        .args(["search", "budget"])
        .failure_with("no index at");
}

#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let holder = kbsearch::KnowledgeBase::open(&index).unwrap();
    holder
        .upsert(kbsearch::Article::new(
            "held",
            "Held",
            "An article that holds the writer lock.",
        ))
        .unwrap();
    kbsearch(&index)
        .arg("index")
        .arg(corpus().join("articles"))
        .failure_with("locked by another writer");
    // Readers are never blocked by the writer.
    assert_eq!(
        top_article(&search_json(&index, &["客戶服務團隊負責人"])),
        "002_a89dbd6b449641d6"
    );
}

#[test]
fn index_directory_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("from-env");
    kbsearch_bare()
        .env("KBSEARCH_INDEX", &index)
        .arg("index")
        .arg(corpus().join("articles/003_77c3923395a2e853.txt"))
        .success();
    assert!(index.join("kbsearch.json").exists());
}

#[test]
fn serve_answers_json_lines_and_sees_new_commits() {
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let mut serve = Session::start(kbsearch(&index).arg("serve"));
    let first = serve.ask(r#"{"query": "客户服务团队负责人", "k": 2}"#);
    assert_eq!(first["hits"][0]["article_id"], "002_a89dbd6b449641d6");
    assert_eq!(serve.ask("{oops")["kind"], "invalid_request");
    // The request's id comes back; a missing article is a `not_found` error, not `null`.
    let missing = serve.ask(r#"{"op": "get", "id": "no-such-article"}"#);
    assert_eq!(
        (&missing["id"], &missing["kind"]),
        (&"no-such-article".into(), &"not_found".into())
    );
    assert_eq!(
        serve.ask(r#"{"id": 9, "query": "客户服务", "per_article": 0}"#)["kind"],
        "invalid_request"
    );
    assert_eq!(serve.ask(r#"{"op": "stats"}"#)["articles"], 5);
    // Filters, facets and stale articles, as in the CLI.
    let faceted =
        serve.ask(r#"{"query": "客户服务", "facets": ["lang"], "where": {"lang": "zh-Hant"}}"#);
    assert_eq!(
        faceted["facets"]["lang"][0]["value"], "zh-hant",
        "{faceted}"
    );
    assert!(
        faceted["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["lang"] == "zh-Hant")
    );
    assert_eq!(
        serve.ask(r#"{"query": "客户服务", "updated_after": "soon"}"#)["kind"],
        "invalid_request"
    );
    let stale = serve.ask(r#"{"op": "stale", "days": 0}"#);
    assert_eq!(stale["stale"].as_array().unwrap().len(), 5, "{stale}");

    // Another process commits a new article; the running server finds it.
    let new_doc = dir.path().join("new.md");
    std::fs::write(
        &new_doc,
        "# Повернення коштів\n\nПовернення коштів клієнтам оформлюється протягом п'яти днів.\n",
    )
    .unwrap();
    kbsearch(&index).arg("index").arg(&new_doc).success();
    let fresh = serve.ask(r#"{"query": "повернення коштів", "k": 1}"#);
    assert_eq!(fresh["hits"][0]["article_id"], "new", "{fresh}");
    assert!(serve.finish().success());
}

/// A small help center with front matter and JSON metadata in four languages.
fn labelled_help_center() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("refund-uk.md"),
        "---\ntitle: Повернення коштів\nlang: uk\ntags: [billing, cards]\ncategory: Оплата\n\
         updated: 2026-10-01\nverified: 2026-11-01\nproduct: wallet\n---\n\
         Повернення коштів на картку триває п’ять робочих днів.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("refund-vi.md"),
        "---\ntitle: Hoàn tiền\nlang: vi\ntags: billing\ncategory: Thanh toán\n\
         updated: 2023-02-01\nproduct: wallet\n---\n\
         Tiền hoàn về thẻ của bạn trong năm ngày làm việc.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("more.jsonl"),
        concat!(
            r#"{"id": "refund-zh", "lang": "zh-Hant", "title": "退款", "body": "退款會在五個工作天內退回您的信用卡。", "tags": ["billing"], "category": "付款", "product": "shop", "updated": "2026-09-01"}"#,
            "\n",
            r#"{"id": "shop-en", "lang": "en", "title": "Shop refunds", "body": "A shop refund goes back to the card you paid with.", "meta": {"product": "shop"}}"#,
            "\n"
        ),
    )
    .unwrap();
    kbsearch(&dir.path().join("idx"))
        .arg("index")
        .arg(&docs)
        .success();
    dir
}

#[test]
fn filters_facets_and_freshness_end_to_end() {
    let dir = labelled_help_center();
    let index = dir.path().join("idx");
    let ids = |results: &Value| -> Vec<String> {
        let hits = results["hits"].as_array().unwrap();
        let mut ids: Vec<String> = hits
            .iter()
            .map(|h| h["article_id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let all = search_json(&index, &["退款 повернення hoàn tiền refund"]);
    assert_eq!(ids(&all).len(), 4, "{all}");
    let billing = search_json(
        &index,
        &["退款 повернення hoàn tiền refund", "--tag", "Billing"],
    );
    assert_eq!(
        ids(&billing),
        ["refund-uk", "refund-vi", "refund-zh"],
        "{billing}"
    );
    let uk = billing["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["article_id"] == "refund-uk")
        .unwrap();
    assert_eq!(uk["tags"], serde_json::json!(["billing", "cards"]));
    assert_eq!(
        (&uk["category"], &uk["updated"], &uk["verified"]),
        (&"Оплата".into(), &"2026-10-01".into(), &"2026-11-01".into())
    );
    let both = search_json(
        &index,
        &[
            "refund повернення",
            "--tag",
            "billing",
            "--tag",
            "cards",
            "--where",
            "product=wallet",
        ],
    );
    assert_eq!(ids(&both), ["refund-uk"], "{both}");
    let shop = search_json(&index, &["refund 退款", "--where", "PRODUCT=Shop"]);
    assert_eq!(ids(&shop), ["refund-zh", "shop-en"], "{shop}");
    let category = search_json(&index, &["hoan tien", "--category", "thanh toan"]);
    assert_eq!(
        ids(&category),
        ["refund-vi"],
        "toneless category: {category}"
    );
    let recent = search_json(
        &index,
        &[
            "退款 повернення hoàn tiền refund",
            "--updated-after",
            "2026-01-01",
        ],
    );
    assert_eq!(ids(&recent), ["refund-uk", "refund-zh"], "{recent}");

    // Facets: articles per language, tag, category and any metadata key.
    let faceted = search_json(
        &index,
        &[
            "退款 повернення hoàn tiền refund",
            "--facets",
            "--facet",
            "product",
        ],
    );
    assert_eq!(
        faceted["facets"]["tag"][0],
        serde_json::json!({"value": "billing", "count": 3})
    );
    assert_eq!(
        faceted["facets"]["product"].as_array().unwrap().len(),
        2,
        "{faceted}"
    );
    assert_eq!(
        faceted["facets"]["lang"].as_array().unwrap().len(),
        4,
        "{faceted}"
    );
    assert!(
        faceted["facets"]["category"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "оплата")
    );

    // Human output: the hit's facts, the facets; an empty filtered result says why.
    let text = kbsearch(&index)
        .args(["search", "повернення", "--tag", "cards", "--facets"])
        .success();
    assert!(
        text.contains("#billing · #cards · category: Оплата · updated 2026-10-01"),
        "{text}"
    );
    assert!(text.contains("facet tag: billing 1, cards 1"), "{text}");
    let text = kbsearch(&index)
        .args(["search", "refund", "--tag", "shipping"])
        .success();
    assert!(
        text.contains("no article has tag = \"shipping\" (values of tag: billing, cards)"),
        "{text}"
    );

    // Stale articles: oldest first, then the undated one (which is stale at any age).
    let stale_ids = |days: &str| -> Vec<String> {
        let out = kbsearch(&index)
            .args(["stats", "--stale", days, "--json"])
            .success();
        let stale: Value = serde_json::from_str(&out).unwrap();
        let articles = stale.as_array().unwrap().iter();
        articles
            .map(|a| a["article_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        stale_ids("0"),
        ["refund-vi", "refund-zh", "refund-uk", "shop-en"]
    );
    assert_eq!(stale_ids("36500"), ["shop-en"]);

    // Bad values: one clear message and a failing exit code.
    let stderr = kbsearch(&index)
        .args(["search", "refund", "--updated-after", "2025-02-30"])
        .failure();
    assert!(
        stderr.contains("updated_after") && stderr.contains("2025-02-30"),
        "{stderr}"
    );
    // A malformed option is a usage error (exit code 2).
    let out = kbsearch(&index)
        .args(["search", "refund", "--where", "product"])
        .run_within(TIMEOUT);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn translations_of_the_sample_corpus_answer_in_the_asked_locale() {
    // corpus/articles/004_….txt.meta.json declares 004 (vi/en) a translation of 000 (zh-Hant).
    let dir = indexed_corpus();
    let index = dir.path().join("idx");
    let question = "What is a Customer Service Operations Manager?";
    let plain = search_json(&index, &[question, "-k", "3"]);
    assert_eq!(top_article(&plain), "004_5bffdb5339d268c2", "{plain}");
    assert_eq!(
        plain["hits"][0]["translations"],
        serde_json::json!([{"lang": "zh-Hant", "article_id": "000_596e4eb05215e628"}])
    );
    let hant = search_json(&index, &[question, "-k", "3", "--locale", "zh-Hant"]);
    let ids: Vec<&str> = hant["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[0], "000_596e4eb05215e628", "{hant}");
    assert!(
        !ids.contains(&"004_5bffdb5339d268c2"),
        "each group once: {hant}"
    );
    // No Ukrainian in the group: the fallback chain decides, and a bad locale is an error.
    let chain = search_json(
        &index,
        &[question, "-k", "1", "--locale", "uk", "--fallback", "vi"],
    );
    assert_eq!(top_article(&chain), "004_5bffdb5339d268c2", "{chain}");
    let stderr = kbsearch(&index)
        .args(["search", question, "--locale", "not a tag"])
        .failure();
    assert!(stderr.contains("not a tag"), "{stderr}");

    // A sidecar that cannot be read is listed, and its file still indexes.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Refunds reach your card in five days.\n",
    )
    .unwrap();
    std::fs::write(docs.join("a.txt.meta.json"), "{\"tags\": [\"billing\",]}").unwrap();
    let out = kbsearch(&dir.path().join("idx2"))
        .args(["index", docs.to_str().unwrap(), "--json"])
        .success();
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["added"], 1, "{report}");
    let notices = report["notices"].to_string();
    assert!(
        notices.contains("a.txt.meta.json")
            && notices.contains("line 1")
            && notices.contains("not applied"),
        "{report}"
    );
}
