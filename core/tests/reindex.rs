//! An index written by another kbsearch version (or other analysis settings) is refused
//! with a message naming `reindex`, and `KnowledgeBase::reindex` rebuilds it from the
//! articles it stores, losing none.

use std::path::Path;

use kbsearch::{Article, KbError, KnowledgeBase, SearchRequest};

fn articles() -> Vec<Article> {
    vec![
        Article::new(
            "zh-hant",
            "什麼是客戶服務運營經理?",
            "職責\n\n客戶服務運營經理負責監督客戶服務代表的招聘、培訓和專業發展。",
        ),
        Article::new(
            "zh-hans",
            "客服经理",
            "客服经理需要具备沟通能力和解决问题的能力。",
        ),
        Article::new(
            "uk",
            "Бюджет",
            "Менеджер керує бюджетом команди та звітує щомісяця.",
        ),
        Article::new(
            "vi",
            "Dịch vụ khách hàng",
            "Nhân viên hỗ trợ khách hàng qua điện thoại.",
        )
        .with_lang("vi"),
        Article::new(
            "en",
            "Escalations",
            "A manager handles escalated customer complaints.",
        ),
    ]
}

fn build(dir: &Path) {
    let kb = KnowledgeBase::open(dir).unwrap();
    for a in articles() {
        kb.upsert(a).unwrap();
    }
    kb.commit().unwrap();
}

/// Pretend the index was written by an older kbsearch.
fn age(dir: &Path) {
    std::fs::write(
        dir.join("kbsearch.json"),
        r#"{"format": 0, "created_by": "kbsearch 0.0.1"}"#,
    )
    .unwrap();
}

fn assert_intact(dir: &Path) {
    let kb = KnowledgeBase::open_existing(dir).unwrap();
    assert_eq!(kb.stats().unwrap().articles, 5);
    for a in articles() {
        let stored = kb.get(&a.id).unwrap().expect("article kept");
        assert_eq!(stored.article.body, a.body);
        assert_eq!(stored.article.title, a.title);
        assert!(!stored.passages.is_empty());
    }
    let top = |q: &str| {
        kb.search(&SearchRequest::new(q)).unwrap().hits[0]
            .article_id
            .clone()
    };
    assert_eq!(top("客户服务代表的培训"), "zh-hant");
    assert_eq!(top("бюджет"), "uk");
    assert_eq!(top("ho tro khach hang"), "vi");
    assert_eq!(top("escalation"), "en");
}

#[test]
fn an_old_index_is_refused_then_rebuilt_from_its_stored_articles() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("kb");
    build(&index);
    age(&index);
    let error = KnowledgeBase::open_existing(&index).err().expect("refused");
    assert!(matches!(error, KbError::IndexVersion { .. }), "{error}");
    assert!(error.to_string().contains("reindex"), "{error}");

    let report = KnowledgeBase::reindex(&index).unwrap();
    assert_eq!(report.added, 5);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_intact(&index);
    // Nothing is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["kb"]);
}

#[test]
fn reindex_is_refused_while_another_writer_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("kb");
    build(&index);
    let writer = KnowledgeBase::open(&index).unwrap();
    writer.delete("uk").unwrap(); // takes the writer lock
    let error = KnowledgeBase::reindex(&index).expect_err("locked");
    assert!(matches!(error, KbError::Locked { .. }), "{error}");
    drop(writer);
    KnowledgeBase::reindex(&index).unwrap();
    assert_intact(&index);
}

#[test]
fn a_rebuild_interrupted_between_its_renames_is_finished() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("kb");
    // The old index was moved aside, the new one was complete.
    build(&dir.path().join("kb.kbsearch-rebuild"));
    build(&dir.path().join("kb.kbsearch-old"));
    age(&dir.path().join("kb.kbsearch-old"));
    KnowledgeBase::reindex(&index).unwrap();
    assert_intact(&index);
    assert!(!dir.path().join("kb.kbsearch-old").exists());
    assert!(!dir.path().join("kb.kbsearch-rebuild").exists());
}

#[test]
fn a_folder_without_an_index_is_not_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let error = KnowledgeBase::reindex(dir.path().join("none")).expect_err("no index");
    assert!(matches!(error, KbError::NoIndex { .. }), "{error}");
}

#[test]
fn a_format_7_index_fed_pre_tokenized_terms_is_rebuilt() {
    // Format 7 stored what format 8 stores, but its analyzed fields took their terms
    // pre-tokenized, under tantivy's default tokenizer: its schema names that one.
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("kb");
    build(&index);
    let meta = std::fs::read_to_string(index.join("meta.json")).unwrap();
    assert!(meta.contains("\"kbsearch_terms\""), "{meta}");
    std::fs::write(
        index.join("meta.json"),
        meta.replace("\"kbsearch_terms\"", "\"default\""),
    )
    .unwrap();
    std::fs::write(
        index.join("kbsearch.json"),
        r#"{"format": 7, "created_by": "kbsearch 0.1.0"}"#,
    )
    .unwrap();
    let refused = KnowledgeBase::open_existing(&index).err();
    assert!(
        matches!(&refused, Some(KbError::IndexVersion { found, .. }) if found.contains("format 7")),
        "{refused:?}"
    );
    assert_eq!(KnowledgeBase::reindex(&index).unwrap().added, 5);
    assert_intact(&index);
}

#[test]
fn a_format_1_index_storing_records_as_json_text_is_rebuilt() {
    // Index format 1 stored each article record as JSON text on its first passage.
    an_old_index_is_rebuilt(1, |doc, field, json| doc.add_text(field, json));
}

#[test]
fn a_format_5_index_storing_records_as_zstd_json_is_rebuilt() {
    // Formats 2 to 5 compressed the record with zstd and stored each passage's text beside
    // it (format 6 stores the texts and the record in one field, the record compressed
    // against the texts).
    an_old_index_is_rebuilt(5, |doc, field, json| {
        doc.add_bytes(field, &zstd::bulk::compress(json.as_bytes(), 3).unwrap())
    });
}

/// An index of an older `format`, its records stored by `store` on their first passages
/// (its other fields do not matter to a rebuild), is refused on open and rebuilt.
fn an_old_index_is_rebuilt(
    format: u32,
    store: fn(&mut tantivy::TantivyDocument, tantivy::schema::Field, &str),
) {
    use tantivy::schema::{STORED, STRING, Schema};
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("kb");
    std::fs::create_dir(&index).unwrap();
    let mut schema = Schema::builder();
    let article_id = schema.add_text_field("article_id", STRING | STORED);
    let record = match format {
        1 => schema.add_text_field("article", STORED),
        _ => schema.add_bytes_field("article", STORED),
    };
    let old = tantivy::Index::create_in_dir(&index, schema.build()).unwrap();
    let mut writer: tantivy::IndexWriter = old.writer(15_000_000).unwrap();
    for a in articles() {
        let json = serde_json::json!({"article": a, "title": a.title, "fingerprint": "old"});
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(article_id, &a.id);
        store(&mut doc, record, &json.to_string());
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    drop(writer);
    std::fs::write(
        index.join("kbsearch.json"),
        format!(r#"{{"format": {format}, "created_by": "kbsearch 0.1.0"}}"#),
    )
    .unwrap();
    assert!(matches!(
        KnowledgeBase::open_existing(&index).err(),
        Some(KbError::IndexVersion { .. })
    ));
    let report = KnowledgeBase::reindex(&index).unwrap();
    assert_eq!(report.added, 5);
    assert_intact(&index);
}
