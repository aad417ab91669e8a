//! Analysis: text → index terms, with the same rules for documents and queries.
//!
//! Text is split into script runs (Han, Latin, Cyrillic, …); each run is analyzed by its
//! language's analyzer, one trait looked up by (script, language) (`analyzer.rs`), and each
//! word yields terms in three *forms*, each indexed in its own field:
//!
//! | form | Chinese | Vietnamese | Ukrainian | English |
//! |---|---|---|---|---|
//! | [`Form::Words`] | jieba search-mode words of the Simplified text | syllables, NFC, canonical tone placement | stem of the word's dictionary lemma, else of the word | Snowball stems |
//! | [`Form::Folded`] | — | syllables without any diacritic (đ→d) | lowercase surface word and its dictionary lemma, ґ→г, no stress mark | lowercase surface word |
//! | [`Form::Pairs`] | single characters (stop words excepted) and bigrams, Simplified | adjacent toneless syllable pairs (`dich_vu`) | — | — |
//!
//! Stop words and question words are dropped from every form. The language of a Latin
//! sentence is Vietnamese when it has Vietnamese letters, else the declared language when it
//! is Vietnamese or English, else detected (English or toneless Vietnamese); Cyrillic is
//! Ukrainian; Han is Chinese, whatever the page's language.
//!
//! ```
//! use kbsearch::analysis::{analyze, Form};
//! let terms = analyze("Що таке зворотний зв’язок?", None);
//! let words: Vec<&str> = terms.form(Form::Words).iter().map(|t| t.text.as_str()).collect();
//! assert_eq!(words, analyze("зворотнього зв'язку", None).form(Form::Words).iter().map(|t| t.text.as_str()).collect::<Vec<_>>());
//! ```

mod analyzer;
pub(crate) mod chinese;
mod english;
pub(crate) mod generic;
pub(crate) mod lang;
mod memo;
pub(crate) mod normalize;
mod question;
mod regional;
pub(crate) mod script;
mod sorted_lines;
mod ukrainian;
mod ukrainian_lemma;
mod vietnamese;

pub use chinese::load_dictionary;
pub use lang::detect;
pub use normalize::normalize_for_matching;
pub(crate) use question::{ends_with_definition_phrase, is_definition_question};
pub use regional::other_region_words;
// For the benches (they time these steps alone); not part of the API.
#[doc(hidden)]
pub use chinese::to_simplified;
#[doc(hidden)]
pub use normalize::fold_latin;
#[doc(hidden)]
pub use regional::table_from_opencc;

pub use lang::{Lang, LangTag};
use script::{Script, Segment};

/// The three term forms kbsearch indexes (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Language-analyzed words: stems, toned syllables, Chinese words.
    Words,
    /// Diacritic-folded surface words: finds text typed without tone marks.
    Folded,
    /// N-grams: Chinese characters and character bigrams, Vietnamese syllable pairs.
    Pairs,
}

impl Form {
    /// All forms, in field order.
    pub const ALL: [Form; 3] = [Form::Words, Form::Folded, Form::Pairs];
}

/// One index term with the byte range of the original text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as indexed.
    pub text: String,
    /// Start byte offset in the analyzed text.
    pub start: usize,
    /// End byte offset in the analyzed text.
    pub end: usize,
}

/// The terms of a text in every form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analyzed {
    words: Vec<Term>,
    folded: Vec<Term>,
    pairs: Vec<Term>,
}

impl Analyzed {
    /// The terms of one form, in text order.
    pub fn form(&self, form: Form) -> &[Term] {
        match form {
            Form::Words => &self.words,
            Form::Folded => &self.folded,
            Form::Pairs => &self.pairs,
        }
    }

    /// Add another text's terms (their offsets are the other text's).
    pub fn extend(&mut self, other: &Analyzed) {
        self.words.extend(other.words.iter().cloned());
        self.folded.extend(other.folded.iter().cloned());
        self.pairs.extend(other.pairs.iter().cloned());
    }

