//! One analyzer per language behind one trait, looked up by (script, language) as charabia
//! does: [`analyze`](super::analyze) cuts the text into script runs, finds each run's
//! language, and hands the run to [`rules_for`]'s analyzer.
//!
//! | script | language | analyzer |
//! |---|---|---|
//! | Han | any | [`Chinese`] |
//! | Cyrillic | another language declared (ru, bg, sr …) | [`Generic`] |
//! | Cyrillic | otherwise | [`Ukrainian`] |
//! | Latin | the sentence's: Vietnamese | [`Vietnamese`] |
//! | Latin | the sentence's: another language declared (de, fr …) | [`Generic`] |
//! | Latin | the sentence's: otherwise | [`English`] |
//! | digits, other scripts | any | [`Symbols`] |

use std::cell::RefCell;

use super::memo::{WordMemo, memoized};
use super::normalize::{cyrillic_lookalikes, fold_apostrophes, fold_latin, lowercase_nfkc};
use super::script::{Script, Segment};
use super::{
    Analyzed, Form, Initials, Lang, MAX_TERM_BYTES, chinese, english, generic, lang::LangTag,
    ukrainian, ukrainian_lemma, vietnamese,
};

thread_local! {
    /// English words' Snowball stems.
    static ENGLISH_STEMS: RefCell<WordMemo<String>> = RefCell::default();
    /// Ukrainian words' dictionary lemmas and stems.
    static UKRAINIAN_LEMMAS: RefCell<WordMemo<(String, String)>> = RefCell::default();
    /// Vietnamese syllables' toneless forms and canonical toned forms.
    static VIETNAMESE_SYLLABLES: RefCell<WordMemo<(String, String)>> = RefCell::default();
}

/// A language's rules: the terms of one script run (a word, or a run of Han characters).
pub(crate) trait Analyzer {
    /// Push the terms of `run` into `out`; term offsets are offsets of the analyzed text.
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed);
}

/// Which analyzer a run gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rules {
    /// Chinese words (jieba), characters and bigrams.
    Chinese,
    /// Ukrainian lemmas and stems.
    Ukrainian,
    /// Vietnamese syllables, toneless forms and syllable pairs.
    Vietnamese,
    /// English stems.
    English,
    /// Any other language: Snowball stems where one exists.
    Generic(LangTag),
    /// Digits, codes and scripts without rules of their own.
    Symbols(Option<LangTag>),
}

/// The analyzer of a run of `script` whose language is `lang`: the sentence's language for
/// Latin runs, the declared one (or the query's hint) for the others.
pub(crate) fn rules_for(script: Script, lang: Option<Lang>) -> Rules {
    let other = match lang {
        Some(Lang::Other(tag)) => Some(tag),
        _ => None,
    };
    match (script, lang) {
        (Script::Han, _) => Rules::Chinese,
        (Script::Cyrillic, Some(Lang::Other(tag))) => Rules::Generic(tag),
        (Script::Cyrillic, _) => Rules::Ukrainian,
        (Script::Latin, Some(Lang::Vi)) => Rules::Vietnamese,
        (Script::Latin, Some(Lang::Other(tag))) => Rules::Generic(tag),
        (Script::Latin, _) => Rules::English,
        (Script::Digits | Script::Other, _) => Rules::Symbols(other),
    }
}

/// One of each analyzer, for the runs of one text (the Vietnamese one pairs syllables across
/// runs, so it lives as long as the text).
#[derive(Default)]
pub(crate) struct Analyzers<'q> {
    vietnamese: Vietnamese,
    /// Only the terms that tell where a text matches (see [`super::analyze_for_matching`]).
    matching: bool,
    /// While matching: the first letters of the query's terms.
    initials: Option<&'q Initials>,
}

impl<'q> Analyzers<'q> {
    /// Analyzers giving only the terms that tell where a text matches (a query whose terms
    /// begin with `initials`, when given).
    pub(crate) fn for_matching(initials: Option<&'q Initials>) -> Self {
        Analyzers {
            vietnamese: Vietnamese {
                matching: true,
                ..Default::default()
            },
            matching: true,
            initials,
        }
    }

    /// False when no run of `script` can match the query being matched.
    pub(crate) fn admits_script(&self, script: Script) -> bool {
        self.initials
            .is_none_or(|query| query.admits_script(script))
    }

