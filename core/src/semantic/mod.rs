//! Semantic search, opt-in: each passage also gets a vector from a multilingual embedding
//! model ([`model`]), stored in the index ([`vectors`]), and a search with
//! [`SearchRequest::semantic`](crate::SearchRequest::semantic) combines the BM25 score with
//! the similarity of the passages nearest the query ([`fused_score`]). This bridges what
//! words cannot: a question in English over Vietnamese articles, or "I can't get into my
//! account" for "reset your password".

pub mod model;
pub mod vectors;

pub use model::{MODEL_NAME, Model, model_path, shared_model};

/// Similarity ([`combined_similarity`]) below which the model adds nothing. multilingual-e5's
/// cosines fall between about 0.7 and 1.0 (it was trained with a low temperature): an
/// unrelated passage still scores around 0.75, a translation of the query 0.85–0.9. With the
/// whole passage's cosine alone 0.75 was the best floor; with its best sentence's counting
/// half, 0.72 (English → Chinese 0.780 → 0.850, English → Vietnamese 0.829 → 0.845, the
/// monolingual sets within 0.0012; 0.78 fell to 0.456 and 0.719, 0.70 and 0.68 gained no more).
pub const SIMILARITY_FLOOR: f32 = 0.72;

/// Weight of the model's similarity beside the lexical score (see [`fused_score`]).
pub const SIMILARITY_WEIGHT: f32 = 1.0;

/// A passage's score when BM25 and the model are combined: its lexical score as a share
/// of the best lexical score of the search (0 when words did not find it, 1 for the best)
/// times `coverage`, how much of the query the passage holds (the share of the query's
/// weight, idf, in the terms it holds times its share in the words it holds in any form;
/// the query's words no passage holds count as missing from every one), plus
/// [`SIMILARITY_WEIGHT`] × its similarity above [`SIMILARITY_FLOOR`], scaled to 0..1.
///
/// The coverage keeps a passage that matches one rare query word — an English name inside a
/// Chinese paragraph, for an English question whose answer is in Vietnamese — from counting
/// as a full lexical match beside the passages the model finds.
///
/// Measured with `kbsearch eval --semantic` (nDCG@10, lexical → combined): xquad-en 0.971 →
/// 0.989, xquad-vi 0.963 → 0.976, toneless xquad-vi 0.948 → 0.950, cmrc 0.995 → 0.996,
/// DRCD 0.981 → 0.984 / 0.985, English questions over the Vietnamese paragraphs 0.441 →
/// 0.890 and over the Chinese ones 0.155 → 0.887, and over the Vietnamese paragraphs mixed
/// with 848 Chinese ones 0.376 → 0.884 (with the coverage by terms only: 0.846, 0.851 and
/// 0.791; with passage vectors alone, before sentence vectors: 0.803, 0.687 and 0.730, that
/// last 0.610 without any coverage). Reciprocal rank
/// fusion, the usual rule, scored 0.664 on the toneless set (simulated with the same
/// vectors): the model does not read Vietnamese without its tone marks, and ranks alone
/// cannot tell a confident similarity from a weak one.
///
/// ```
/// use kbsearch::semantic::fused_score;
/// assert_eq!(fused_score(1.0, 1.0, 0.70), 1.0); // below the floor: words only
/// assert!(fused_score(0.0, 0.0, 0.92) > fused_score(0.5, 1.0, 0.76)); // a close paraphrase
/// assert!(fused_score(1.0, 0.2, 0.76) < fused_score(0.5, 1.0, 0.76)); // one word of four
/// ```
pub fn fused_score(lexical_share: f32, coverage: f32, similarity: f32) -> f32 {
    let above = ((similarity - SIMILARITY_FLOOR) / (1.0 - SIMILARITY_FLOOR)).max(0.0);
    lexical_share * coverage + SIMILARITY_WEIGHT * above
}

/// The text a passage is embedded from: its article's title, its heading path and its
/// text, one per line.
pub fn passage_text(title: &str, heading_path: &[String], text: &str) -> String {
    let mut out = String::with_capacity(title.len() + text.len() + 64);
    for part in std::iter::once(title)
        .chain(heading_path.iter().map(String::as_str))
        .filter(|p| !p.trim().is_empty())
    {
        out.push_str(part);
        out.push('\n');
    }
    out.push_str(text);
    out
}

/// Share of a passage's similarity that its best sentence gives (the rest is the whole
/// passage's cosine; see [`combined_similarity`]).
pub const SENTENCE_SHARE: f32 = 0.5;

/// Most sentence vectors a passage gets: a longer passage's sentences are embedded in this
/// many runs of consecutive sentences.
pub const MAX_SENTENCE_VECTORS: usize = 16;

/// A passage's similarity to the query from its whole text's cosine and its best sentence's:
/// a question usually asks what one sentence says, and the whole passage's vector blurs that
/// sentence with the rest. Measured with the same model and vectors only (nDCG@10, English
/// questions of XQuAD): over the Vietnamese paragraphs 0.850 with the paragraph alone, 0.874
/// with the best sentence alone, 0.891 with both at half; over the Chinese paragraphs 0.840,
/// 0.832 and 0.891; paraphrases over `corpus/` (answer in the top 3) 26, 26 and 30 of 54.
pub fn combined_similarity(passage: f32, best_sentence: f32) -> f32 {
    (1.0 - SENTENCE_SHARE) * passage + SENTENCE_SHARE * best_sentence
}

