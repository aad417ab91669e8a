//! Regression tests from fuzzing (`scripts/fuzz.sh`, targets in `fuzz/`): every input that
//! crashed, hung or blew up memory in a fuzz target is replayed here through the same stage,
//! plus the hostile input classes the query targets are aimed at (operators, quotes, colons,
//! brackets, control characters, lone surrogates in JSON escapes, 1 MB queries).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use kbsearch::analysis::{Lang, analyze, assert_offsets_valid, normalize_for_matching};
use kbsearch::ingest::clean::{ChromeModel, clean};
use kbsearch::ingest::formats::{Format, parse};
use kbsearch::ingest::sections::{MAX_PASSAGE_CHARS, split_sections};
use kbsearch::ingest::{learn_chrome, prepare, to_article};
use kbsearch::{Article, KbError, KnowledgeBase, SearchRequest};

/// Term offsets valid and on char boundaries, term texts non-empty.
fn assert_analysis_ok(text: &str, lang: Option<Lang>) {
    assert_offsets_valid(text, &analyze(text, lang));
    let _ = normalize_for_matching(text);
}

/// Clean + section a body: passages non-empty and at most MAX_PASSAGE_CHARS.
fn assert_sections_ok(body: &str) {
    let cleaned = clean(body, None, &ChromeModel::learn([body, body]));
    for text in [cleaned.body.as_str(), body] {
        for section in split_sections(text) {
            assert!(!section.text.trim().is_empty());
            assert!(section.text.chars().count() <= MAX_PASSAGE_CHARS);
        }
    }
}

/// Parse, learn the chrome, prepare every article (what the ingest fuzz targets do).
fn ingest(format: Format, bytes: &[u8]) -> Result<usize, kbsearch::ingest::formats::FormatError> {
    let parsed = parse(format, bytes)?;
    let articles: Vec<Article> = parsed
        .articles
        .into_iter()
        .enumerate()
        .map(|(n, raw)| to_article(raw, format!("fuzz#{n}"), None))
        .collect();
    let chrome = learn_chrome(&articles);
    let mut prepared = 0;
    for article in articles {
        if let Ok(p) = prepare(article, &chrome) {
            assert!(!p.passages.is_empty());
            prepared += 1;
        }
    }
    Ok(prepared)
}

/// A knowledge base with one short article per language.
fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        let kb = KnowledgeBase::in_memory().unwrap();
        for article in [
            Article::new(
                "zh",
                "客服",
                "客服經理負責管理客戶服務團隊。\n\n问:什么是KPI?\n答:关键绩效指标。",
            ),
            Article::new(
                "uk",
                "Бюджет",
                "Менеджер керує бюджетом і зворотним зв'язком.",
            ),
            Article::new("vi", "Dịch vụ", "Nhân viên hỗ trợ khách hàng."),
            Article::new(
                "en",
                "Budget",
                "The manager's job: plan the budget (and train the team).",
            ),
        ] {
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        kb
    })
}

/// A search answers with hits or a request error, never a panic or an engine error.
fn assert_search_ok(request: &SearchRequest) {
    match kb().search(request) {
        Ok(results) => assert!(results.hits.len() <= request.limit),
        Err(KbError::EmptyQuery(_) | KbError::UnknownLanguage(_) | KbError::InvalidRequest(_)) => {}
        Err(other) => panic!("{:?}: unexpected error {other}", request.query),
    }
}

#[test]
fn queries_of_operators_quotes_colons_brackets_and_control_characters() {
    let queries = [
        "客户服务 AND NOT \"運營經理\" OR title:预算^3 ~2 *",
        "budget AND OR NOT",
        "((( budget ))) [[ ]] {{ }} <> ",
        "field:value:other:: title: :",
        "\"unterminated phrase",
        "\"\"\"\"",
        "「」«»“”\"",
        "\u{0}\u{1}\u{2}\u{1b}[31m\u{7f}\u{9f}",
        "\u{202e}\u{feff}\u{200d}\u{fffe}\u{ffff}",
        "\\ / \\\\ \\\" \\n",
        "*?~^+-!&&||",
        "?",
        "budget\u{0}",
        "Що\u{0}таке бюджет?",
    ];
    for query in queries {
        for lang in [
            None,
            Some("zh"),
            Some("uk"),
            Some("vi"),
            Some("en"),
            Some("zh-Hant"),
        ] {
            let mut request = SearchRequest::new(query).limit(5);
            if let Some(lang) = lang {
                request = request.lang(lang);
            }
            assert_search_ok(&request);
        }
    }
}