    /// Analyze `run` by `rules`.
    pub(crate) fn analyze_run(&mut self, rules: Rules, run: &Segment<'_>, out: &mut Analyzed) {
        if rules != Rules::Vietnamese {
            // Syllable pairs never span another analyzer's run.
            self.vietnamese.previous = None;
        }
        if !self.admits_script(run.script) {
            return;
        }
        match rules {
            Rules::Chinese if self.matching => {
                let initials = self.initials;
                let starts = |c: char| initials.is_none_or(|query| query.admits_char(c));
                for t in chinese::ngrams(run.text, starts) {
                    out.push(
                        Form::Pairs,
                        t.text,
                        run.offset + t.start,
                        run.offset + t.end,
                    );
                }
            }
            Rules::Chinese => Chinese.analyze_run(run, out),
            Rules::Ukrainian => Ukrainian {
                initials: self.initials,
            }
            .analyze_run(run, out),
            Rules::Vietnamese => self.vietnamese.analyze_run(run, out),
            Rules::English => English {
                initials: self.initials,
            }
            .analyze_run(run, out),
            Rules::Generic(tag) => Generic(tag).analyze_run(run, out),
            Rules::Symbols(tag) => Symbols(tag).analyze_run(run, out),
        }
    }
}

/// The run lowercased (NFKC) with apostrophes folded and, in a Cyrillic run, Latin
/// look-alike letters made Cyrillic; `None` when longer than [`MAX_TERM_BYTES`] (junk such
/// as base64 or URLs).
fn lowered_word(run: &Segment<'_>) -> Option<String> {
    let text = match run.script {
        Script::Cyrillic => cyrillic_lookalikes(run.text),
        _ => std::borrow::Cow::Borrowed(run.text),
    };
    Some(fold_apostrophes(&lowercase_nfkc(&text))).filter(|w| w.len() <= MAX_TERM_BYTES)
}

/// Chinese: jieba search-mode words of the Simplified text; characters and bigrams.
pub(crate) struct Chinese;

impl Analyzer for Chinese {
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed) {
        let start = run.offset;
        let han = chinese::analyze_run(run.text);
        for t in han.words {
            out.push(Form::Words, t.text, start + t.start, start + t.end);
        }
        for t in han.unigrams.into_iter().chain(han.bigrams) {
            out.push(Form::Pairs, t.text, start + t.start, start + t.end);
        }
    }
}

/// Ukrainian: the stem of the word's dictionary lemma; the surface word and the lemma.
pub(crate) struct Ukrainian<'q> {
    /// While matching: the first letters of the query's terms. A word whose terms all begin
    /// with another letter is left out before its lemma is looked up.
    initials: Option<&'q Initials>,
}

impl Analyzer for Ukrainian<'_> {
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed) {
        let Some(word) = lowered_word(run) else {
            return;
        };
        let (start, end) = (run.offset, run.offset + run.text.len());
        let word = ukrainian_lemma::normalize(&word);
        if self.initials.is_some_and(|query| !query.admits(&word))
            && ukrainian::terms_keep_initial(&word)
        {
            return;
        }
        if ukrainian::is_stop_word(&word) {
            return;
        }
        let (lemma, stem) = memoized(&UKRAINIAN_LEMMAS, &word, ukrainian::lemma_and_stem);
        out.push(Form::Words, stem, start, end);
        // The surface word rewards the exact form; the lemma finds every form.
        if lemma != word {
            out.push(Form::Folded, word, start, end);
        }
        out.push(Form::Folded, lemma, start, end);
    }
}

/// Vietnamese: the toned syllable, the toneless one, and toneless pairs of neighbouring
/// syllables of one sentence.
#[derive(Default)]
pub(crate) struct Vietnamese {
    /// The syllable before: (sentence, toneless form, start, is a stop word).
    previous: Option<(usize, String, usize, bool)>,
    /// Leave out the toned syllable: it only matches where the toneless one does.
    matching: bool,
}

impl Analyzer for Vietnamese {
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed) {
        let Some(lower) = lowered_word(run) else {
            return;
        };
        let (start, end) = (run.offset, run.offset + run.text.len());
        // Matching needs the toneless form only, which costs less than a memo's copies.
        let (folded, toned) = if self.matching {
            (fold_latin(&lower), None)
        } else {
            let (folded, toned) = memoized(&VIETNAMESE_SYLLABLES, &lower, |syllable| {
                (
                    fold_latin(syllable),
                    vietnamese::normalize_syllable(syllable),
                )
            });
            (folded, Some(toned))
        };
        let is_stop = vietnamese::is_stop_word(&lower, &folded);
        if let Some((sentence, previous, previous_start, previous_stop)) = self.previous.take()
            && sentence == run.sentence
            && !(is_stop && previous_stop)
        {
            out.push(
                Form::Pairs,
                format!("{previous}_{folded}"),
                previous_start,
                end,
            );
        }
        self.previous = Some((run.sentence, folded.clone(), start, is_stop));
        if !is_stop {
            if let Some(toned) = toned {
                out.push(Form::Words, toned, start, end);
            }
            out.push(Form::Folded, folded, start, end);
        }
    }
}