/// The texts a passage's sentence vectors are embedded from: its sentences (those of at
/// least four characters), or runs of consecutive sentences when there are more than
/// [`MAX_SENTENCE_VECTORS`]. None for a passage of one sentence: its own vector is that
/// sentence's.
pub fn passage_sentences(text: &str) -> Vec<String> {
    let sentences: Vec<&str> = crate::ingest::sentences::split_sentences(text)
        .into_iter()
        .filter(|s| s.chars().count() >= 4)
        .collect();
    if sentences.len() < 2 {
        return Vec::new();
    }
    let per_run = sentences.len().div_ceil(MAX_SENTENCE_VECTORS);
    sentences.chunks(per_run).map(|run| run.join(" ")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Article, KbError, KnowledgeBase, SearchRequest};

    /// Whether the embedding model is installed. Tests that need it are skipped without it,
    /// unless `KBSEARCH_REQUIRE_MODEL` is set (the test script sets it, having installed it).
    pub(crate) fn model_installed() -> bool {
        let path = model_path();
        if path.exists() {
            return true;
        }
        assert!(
            std::env::var_os("KBSEARCH_REQUIRE_MODEL").is_none(),
            "KBSEARCH_REQUIRE_MODEL is set but there is no model at {}",
            path.display()
        );
        eprintln!(
            "skipped: no embedding model at {} (kbsearch model install)",
            path.display()
        );
        false
    }

    fn help_center(kb: &KnowledgeBase) {
        for (id, lang, title, body) in [
            (
                "vi-password",
                "vi",
                "Đặt lại mật khẩu",
                "Để đặt lại mật khẩu, mở trang đăng nhập và chọn Quên mật khẩu. Hệ thống sẽ gửi một liên kết đến email của bạn.",
            ),
            (
                "zh-refund",
                "zh-Hans",
                "退款政策",
                "购买后三十天内可以申请全额退款，请联系客服并提供订单号。",
            ),
            (
                "uk-delivery",
                "uk",
                "Доставка",
                "Ми доставляємо замовлення по всій Україні протягом трьох робочих днів.",
            ),
            (
                "zh-security",
                "zh-Hant",
                "帳戶安全",
                "請啟用兩步驗證，以防止他人登入您的帳戶。",
            ),
            (
                "en-invoices",
                "en",
                "Invoices",
                "Invoices are emailed on the first day of every month and can be downloaded as PDF.",
            ),
        ] {
            let mut article = Article::new(id, title, body);
            article.lang = Some(lang.into());
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
    }

    fn top(kb: &KnowledgeBase, request: SearchRequest) -> Option<String> {
        kb.search(&request)
            .unwrap()
            .hits
            .first()
            .map(|h| h.article_id.clone())
    }

    #[test]
    fn english_questions_find_answers_in_other_languages_only_with_vectors() {
        if !model_installed() {
            return;
        }
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.enable_semantic().unwrap();
        help_center(&kb);
        for (question, answer) in [
            ("How do I reset my password?", "vi-password"),
            ("Can I get my money back after buying?", "zh-refund"),
            ("How long does shipping take?", "uk-delivery"),
            (
                "How can I stop strangers from logging into my account?",
                "zh-security",
            ),
        ] {
            let semantic = SearchRequest::new(question).semantic(true);
            assert_eq!(top(&kb, semantic).as_deref(), Some(answer), "{question}");
            let lexical = SearchRequest::new(question);
            assert_ne!(top(&kb, lexical).as_deref(), Some(answer), "{question}");
        }
        // Only answers in the languages asked for.
        let results = kb
            .search(
                &SearchRequest::new("account login")
                    .semantic(true)
                    .answer_lang("zh"),
            )
            .unwrap();
        assert!(!results.hits.is_empty());
        assert!(
            results.hits.iter().all(|h| h.lang.starts_with("zh")),
            "{results:?}"
        );
        let stats = kb.stats().unwrap();
        assert_eq!(stats.vector_model.as_deref(), Some(MODEL_NAME));
        assert_eq!(stats.vector_passages, stats.passages);
    }

    #[test]
    fn one_rare_word_in_another_language_does_not_outrank_the_answer() {
        if !model_installed() {
            return;
        }
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.enable_semantic().unwrap();
        help_center(&kb);
        // Pages that share one rare word with the question (a product name) and nothing else.
        for (id, lang, title, body) in [
            (
                "zh-history",
                "zh-Hans",
                "公司历史",
                "公司成立于2012年，总部位于上海，2019年起用Zendesk，现有三百名员工和两个仓库，每年举办一次运动会。",
            ),
            (
                "uk-office",
                "uk",
                "Офіс",
                "Наш офіс у Києві відкрився у 2018 році; з того часу ми користуємося Zendesk, а поруч є кав'ярня, спортзал і велика парковка.",
            ),
        ] {
            let mut article = Article::new(id, title, body);
            article.lang = Some(lang.into());
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        let question = "I forgot my Zendesk password, how can I reset it and sign in again?";
        let lexical = top(&kb, SearchRequest::new(question));
        assert!(
            lexical.as_deref().is_some_and(|id| id != "vi-password"),
            "{lexical:?}"
        );
        let semantic = SearchRequest::new(question).semantic(true);
        assert_eq!(top(&kb, semantic).as_deref(), Some("vi-password"));
    }

    #[test]
    fn vectors_follow_updates_deletes_and_reindex() {
        if !model_installed() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let kb = KnowledgeBase::open(&path).unwrap();
        kb.enable_semantic().unwrap();
        help_center(&kb);
        let question = || SearchRequest::new("How do I reset my password?").semantic(true);
        assert_eq!(top(&kb, question()).as_deref(), Some("vi-password"));
        // Rewritten about something else: its old vector is gone with its old passages.
        let mut moved = Article::new(
            "vi-password",
            "Giờ làm việc",
            "Bộ phận hỗ trợ làm việc từ 8 giờ sáng đến 5 giờ chiều, từ thứ Hai đến thứ Sáu.",
        );
        moved.lang = Some("vi".into());
        kb.upsert(moved).unwrap();
        kb.commit().unwrap();
        let hit = kb.search(&question()).unwrap().hits;
        assert!(
            hit.iter().all(|h| !h.text.contains("mật khẩu")),
            "the old passage is still found: {hit:?}"
        );
        assert!(kb.delete("zh-security").unwrap());
        kb.commit().unwrap();
        let stats = kb.stats().unwrap();
        assert_eq!((stats.articles, stats.vector_passages), (4, stats.passages));
        // A later writer (another process) embeds too: the choice is in the index.
        drop(kb);
        let kb = KnowledgeBase::open(&path).unwrap();
        assert!(kb.has_vectors());
        let mut again = Article::new(
            "en-reset",
            "Password reset",
            "Open the sign-in page and choose Forgot password to get a reset link by email.",
        );
        again.lang = Some("en".into());
        kb.upsert(again).unwrap();
        kb.commit().unwrap();
        let stats = kb.stats().unwrap();
        assert_eq!(stats.vector_passages, stats.passages);
        drop(kb);
        // Rebuilt with its vectors, or without them when asked.
        KnowledgeBase::reindex(&path).unwrap();
        let kb = KnowledgeBase::open_existing(&path).unwrap();
        let stats = kb.stats().unwrap();
        assert_eq!((stats.articles, stats.vector_passages), (5, stats.passages));
        drop(kb);
        KnowledgeBase::reindex_with_vectors(&path, false).unwrap();
        let kb = KnowledgeBase::open_existing(&path).unwrap();
        assert!(!kb.has_vectors());
        assert_eq!(kb.stats().unwrap().vector_passages, 0);
        assert!(matches!(
            kb.search(&question()).unwrap_err(),
            KbError::NoVectors { .. }
        ));
    }

    #[test]
    fn an_index_without_vectors_says_how_to_get_them() {
        let dir = tempfile::tempdir().unwrap();
        let kb = KnowledgeBase::open(dir.path()).unwrap();
        kb.upsert(Article::new("a", "Budget", "The manager plans the budget."))
            .unwrap();
        kb.commit().unwrap();
        let error = kb
            .search(&SearchRequest::new("budget").semantic(true))
            .unwrap_err();
        assert_eq!(error.kind(), "no_vectors");
        assert!(
            error.to_string().contains("kbsearch index --semantic"),
            "{error}"
        );
        // Turning vectors on later would leave the passages already written without one.
        let error = kb.enable_semantic().unwrap_err().to_string();
        assert!(
            error.contains("1 passages without vectors") && error.contains("reindex --semantic"),
            "{error}"
        );
    }

    #[test]
    fn passages_are_embedded_with_their_title_and_headings() {
        assert_eq!(
            passage_text("Title", &["Part".to_string()], "Text"),
            "Title\nPart\nText"
        );
    }

    #[test]
    fn each_sentence_of_a_passage_gets_a_vector_and_long_passages_get_runs_of_them() {
        assert_eq!(
            passage_sentences("Відкрийте налаштування. Натисніть «Скинути пароль». Ні."),
            ["Відкрийте налаштування.", "Натисніть «Скинути пароль»."]
        );
        assert_eq!(
            passage_sentences("客服經理負責預算。他也監控績效!"),
            ["客服經理負責預算。", "他也監控績效!"]
        );
        assert!(passage_sentences("Mở cài đặt và chọn Đặt lại mật khẩu.").is_empty());
        let long: Vec<String> = (0..40).map(|i| format!("Sentence number {i}.")).collect();
        let runs = passage_sentences(&long.join(" "));
        assert_eq!(runs.len(), 14, "40 sentences in runs of 3");
        assert_eq!(
            runs[0],
            "Sentence number 0. Sentence number 1. Sentence number 2."
        );
        assert!(runs.len() <= MAX_SENTENCE_VECTORS);
    }
}
