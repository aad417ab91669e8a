//! Shared checks for the kbsearch fuzz targets: each target feeds bytes to one stage, then
//! asserts the stage's documented invariants here (a failed assert is a crash to triage).

use std::sync::OnceLock;

use kbsearch::analysis::{Analyzed, Lang, analyze, assert_offsets_valid, normalize_for_matching};
use kbsearch::ingest::clean::{ChromeModel, sentence_spans};
use kbsearch::ingest::formats::{Format, parse};
use kbsearch::ingest::sections::{MAX_PASSAGE_CHARS, split_sections};
use kbsearch::ingest::{learn_chrome, prepare, to_article};
use kbsearch::{Article, KbError, KnowledgeBase, SearchRequest};

/// The five sample articles (raw, noisy help-center pages).
pub const SAMPLE_ARTICLES: [&str; 5] = [
    include_str!("../../corpus/articles/000_596e4eb05215e628.txt"),
    include_str!("../../corpus/articles/001_a8b372179f898ed9.txt"),
    include_str!("../../corpus/articles/002_a89dbd6b449641d6.txt"),
    include_str!("../../corpus/articles/003_77c3923395a2e853.txt"),
    include_str!("../../corpus/articles/004_5bffdb5339d268c2.txt"),
];

/// Every term of every form has a valid, non-empty byte range on char boundaries of `text`
/// and a non-empty text (the one check, `kbsearch::analysis::assert_offsets_valid`).
pub fn check_analyzed(text: &str, analyzed: &Analyzed) {
    assert_offsets_valid(text, analyzed);
}

/// Analyze with a declared language (or none), check offsets, and run the matching
/// normalization on the same text (match marking has its own target, `snippet`).
pub fn analyze_checked(text: &str, lang: Option<Lang>) {
    let analyzed = analyze(text, lang);
    check_analyzed(text, &analyzed);
    let _ = normalize_for_matching(text);
}

/// Bytes → text the way a fuzz target wants it: lossy, so every input reaches the stage.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Parse one file's bytes, then (like `kbsearch index`) learn the chrome of the parsed
/// articles and prepare each one.
pub fn ingest_checked(format: Format, data: &[u8]) {
    let Ok(parsed) = parse(format, data) else {
        return;
    };
    let articles: Vec<Article> = parsed
        .articles
        .into_iter()
        .enumerate()
        .map(|(n, raw)| {
            if matches!(format, Format::Text | Format::JsonLines | Format::Json) {
                assert!(!raw.body.trim().is_empty(), "{format:?}: empty body");
            }
            to_article(raw, format!("fuzz#{n}"), None)
        })
        .collect();
    let chrome = learn_chrome(&articles);
    for article in articles {
        prepare_checked(article, &chrome);
    }
}

/// Prepare one article (clean → sections → title → language); on success, check the
/// passages: never empty, at most `MAX_PASSAGE_CHARS` — except the single fallback passage
/// holding the whole body when cleaning left no section.
pub fn prepare_checked(article: Article, chrome: &ChromeModel) {
    let body = article.body.trim().to_string();
    let Ok(prepared) = prepare(article, chrome) else {
        return;
    };
    assert!(!prepared.passages.is_empty(), "an article without passages");
    assert!(!prepared.title.is_empty() || prepared.article.id.is_empty());
    let fallback = prepared.passages.len() == 1 && prepared.passages[0].text == body;
    for passage in &prepared.passages {
        check_passage(&passage.text, fallback);
    }
}

/// A body straight into the sectioner (no cleaning first) and the sentence splitter.
pub fn split_checked(body: &str) {
    for section in split_sections(body) {
        check_passage(&section.text, false);
    }
    for (start, end) in sentence_spans(body) {
        assert!(start < end && end <= body.len());
        assert!(body.is_char_boundary(start) && body.is_char_boundary(end));
    }
}

fn check_passage(text: &str, fallback: bool) {
    assert!(!text.trim().is_empty(), "an empty passage");
    let chars = text.chars().count();
    assert!(
        fallback || chars <= MAX_PASSAGE_CHARS,
        "a passage of {chars} chars"
    );
}