/// English: the Snowball stem; the surface word without its possessive.
pub(crate) struct English<'q> {
    /// While matching: the first letters of the query's terms. A word whose terms all begin
    /// with another letter is left out before it is stemmed.
    initials: Option<&'q Initials>,
}

impl Analyzer for English<'_> {
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed) {
        let Some(lower) = lowered_word(run) else {
            return;
        };
        if english::is_stop_word(&lower) {
            return;
        }
        let (start, end) = (run.offset, run.offset + run.text.len());
        let folded = fold_latin(&lower);
        // The stem begins as the word does (Snowball only removes a leading apostrophe).
        if self.initials.is_some_and(|query| {
            !query.admits(&lower) && !query.admits(&folded) && !lower.starts_with('\'')
        }) {
            return;
        }
        let stem = memoized(&ENGLISH_STEMS, &lower, english::stem);
        out.push(Form::Words, stem, start, end);
        out.push(
            Form::Folded,
            english::strip_possessive(&folded).to_string(),
            start,
            end,
        );
    }
}

/// Any other language of Latin or Cyrillic script: its Snowball stem where one exists; the
/// word (Latin diacritics removed).
pub(crate) struct Generic(pub LangTag);

impl Analyzer for Generic {
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed) {
        let Some(word) = lowered_word(run) else {
            return;
        };
        let (start, end) = (run.offset, run.offset + run.text.len());
        out.push(Form::Words, generic::stem(self.0, &word), start, end);
        let folded = match run.script {
            Script::Latin => fold_latin(&word),
            _ => word,
        };
        out.push(Form::Folded, folded, start, end);
    }
}

/// Digits, codes and other scripts (Japanese kana, Arabic, Hangul …): the lowercased word,
/// stemmed when a language with a stemmer is declared; the word without marks; and a Korean
/// word's syllable bigrams.
pub(crate) struct Symbols(pub Option<LangTag>);

/// True for a precomposed Hangul syllable.
fn is_hangul_syllable(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3)
}