#[test]
fn lone_surrogates_in_json_escapes_are_refused_or_replaced() {
    for escaped in [
        r#""\ud800""#,
        r#""\udc00abc""#,
        r#""budget\ud800\ud800\udfff""#,
    ] {
        // serde_json refuses a lone surrogate in a String…
        assert!(
            serde_json::from_str::<String>(escaped).is_err(),
            "{escaped}"
        );
        let request = format!(r#"{{"query": {escaped}, "limit": 3}}"#);
        assert!(serde_json::from_str::<SearchRequest>(&request).is_err());
        // …and a lenient reader replaces it: U+FFFD is searched (or refused as empty).
        let lossy = escaped.trim_matches('"').replace(r"\ud800", "\u{fffd}");
        let lossy = lossy
            .replace(r"\udc00", "\u{fffd}")
            .replace(r"\udfff", "\u{fffd}");
        assert_search_ok(&SearchRequest::new(lossy));
    }
    // A surrogate pair is a real character.
    let pair: String = serde_json::from_str(r#""\ud83d\udd11 budget""#).unwrap();
    assert_eq!(pair, "🔑 budget");
    assert_search_ok(&SearchRequest::new(pair));
    // Escaped NUL and controls reach the query as characters.
    let controls: String = serde_json::from_str(r#""\u0000budget\u001f\b\f""#).unwrap();
    assert_search_ok(&SearchRequest::new(controls));
}

#[test]
fn one_megabyte_queries_answer_in_bounded_time() {
    let one_mb = 1 << 20;
    let fill = |piece: &str| piece.repeat(one_mb / piece.len() + 1);
    for query in [
        fill("客户服务"),
        fill("budget AND "),
        fill("\"(:)[^]~*\""),
        fill("a"),
        fill("Що таке бюджет? "),
        fill("\u{0}"),
    ] {
        let started = Instant::now();
        assert_search_ok(&SearchRequest::new(query).limit(3));
        // Generous: debug build on a shared machine.
        assert!(started.elapsed() < Duration::from_secs(120));
    }
}

#[test]
fn json_bodies_with_escaped_nul_controls_and_surrogates() {
    // Raw NUL bytes make a file binary; escaped ones reach the body as characters.
    let json =
        br#"{"id": "e", "body": "a\u0000b \u001b[31m \u202e\ud83d\udd11 budget\n\n# \u0000\n- x"}"#;
    assert_eq!(ingest(Format::Json, json).unwrap(), 1);
    // A lone surrogate is a malformed record, the good line is kept.
    let jsonl = b"{\"id\": \"a\", \"body\": \"\\ud800x\"}\n{\"id\": \"b\", \"body\": \"ok\"}\n";
    let parsed = parse(Format::JsonLines, jsonl).unwrap();
    assert_eq!(parsed.articles.len(), 1);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(ingest(Format::JsonLines, jsonl).unwrap(), 1);
}

#[test]
fn every_stage_survives_control_characters_and_odd_unicode() {
    let text = "\u{0}\u{1}# \u{7}\n\n- \u{202e}: \u{feff}\n问:\u{0}?\n答:\u{fffd}\n\u{301}\u{301}a\u{300}\u{300}\u{300} 𠀀 ǅ İ ß ﬁ";
    for lang in [
        None,
        Some(Lang::ZhHans),
        Some(Lang::ZhHant),
        Some(Lang::Uk),
        Some(Lang::Vi),
        Some(Lang::En),
    ] {
        assert_analysis_ok(text, lang);
    }
    assert_sections_ok(text);
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let _ = ingest(format, text.replace('\u{0}', "\u{1}").as_bytes());
    }
}

/// Peak resident memory of this process (Linux), in MiB.
#[cfg(target_os = "linux")]
fn peak_rss_mib() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib / 1024
}

/// Found by the `query` fuzz target with a 1 MB input (timeout at `-timeout=10`; 3.5 GB RSS
/// under ASan): a query of many *distinct* terms builds one BM25 clause per term × form × zone
/// (`build_query` in `search/mod.rs`), so a 1 MB query of random Han characters took ~9 s and
/// a 2.2 GB peak in a debug build; queries now keep at most `MAX_QUERY_TERMS` terms per form.
#[test]
#[cfg(target_os = "linux")]
fn a_one_megabyte_query_of_distinct_terms_stays_small() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut han = String::new();
    while han.len() < 1 << 20 {
        han.push(char::from_u32(0x4e00 + (next() % 0x5000) as u32).unwrap());
    }
    let mut words = String::new();
    while words.len() < 1 << 20 {
        words.extend((0..6).map(|_| (b'a' + (next() % 26) as u8) as char));
        words.push(' ');
    }
    for query in [han, words] {
        assert_search_ok(&SearchRequest::new(query).limit(3));
        let peak = peak_rss_mib();
        assert!(peak < 1024, "peak RSS {peak} MiB for a 1 MB query");
    }
}