    /// True when no form has a term.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.folded.is_empty() && self.pairs.is_empty()
    }

    /// The folded terms that are an inflected word's own form, analyzed beside the word's
    /// dictionary lemma (the Ukrainian analyzer's folded form holds both, the surface word
    /// first, at the same place: `партнерами` beside `партнер`). A text that is also
    /// another word's lemma or uninflected form is not one of them.
    pub fn inflected_forms(&self) -> std::collections::HashSet<&str> {
        let paired = |i: usize| {
            self.folded.get(i + 1).is_some_and(|next| {
                next.start == self.folded[i].start && next.end == self.folded[i].end
            })
        };
        let mut surfaces = std::collections::HashSet::new();
        let mut others = std::collections::HashSet::new();
        for (i, term) in self.folded.iter().enumerate() {
            if paired(i) {
                surfaces.insert(term.text.as_str());
            } else {
                others.insert(term.text.as_str());
            }
        }
        surfaces.retain(|s| !others.contains(s));
        surfaces
    }

    /// The n-grams that reach over a word the analysis dropped as a stop or question word
    /// ("是客" in "什么是客服经理", "hang_la" in "khách hàng là gì"): they carry the
    /// question's frame, not its topic. `text` is the text this was analyzed from.
    pub fn frame_pairs<'a>(&'a self, text: &str) -> Vec<&'a str> {
        let mut covered = vec![false; text.len()];
        for word in &self.words {
            if let Some(bytes) = covered.get_mut(word.start..word.end) {
                bytes.fill(true);
            }
        }
        self.pairs
            .iter()
            .filter(|pair| {
                text.get(pair.start..pair.end).is_some_and(|span| {
                    span.char_indices()
                        .any(|(i, c)| c.is_alphanumeric() && !covered[pair.start + i])
                })
            })
            .map(|pair| pair.text.as_str())
            .collect()
    }

    fn push(&mut self, form: Form, text: String, start: usize, end: usize) {
        if text.is_empty() {
            return;
        }
        let terms = match form {
            Form::Words => &mut self.words,
            Form::Folded => &mut self.folded,
            Form::Pairs => &mut self.pairs,
        };
        terms.push(Term { text, start, end });
    }
}

/// Panics unless `start..end` is a non-empty range of whole characters of `text`; returns
/// that part of `text`. `what` (the term, token or segment) is named in the message.
#[doc(hidden)]
pub fn assert_span<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    what: &dyn std::fmt::Debug,
) -> &'t str {
    assert!(
        start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end),
        "{what:?}: {start}..{end} is not a non-empty range of whole characters of a text of {} bytes",
        text.len()
    );
    &text[start..end]
}

/// The term-offset invariant, written once for every test and fuzz target that checks it:
/// each term of each form has text and covers a non-empty range of whole characters of
/// `text`, the text it was analyzed from (snippets and highlights cut `text` there).
#[doc(hidden)]
pub fn assert_offsets_valid(text: &str, analyzed: &Analyzed) {
    for form in Form::ALL {
        for term in analyzed.form(form) {
            assert!(!term.text.is_empty(), "{form:?}: empty term {term:?}");
            assert_span(text, term.start, term.end, &(form, term));
        }
    }
}

/// Longest term kept (bytes); longer "words" are junk (base64, URLs) that would bloat the index.
const MAX_TERM_BYTES: usize = 60;

/// Analyze a text. `lang` is the declared language of the page (or the query's hint); it
/// decides Latin sentences without Vietnamese letters and is otherwise a hint only.
pub fn analyze(text: &str, lang: Option<Lang>) -> Analyzed {
    analyze_with(text, lang, analyzer::Analyzers::default())
}