impl Analyzer for Symbols {
    fn analyze_run(&mut self, run: &Segment<'_>, out: &mut Analyzed) {
        let word = lowercase_nfkc(run.text);
        if word.len() > MAX_TERM_BYTES {
            return;
        }
        let (start, end) = (run.offset, run.offset + run.text.len());
        let stem = match self.0 {
            Some(tag) => generic::stem(tag, &word),
            None => word.clone(),
        };
        out.push(Form::Words, stem, start, end);
        out.push(Form::Folded, generic::fold_marks(&word), start, end);
        // Korean writes particles and endings onto the word (비밀번호를, 변경하려면): its
        // syllable pairs find 비밀번호 and 변경, as Lucene's CJK analyzer pairs Hangul.
        let pairs = run.text.char_indices().zip(run.text.char_indices().skip(1));
        for ((i, a), (j, b)) in pairs {
            if is_hangul_syllable(a) && is_hangul_syllable(b) {
                let text: String = [a, b].into_iter().collect();
                out.push(Form::Pairs, text, start + i, start + j + b.len_utf8());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, assert_offsets_valid};

    /// One text per analyzer, with the language it is analyzed in and the rules its main
    /// run must get.
    fn samples() -> Vec<(&'static str, Option<Lang>, Script, Rules)> {
        let tag = |code: &str| match Lang::parse(code).unwrap() {
            Lang::Other(tag) => tag,
            other => panic!("{code} parsed as {other:?}"),
        };
        vec![
            (
                "客戶服務運營經理負責管理團隊的績效",
                Some(Lang::ZhHant),
                Script::Han,
                Rules::Chinese,
            ),
            (
                "Менеджер з обслуговування клієнтів збирає зворотний зв’язок",
                Some(Lang::Uk),
                Script::Cyrillic,
                Rules::Ukrainian,
            ),
            (
                "Quản lý dịch vụ khách hàng thu thập phản hồi",
                Some(Lang::Vi),
                Script::Latin,
                Rules::Vietnamese,
            ),
            (
                "The manager's team resolves escalated customer issues",
                Some(Lang::En),
                Script::Latin,
                Rules::English,
            ),
            (
                "Der Kundendienst beantwortet Anfragen schnell",
                Some(Lang::Other(tag("de"))),
                Script::Latin,
                Rules::Generic(tag("de")),
            ),
            (
                "Служба поддержки отвечает на вопросы клиентов",
                Some(Lang::Other(tag("ru"))),
                Script::Cyrillic,
                Rules::Generic(tag("ru")),
            ),
            (
                "パスワードをリセットする",
                Some(Lang::Other(tag("ja"))),
                Script::Other,
                Rules::Symbols(Some(tag("ja"))),
            ),
            (
                "비밀번호를 변경하려면 설정을 여세요",
                Some(Lang::Other(tag("ko"))),
                Script::Other,
                Rules::Symbols(Some(tag("ko"))),
            ),
            ("2024 E1234", None, Script::Digits, Rules::Symbols(None)),
        ]
    }

    #[test]
    fn a_korean_word_is_also_its_syllable_pairs() {
        let analyzed = analyze("비밀번호를 새 변경", None);
        let pairs: Vec<&str> = analyzed
            .form(Form::Pairs)
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        // One-syllable words make none; the word itself stays a word.
        assert_eq!(pairs, ["비밀", "밀번", "번호", "호를", "변경"]);
        let words: Vec<&str> = analyzed
            .form(Form::Words)
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(words, ["비밀번호를", "새", "변경"]);
        assert_offsets_valid("비밀번호를 새 변경", &analyzed);
    }

    #[test]
    fn each_script_and_language_gets_its_analyzer() {
        for (text, lang, script, rules) in samples() {
            assert_eq!(rules_for(script, lang), rules, "{text}");
        }
        // Latin without a declared language is English (the sentence's language decides).
        assert_eq!(rules_for(Script::Latin, None), Rules::English);
        assert_eq!(rules_for(Script::Cyrillic, None), Rules::Ukrainian);
        assert_eq!(rules_for(Script::Han, Some(Lang::Vi)), Rules::Chinese);
    }

    /// The conformance test every analyzer passes: terms in every form it makes, each with
    /// valid offsets inside the run it came from, no longer than [`MAX_TERM_BYTES`], and the
    /// same terms for the text typed in upper case or in full-width letters.
    #[test]
    fn every_analyzer_meets_the_same_contract() {
        for (text, lang, _, rules) in samples() {
            let analyzed = analyze(text, lang);
            assert_offsets_valid(text, &analyzed);
            assert!(
                !analyzed.form(Form::Words).is_empty(),
                "{rules:?}: no words"
            );
            assert!(!analyzed.form(Form::Folded).is_empty() || rules == Rules::Chinese);
            for form in Form::ALL {
                for term in analyzed.form(form) {
                    assert!(term.text.len() <= MAX_TERM_BYTES, "{rules:?}: {term:?}");
                    assert_eq!(term.text, term.text.to_lowercase(), "{rules:?}: {term:?}");
                }
            }
            let upper = text.to_uppercase();
            let full_width: String = text
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap(),
                    c => c,
                })
                .collect();
            for variant in [upper, full_width] {
                let terms = analyze(&variant, lang);
                for form in Form::ALL {
                    let texts = |a: &Analyzed| -> Vec<String> {
                        a.form(form).iter().map(|t| t.text.clone()).collect()
                    };
                    assert_eq!(
                        texts(&terms),
                        texts(&analyzed),
                        "{rules:?} {form:?}: {variant}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_run_of_another_analyzer_breaks_vietnamese_syllable_pairs() {
        // The syllable pairs (Chinese characters and bigrams are pairs too).
        let pairs = |text: &str| -> Vec<String> {
            analyze(text, Some(Lang::Vi))
                .form(Form::Pairs)
                .iter()
                .map(|t| t.text.clone())
                .filter(|pair| pair.contains('_'))
                .collect()
        };
        assert_eq!(
            pairs("dịch vụ khách hàng"),
            ["dich_vu", "vu_khach", "khach_hang"]
        );
        assert_eq!(pairs("dịch vụ 24 khách hàng"), ["dich_vu", "khach_hang"]);
        assert_eq!(pairs("dịch vụ 客服 khách hàng"), ["dich_vu", "khach_hang"]);
    }
}