/// The chrome model of the five sample pages (learned once; targets clone it and add their
/// own bodies).
pub fn sample_chrome() -> &'static ChromeModel {
    static MODEL: OnceLock<ChromeModel> = OnceLock::new();
    MODEL.get_or_init(|| ChromeModel::learn(SAMPLE_ARTICLES))
}

/// A small in-memory knowledge base: the five sample pages plus short articles in each
/// language (sections, FAQ pairs, mixed scripts), built once per fuzz process.
pub fn knowledge_base() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        let kb = KnowledgeBase::in_memory().expect("in-memory index");
        let mut articles: Vec<Article> = SAMPLE_ARTICLES
            .iter()
            .enumerate()
            .map(|(n, body)| Article::new(format!("sample-{n}"), "", *body))
            .collect();
        articles.extend([
            Article::new("zh-hans", "客服经理", "客服经理负责管理客户服务团队。\n\n问:什么是KPI?\n答:关键绩效指标。").with_lang("zh-Hans"),
            Article::new("zh-hant", "客戶服務", "# 責任\n\n客服經理負責管理客戶服務團隊。\n\n# 常見問題\n\n什麼是績效考核?\n績效考核是評估員工表現的方法。").with_lang("zh-Hant"),
            Article::new("uk", "Бюджет", "Менеджер керує бюджетом і зворотним зв’язком.\n\nПитання: Що таке бюджет?\nВідповідь: План витрат.").with_lang("uk"),
            Article::new("vi", "Dịch vụ khách hàng", "Nhân viên hỗ trợ khách hàng qua điện thoại.\n\nHỏi: Dịch vụ là gì?\nTrả lời: Hỗ trợ khách hàng.").with_lang("vi"),
            Article::new("en", "Customer service", "The manager's job: plan the budget, train the team.\n\n## FAQ\n\nWhat is a KPI?\nA key performance indicator.").with_lang("en"),
            Article::new("mixed", "", "KPI 客户 Що таке dịch vụ manager's ＫＰＩ 🔑 e.g. 1.5 `code` — «quoted» 「引號」"),
        ]);
        for article in articles {
            kb.upsert(article).expect("upsert a sample article");
        }
        kb.commit().expect("commit");
        kb
    })
}

/// Language filters a query may carry: none, each supported code, aliases and junk.
pub const LANG_CHOICES: [Option<&str>; 12] = [
    None,
    Some("zh"),
    Some("zh-Hans"),
    Some("zh-Hant"),
    Some("zh-TW"),
    Some("uk"),
    Some("vi"),
    Some("en"),
    Some("EN_us"),
    Some("klingon"),
    Some(""),
    Some("zh-\u{0}"),
];

/// Run one search; errors that describe the request are fine, anything else is a bug.
pub fn search_checked(request: &SearchRequest) {
    let kb = knowledge_base();
    match kb.search(request) {
        Ok(results) => {
            assert!(results.hits.len() <= request.limit);
            for (n, hit) in results.hits.iter().enumerate() {
                assert_eq!(hit.rank, n + 1);
                assert!(hit.score.is_finite(), "score {}", hit.score);
                assert!(!hit.text.is_empty());
            }
        }
        Err(KbError::EmptyQuery(_) | KbError::UnknownLanguage(_) | KbError::InvalidRequest(_)) => {}
        Err(other) => panic!("unexpected search error: {other}"),
    }
}

/// A search request from fuzz bytes: byte 0 picks the language filter, byte 1 the limit and
/// passages per article, the rest is the query text (lossy UTF-8).
pub fn request_from(data: &[u8]) -> SearchRequest {
    let (head, rest) = data.split_at(data.len().min(2));
    let choice = head.first().copied().unwrap_or(0);
    let sizes = head.get(1).copied().unwrap_or(0);
    let mut request = SearchRequest::new(text_of(rest))
        .limit(1 + (sizes & 0x0f) as usize)
        .passages_per_article(((sizes >> 4) & 0x03) as usize);
    request.snippets = sizes & 0x40 == 0;
    if let Some(lang) = LANG_CHOICES[choice as usize % LANG_CHOICES.len()] {
        request = request.lang(lang);
    }
    request
}