/// The stems `text` (a query analyzed without a language, as `analyzed`) would have in
/// another language `lang` of the index, where they differ: the Snowball stems of its words
/// in that language's script (Latin words for German or French, the others for Russian or
/// Greek). Without a language a query's Cyrillic words are analyzed as Ukrainian and its
/// Latin ones as English, whose stems a Russian or German article does not hold. Empty for
/// the languages kbsearch analyzes by default (Chinese, Ukrainian, Vietnamese, English),
/// those without a stemmer, and Cyrillic languages when the query's letters are Ukrainian.
///
/// ```
/// use kbsearch::analysis::{analyze, other_language_stems, Form, Lang};
/// let query = "изменение адресов";
/// let ru = other_language_stems(query, &analyze(query, None), Lang::parse("ru").unwrap());
/// let stems: Vec<&str> = ru.form(Form::Words).iter().map(|t| t.text.as_str()).collect();
/// assert!(stems.contains(&"адрес"), "{stems:?}");
/// ```
pub fn other_language_stems(text: &str, analyzed: &Analyzed, lang: Lang) -> Analyzed {
    let mut out = Analyzed::default();
    let Lang::Other(tag) = lang else {
        return out;
    };
    if tag.stemmer().is_none() {
        return out;
    }
    let latin = generic::writes_latin(tag);
    // A query whose letters are Ukrainian (і ї є ґ) is not Russian or Bulgarian.
    if !latin && lang::script_language(text) == Some(Lang::Uk) {
        return out;
    }
    let in_its_script: Vec<(usize, usize)> = script::segments(text)
        .iter()
        .filter(|s| match s.script {
            script::Script::Latin => latin,
            script::Script::Cyrillic | script::Script::Other => !latin,
            script::Script::Han | script::Script::Digits => false,
        })
        .map(|s| (s.offset, s.offset + s.text.len()))
        .collect();
    let known: std::collections::HashSet<&str> =
        analyzed.words.iter().map(|t| t.text.as_str()).collect();
    for term in analyze(text, Some(lang)).words {
        let inside = in_its_script
            .iter()
            .any(|&(start, end)| start <= term.start && term.end <= end);
        if inside && !known.contains(term.text.as_str()) {
            out.push(Form::Words, term.text, term.start, term.end);
        }
    }
    out
}

/// The terms of `text` that tell where it matches a query analyzed by [`analyze`], at a
/// fraction of the cost: Chinese runs give characters and bigrams only (a word of two
/// characters or more is found by its bigrams; no jieba), Vietnamese syllables no toned
/// form (the toneless form matches wherever the toned one does), and with the query's
/// [`Initials`], words none of whose terms can begin with one of them give none (Ukrainian
/// words without lemma lookup or stemming; Han runs and Latin words when the query has no
/// term of their script). Snippets mark matches with it, and mark single Chinese
/// characters only when the query has nothing longer.
///
/// ```
/// use kbsearch::analysis::{analyze, analyze_for_matching, Form, Initials};
/// let terms = analyze_for_matching("客戶服務", None, None);
/// assert!(terms.form(Form::Words).is_empty());
/// assert!(terms.form(Form::Pairs).iter().any(|t| t.text == "服务"));
///
/// let query = Initials::of(&analyze("партнер", None));
/// let terms = analyze_for_matching("нові партнери", None, Some(&query));
/// let words: Vec<&str> = terms.form(Form::Words).iter().map(|t| t.text.as_str()).collect();
/// assert_eq!(words, ["партнер"]);
/// ```
pub fn analyze_for_matching(text: &str, lang: Option<Lang>, query: Option<&Initials>) -> Analyzed {
    analyze_with(text, lang, analyzer::Analyzers::for_matching(query))
}

/// The first letters of a query's terms, in every form. A word none of whose terms can
/// begin with one of them cannot match the query ([`analyze_for_matching`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Initials(Vec<char>);

impl Initials {
    /// The first letters of the terms of an analyzed query.
    pub fn of(query: &Analyzed) -> Self {
        let mut initials: Vec<char> = Form::ALL
            .iter()
            .flat_map(|&form| query.form(form))
            .filter_map(|t| t.text.chars().next())
            .collect();
        initials.sort_unstable();
        initials.dedup();
        Initials(initials)
    }

    /// True when `word`'s first letter is one of them.
    fn admits(&self, word: &str) -> bool {
        word.chars().next().is_some_and(|c| self.admits_char(c))
    }

    /// True when `c` is one of them.
    fn admits_char(&self, c: char) -> bool {
        self.0.contains(&c)
    }

    /// False when no term of a run of `script` can begin with one of them: a Han run's
    /// terms are Han characters, and a Latin word holds no Han or Cyrillic letter.
    fn admits_script(&self, script: Script) -> bool {
        match script {
            Script::Han => self.0.iter().any(|&c| script::is_han(c)),
            Script::Latin => !self
                .0
                .iter()
                .all(|&c| script::is_han(c) || script::is_cyrillic(c)),
            Script::Cyrillic | Script::Digits | Script::Other => true,
        }
    }
}

