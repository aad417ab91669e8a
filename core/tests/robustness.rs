//! No panic on hostile input: a deterministic pseudo-random pass over every parser, the
//! cleaner, the sectioner, the analyzers and the search path (fixed seed, so a failure is
//! reproducible), plus damaged and foreign index folders.

use kbsearch::analysis::{analyze, assert_offsets_valid};
use kbsearch::ingest::clean::{ChromeModel, clean};
use kbsearch::ingest::formats::{Format, parse};
use kbsearch::ingest::sections::split_sections;
use kbsearch::{Article, KbError, KnowledgeBase, SearchRequest};

/// xorshift64*: small, deterministic, good enough to shuffle pieces of text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Pieces real pages and hostile inputs are made of, in every script we support.
const PIECES: &[&str] = &[
    "客戶服務",
    "运营经理",
    "什麼是",
    "?",
    "？",
    "。",
    "问:",
    "答:",
    "Що таке",
    "зв’язок",
    "звʼязок",
    "`",
    "′",
    "Dịch vụ",
    "Vie\u{0302}\u{0323}t",
    "\u{0301}",
    "khách hàng",
    "What is",
    "manager's",
    "ＫＰＩ",
    "\\n",
    "\\",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "- ",
    "  • ",
    ":",
    "\"",
    "«",
    "」",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<div>",
    "</p>",
    "<script>",
    "---\n",
    "title: x\n",
    "🔑🥡🍕",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{FFFF}\u{FFFE}",
    "\t",
    " ",
    "XX min read",
    "May 6, 2025",
    "Back to Reference",
    "AND",
    "OR",
    "NOT",
    "*",
    "~2",
    "^3",
    "field:",
    "1.5",
    "e.g.",
    "...",
    "—",
    "‍",
    "a\u{0300}\u{0300}\u{0300}",
    "ǅ",
    "İ",
    "ß",
    "ﬁ",
    "𠀀",
    "〇",
];

fn random_text(rng: &mut Rng, max_pieces: u64) -> String {
    let n = rng.next() % max_pieces;
    (0..n).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn analyzers_cleaner_and_sectioner_never_panic_and_keep_valid_offsets() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let model = ChromeModel::learn(["Back to Reference\nWork\n", "Back to Reference\nWork\n"]);
    for _ in 0..3000 {
        let text = random_text(&mut rng, 60);
        assert_offsets_valid(&text, &analyze(&text, None));
        let cleaned = clean(&text, None, &model);
        for section in split_sections(&cleaned.body) {
            assert!(
                !section.text.trim().is_empty(),
                "empty passage from {text:?}"
            );
        }
    }
}

#[test]
fn every_format_parser_survives_random_bytes_and_text() {
    let mut rng = Rng(42);
    let formats = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::JsonLines,
    ];
    for round in 0..2000 {
        let format = formats[round % formats.len()];
        let mut bytes = random_text(&mut rng, 40).into_bytes();
        if round % 7 == 0 {
            // Raw bytes, often not UTF-8.
            bytes.extend((0..rng.next() % 64).map(|_| (rng.next() % 256) as u8));
        }
        if let Ok(parsed) = parse(format, &bytes) {
            for article in parsed.articles {
                assert!(
                    !article.body.is_empty()
                        || format == Format::Html
                        || format == Format::Markdown
                );
            }
        }
    }
}

#[test]
fn hostile_queries_get_hits_or_a_clear_error() {
    let kb = KnowledgeBase::in_memory().unwrap();
    kb.upsert(Article::new("zh", "客服", "客服經理負責管理客戶服務團隊。"))
        .unwrap();
    kb.upsert(Article::new(
        "uk",
        "Бюджет",
        "Менеджер керує бюджетом і зворотним зв'язком.",
    ))
    .unwrap();
    kb.upsert(Article::new(
        "vi",
        "Dịch vụ",
        "Nhân viên hỗ trợ khách hàng.",
    ))
    .unwrap();
    kb.commit().unwrap();
    let mut rng = Rng(7);
    let mut queries: Vec<String> = (0..1500).map(|_| random_text(&mut rng, 12)).collect();
    queries.push("客户".repeat(100_000)); // a 600 KB query
    queries.push("\"".repeat(1000));
    queries.push("\u{0}\u{1}\u{2}".to_string());
    for query in queries {
        match kb.search(&SearchRequest::new(query.clone()).limit(3)) {
            Ok(results) => assert!(results.hits.len() <= 3),
            Err(KbError::EmptyQuery(_)) => {}
            Err(other) => panic!("{query:?}: unexpected error {other}"),
        }
    }
}

#[test]
fn a_foreign_or_damaged_index_folder_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    {
        let kb = KnowledgeBase::open(&path).unwrap();
        kb.upsert(Article::new("a", "Budget", "The manager plans the budget."))
            .unwrap();
        kb.commit().unwrap();
    }
    // Written by another index format.
    let meta = path.join("kbsearch.json");
    let original = std::fs::read_to_string(&meta).unwrap();
    let current = format!("\"format\": {}", kbsearch::index::INDEX_FORMAT);
    assert!(original.contains(&current), "{original}");
    std::fs::write(&meta, original.replace(&current, "\"format\": 999")).unwrap();
    let err = KnowledgeBase::open_existing(&path)
        .err()
        .expect("must refuse");
    assert!(matches!(err, KbError::IndexVersion { .. }), "{err}");
    assert!(err.to_string().contains("rebuild"), "{err}");
    std::fs::write(&meta, &original).unwrap();

    // tantivy's meta.json damaged.
    let tantivy_meta = path.join("meta.json");
    let saved = std::fs::read(&tantivy_meta).unwrap();
    std::fs::write(&tantivy_meta, b"{ not json").unwrap();
    let err = KnowledgeBase::open_existing(&path)
        .err()
        .expect("must refuse");
    assert!(matches!(err, KbError::Corrupt { .. }), "{err}");
    std::fs::write(&tantivy_meta, saved).unwrap();

    // Restored: the committed article is intact.
    let kb = KnowledgeBase::open_existing(&path).unwrap();
    assert_eq!(
        kb.search(&SearchRequest::new("budget")).unwrap().hits[0].article_id,
        "a"
    );

    // A folder that is not a kbsearch index at all.
    let empty = dir.path().join("nothing");
    std::fs::create_dir(&empty).unwrap();
    assert!(matches!(
        KnowledgeBase::open_existing(&empty),
        Err(KbError::NoIndex { .. })
    ));
}