fn analyze_with(
    text: &str,
    lang: Option<Lang>,
    mut analyzers: analyzer::Analyzers<'_>,
) -> Analyzed {
    let segments = script::segments(text);
    let latin_langs = if analyzers.admits_script(Script::Latin) {
        latin_sentence_languages(text, &segments, lang)
    } else {
        Vec::new()
    };
    let mut out = Analyzed::default();
    for seg in &segments {
        let run_lang = match seg.script {
            Script::Latin => Some(latin_langs.get(seg.sentence).copied().unwrap_or(Lang::En)),
            _ => lang,
        };
        analyzers.analyze_run(analyzer::rules_for(seg.script, run_lang), seg, &mut out);
    }
    out
}

/// The language of each sentence's Latin words (index = sentence number).
fn latin_sentence_languages(
    text: &str,
    segments: &[Segment<'_>],
    declared: Option<Lang>,
) -> Vec<Lang> {
    let sentences = segments.last().map_or(0, |s| s.sentence + 1);
    let mut has_vi_letters = vec![false; sentences];
    let mut span: Vec<Option<(usize, usize)>> = vec![None; sentences];
    for seg in segments.iter().filter(|s| s.script == Script::Latin) {
        if vietnamese::has_vietnamese_letters(seg.text) {
            has_vi_letters[seg.sentence] = true;
        }
        let end = seg.offset + seg.text.len();
        let entry = &mut span[seg.sentence];
        *entry = Some(entry.map_or((seg.offset, end), |(s, _)| (s, end)));
    }
    (0..sentences)
        .map(|i| match (has_vi_letters[i], declared) {
            // French é, German ü: letters Vietnamese shares do not make a sentence Vietnamese.
            (_, Some(Lang::Other(tag))) if generic::writes_latin(tag) => Lang::Other(tag),
            (true, _) => Lang::Vi,
            (false, Some(Lang::En)) => Lang::En,
            // A toneless sentence in a Vietnamese page may be English or toneless Vietnamese.
            (false, _) => span[i].map_or(Lang::En, |(s, e)| lang::detect_latin(&text[s..e])),
        })
        .collect()
}

/// Longest title key kept (bytes); longer titles are not matched whole.
pub const MAX_TITLE_KEY_BYTES: usize = 300;

/// The key under which a whole title is matched by a query equal to it: the
/// [`normalize_for_matching`] text with everything but letters and digits removed (so case,
/// tones, script variant, spacing and punctuation do not matter). `None` when nothing is
/// left or the key is longer than [`MAX_TITLE_KEY_BYTES`].
///
/// ```
/// use kbsearch::analysis::title_key;
/// assert_eq!(title_key("Khách hàng: Dịch vụ"), title_key("khach hang dich vu"));
/// assert_eq!(title_key("客戶服務運營經理"), title_key("客户服务运营经理?"));
/// assert_eq!(title_key("Що таке ґанок?"), title_key("що таке ганок"));
/// assert_eq!(title_key(" ?! "), None);
/// ```
pub fn title_key(text: &str) -> Option<String> {
    let key: String = ukrainian_lemma::normalize(&normalize_for_matching(text))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    (!key.is_empty() && key.len() <= MAX_TITLE_KEY_BYTES).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn terms(text: &str, lang: Option<Lang>, form: Form) -> Vec<String> {
        analyze(text, lang)
            .form(form)
            .iter()
            .map(|t| t.text.clone())
            .collect()
    }

    #[test]
    fn simplified_query_matches_traditional_text() {
        let doc = terms("什麼是客戶服務運營經理?", Some(Lang::ZhHant), Form::Words);
        let query = terms("什么是客户服务运营经理", None, Form::Words);
        assert_eq!(doc, query);
        assert!(!doc.contains(&"什么".to_string()));
        assert_eq!(
            terms("質量保證", None, Form::Pairs),
            terms("质量保证", None, Form::Pairs)
        );
    }

    #[test]
    fn frame_pairs_are_the_ngrams_over_dropped_question_words() {
        let query = "什么是客服经理";
        let analyzed = analyze(query, None);
        assert_eq!(analyzed.frame_pairs(query), ["什么", "么是", "是客"]);
        let query = "quản lý dịch vụ khách hàng là gì";
        let analyzed = analyze(query, Some(Lang::Vi));
        assert_eq!(analyzed.frame_pairs(query), ["hang_la"]);
        // Pairs between two content words are the topic, not the frame.
        let query = "客服经理 绩效考核";
        assert!(analyze(query, None).frame_pairs(query).is_empty());
    }

    #[test]
    fn traditional_query_matches_simplified_text() {
        // The other direction: a Traditional query for the Simplified article 001.
        let doc = terms(
            "客服经理需负责客服团队的组建、培训、绩效考核及日常管理",
            Some(Lang::ZhHans),
            Form::Words,
        );
        for word in terms("客服經理 績效考核", None, Form::Words) {
            assert!(doc.contains(&word), "{word} not in {doc:?}");
        }
    }

    #[test]
    fn toneless_and_decomposed_vietnamese_fold_to_the_same_terms() {
        let toned = terms("dịch vụ khách hàng", None, Form::Folded);
        assert_eq!(toned, vec!["dich", "vu", "khach", "hang"]);
        assert_eq!(
            terms("dich vu khach hang", Some(Lang::Vi), Form::Folded),
            toned
        );
        let nfd: String = "dịch vụ khách hàng".nfd().collect();
        assert_eq!(
            terms(&nfd, None, Form::Words),
            terms("dịch vụ khách hàng", None, Form::Words)
        );
        assert!(terms("dịch vụ khách hàng", None, Form::Pairs).contains(&"khach_hang".to_string()));
    }

    #[test]
    fn short_toneless_questions_are_vietnamese_by_their_spelling() {
        // whatlang is unsure of short toneless text (or leans English): these were analyzed
        // as English, which dropped "the" (thẻ, card) as a stop word and made no pairs.
        for (query, pair) in [
            ("khoa the atm qua app ngan hang lam the nao", "khoa_the"),
            ("xem tien trinh don hang o dau tren ung dung On", "don_hang"),
            ("chia se snapshot vserver co mat phi khong", "chia_se"),
            ("goi V65 duoc bao nhieu phut goi lien mang", "lien_mang"),
        ] {
            let pairs = terms(query, None, Form::Pairs);
            assert!(pairs.contains(&pair.to_string()), "{query}: {pairs:?}");
        }
        // English questions stay English, short ones included.
        for query in [
            "How do I revoke an API key?",
            "where do i type a recovery code when signing in",
            "can I give an invited member a higher role than my own",
            "Which OAuth scopes do I need to add to the Slack bot?",
        ] {
            assert!(terms(query, None, Form::Pairs).is_empty(), "{query}");
        }
    }

    #[test]
    fn english_sentence_inside_a_vietnamese_page_is_stemmed_as_english() {
        let text =
            "Một Manager đóng một vai trò quan trọng. This role involves strategic planning.";
        let words = terms(text, Some(Lang::Vi), Form::Words);
        assert!(words.contains(&"involv".to_string()), "{words:?}");
        assert!(words.contains(&"plan".to_string()), "{words:?}");
        assert!(words.contains(&"trọng".to_string()), "{words:?}");
        // No Vietnamese pair crosses into the English sentence.
        let pairs = terms(text, Some(Lang::Vi), Form::Pairs);
        assert!(pairs.iter().all(|p| !p.contains("role")), "{pairs:?}");
    }

    #[test]
    fn fullwidth_and_upper_case_fold() {
        assert_eq!(terms("ＫＰＩ", None, Form::Words), vec!["kpi"]);
        assert_eq!(
            terms("CUSTOMER Service", None, Form::Words),
            terms("customer service", None, Form::Words)
        );
    }

    #[test]
    fn ukrainian_apostrophes_and_inflections_meet() {
        let a = terms("зв’язок", None, Form::Words);
        assert_eq!(terms("зв'язок", None, Form::Words), a);
        assert_eq!(terms("звʼязку", None, Form::Words), a);
        assert_eq!(
            terms("бюджетом", None, Form::Words),
            terms("бюджет", None, Form::Words)
        );
        assert!(terms("Що таке бюджет?", None, Form::Words).len() == 1);
    }

    #[test]
    fn inflected_forms_are_the_surface_words_beside_a_lemma() {
        let analyzed = analyze("листами спільнота партнер", None);
        let mut forms: Vec<&str> = analyzed.inflected_forms().into_iter().collect();
        forms.sort();
        // `спільнота` and `партнер` are lemmas: only their lemma is in the folded form.
        assert_eq!(forms, vec!["листами"]);
        assert!(analyze("running shoes", None).inflected_forms().is_empty());
        assert!(analyze("khách hàng", None).inflected_forms().is_empty());
    }

    #[test]
    fn ukrainian_forms_meet_their_dictionary_lemma() {
        // Typed as the lemma, found in inflected text (and the other way round).
        assert_eq!(
            terms("партнерами іноземних активних", None, Form::Words),
            terms("партнер іноземні активний", None, Form::Words)
        );
        // Alternations the rule stemmer alone cannot undo.
        assert_eq!(
            terms("послузі", None, Form::Words),
            terms("послуга", None, Form::Words)
        );
        assert_eq!(
            terms("підтримці клієнтові", None, Form::Words),
            terms("підтримка клієнт", None, Form::Words)
        );
        // A word the dictionary lacks still gets the rule stem.
        assert_eq!(
            terms("кбсерчами", None, Form::Words),
            vec![ukrainian::stem("кбсерчами")]
        );
    }

    #[test]
    fn ukrainian_g_and_stress_marks_fold() {
        // ґ typed as г (and the other way round) and stress marks meet in both forms.
        for form in [Form::Words, Form::Folded] {
            assert_eq!(terms("ґанок", None, form), terms("ганок", None, form));
            assert_eq!(
                terms("за\u{301}мок кліє\u{301}нта", None, form),
                terms("замок клієнта", None, form)
            );
        }
        assert_eq!(
            terms("Ґудзиками", None, Form::Folded),
            vec!["гудзиками", "гудзик"]
        );
        // Offsets still cover the original (longer) text.
        let text = "за\u{301}мок";
        let analyzed = analyze(text, None);
        let t = &analyzed.form(Form::Folded)[0];
        assert_eq!((t.start, t.end), (0, text.len()));
    }

    #[test]
    fn latin_words_inside_chinese_are_searchable() {
        let words = terms("通过设定明确的KPI和Salesforce", None, Form::Words);
        assert!(
            words.contains(&"kpi".to_string()) && words.contains(&"salesforc".to_string()),
            "{words:?}"
        );
    }

    /// One conformance check run against every analyzer: terms in every form have valid,
    /// ordered offsets inside the text, analysis is deterministic, and the text analyzed as a
    /// query (with the page's language as the hint) yields the document's own terms.
    #[test]
    fn every_analyzer_conforms() {
        let samples = [
            ("zh-Hans", "客服经理负责统筹和管理客户服务团队。什么是KPI?"),
            ("zh-Hant", "客戶服務運營經理負責監督客戶服務代表的培訓。"),
            ("uk", "Що таке зворотний зв’язок? Менеджер керує бюджетом."),
            ("vi", "Quản lý dịch vụ khách hàng là gì? Dịch vụ tốt."),
            ("en", "What is a customer service manager's job? Training."),
            (
                "de",
                "Der Kundenservice-Manager schult die Mitarbeiter. Größe über alles.",
            ),
            (
                "ru",
                "Менеджер по обслуживанию клиентов отвечает за обучение.",
            ),
            ("fr", "Le responsable forme les employés à l'écoute."),
            (
                "el",
                "Ο υπεύθυνος εξυπηρέτησης πελατών εκπαιδεύει την ομάδα.",
            ),
            ("ar", "مدير خدمة العملاء مسؤول عن تدريب الفريق."),
            (
                "ja",
                "カスタマーサービスの責任者は、チームの教育を担当します。",
            ),
            ("ko", "고객 서비스 관리자는 팀 교육을 담당합니다."),
            (
                "pl",
                "Kierownik obsługi klienta odpowiada za szkolenie zespołu.",
            ),
        ];
        for (code, text) in samples {
            let lang = Lang::parse(code).unwrap();
            let analyzed = analyze(text, Some(lang));
            assert!(!analyzed.is_empty(), "{code}: no terms");
            assert_eq!(
                analyzed,
                analyze(text, Some(lang)),
                "{code}: not deterministic"
            );
            assert_offsets_valid(text, &analyzed);
            assert_eq!(
                analyze(text, Some(lang)).form(Form::Words),
                analyzed.form(Form::Words),
                "{code}"
            );
            assert_eq!(analysis_code_roundtrip(lang), lang, "{code}");
        }
    }

    fn analysis_code_roundtrip(lang: Lang) -> Lang {
        Lang::parse(lang.code()).unwrap()
    }

    #[test]
    fn offsets_are_valid_in_every_script() {
        let text = "什麼是KPI? Що таке зв’язок? Dịch vụ là gì? What is a manager's job?";
        assert_offsets_valid(text, &analyze(text, None));
    }
}
