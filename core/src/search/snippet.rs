//! Snippets: the part of a passage with the most query matches, matches marked `**…**`.
//!
//! Matches are found by analyzing the passage with the same rules as the query (the terms
//! that tell where it matches: [`analysis::analyze_for_matching`]), so a Simplified query
//! marks Traditional characters and a toneless query marks toned words.
//! All cuts are at character boundaries of the original text.

use std::collections::HashSet;

use crate::analysis::{self, Form, Initials, Lang, chinese};

/// Longest snippet, in characters (marks and ellipses not counted).
pub const SNIPPET_CHARS: usize = 220;

/// The query's terms per form, for marking matches.
#[derive(Debug, Default, Clone)]
pub struct QueryTermSet {
    terms: [HashSet<String>; 3],
    /// The first letters of the query's terms: the passage's words that cannot match are
    /// not analyzed.
    initials: Initials,
}

impl QueryTermSet {
    /// Collect the terms of an analyzed query.
    ///
    /// Single Chinese characters (n-gram terms and one-character words) are marked only
    /// when the query has nothing longer in Chinese, and never when they are stop words:
    /// they help ranking, but marking every 理, 客 and 用 would hide the real matches.
    pub fn new(query: &analysis::Analyzed) -> Self {
        let mut set = QueryTermSet {
            initials: Initials::of(query),
            ..QueryTermSet::default()
        };
        for form in Form::ALL {
            set.terms[form as usize] = query.form(form).iter().map(|t| t.text.clone()).collect();
        }
        let is_han = |t: &String| t.chars().all(analysis::script::is_han);
        let single_char = |t: &String| t.chars().count() == 1 && is_han(t);
        let [words, _, pairs] = &mut set.terms;
        if words
            .iter()
            .chain(pairs.iter())
            .any(|t| is_han(t) && !single_char(t))
        {
            words.retain(|t| !single_char(t));
            pairs.retain(|t| !single_char(t));
        }
        // A character that is a stop word by itself (于 of "于11-06") is never marked.
        pairs.retain(|t| !(single_char(t) && t.chars().all(chinese::is_stop_char)));
        set
    }

    /// The first letters of the query's terms.
    pub(crate) fn initials(&self) -> &Initials {
        &self.initials
    }

    fn contains(&self, form: Form, term: &str) -> bool {
        self.terms[form as usize].contains(term)
    }
}

/// Byte ranges of `text` that match the query, sorted and merged.
pub fn matches(text: &str, lang: Lang, query: &QueryTermSet) -> Vec<(usize, usize)> {
    let analyzed = analysis::analyze_for_matching(text, Some(lang), Some(&query.initials));
    matched_ranges(&analyzed, query)
}

/// The merged byte ranges of the terms of `analyzed` that are terms of `query`.
fn matched_ranges(analyzed: &analysis::Analyzed, query: &QueryTermSet) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Form::ALL
        .iter()
        .flat_map(|&form| {
            analyzed
                .form(form)
                .iter()
                .filter(move |t| query.contains(form, &t.text))
                .map(|t| (t.start, t.end))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The snippet of `text` for the query: a window of at most [`SNIPPET_CHARS`] characters
/// around the densest cluster of matches, matches wrapped in `**`, cuts marked with `…`.
///
/// ```
/// use kbsearch::search::snippet::{snippet, QueryTermSet};
/// use kbsearch::{analysis::analyze, Lang};
/// let query = QueryTermSet::new(&analyze("客户服务", None));
/// assert_eq!(snippet("監督客戶服務代表。", Lang::ZhHant, &query), "監督**客戶服務**代表。");
/// ```
pub fn snippet(text: &str, lang: Lang, query: &QueryTermSet) -> String {
    let ranges = matches(text, lang, query);
    let (start, end) = window(text, &ranges, SNIPPET_CHARS);
    let mut out = String::with_capacity(end - start + 16);
    if start > 0 {
        out.push('…');
    }
    let mut cursor = start;
    for &(s, e) in ranges.iter().filter(|(s, e)| *s >= start && *e <= end) {
        out.push_str(&text[cursor..s]);
        out.push_str("**");
        out.push_str(&text[s..e]);
        out.push_str("**");
        cursor = e;
    }
    out.push_str(&text[cursor..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// The byte window of at most `max_chars` characters holding the most matches.
fn window(text: &str, ranges: &[(usize, usize)], max_chars: usize) -> (usize, usize) {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = boundaries.len() - 1;
    if chars <= max_chars {
        return (0, text.len());
    }
    let char_at = |byte: usize| boundaries.partition_point(|&b| b < byte);
    // Slide over matches: the window starting a little before match i that holds most matches.
    let mut best = (0usize, 0usize); // (count, start char)
    let mut j = 0;
    for i in 0..ranges.len() {
        let start_char = char_at(ranges[i].0).saturating_sub(30);
        j = j.max(i);
        while j < ranges.len() && char_at(ranges[j].1) <= start_char + max_chars {
            j += 1;
        }
        if j - i > best.0 {
            best = (j - i, start_char);
        }
    }
    let start_char = best.1.min(chars.saturating_sub(max_chars));
    let end_char = (start_char + max_chars).min(chars);
    (boundaries[start_char], boundaries[end_char])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    fn q(text: &str) -> QueryTermSet {
        QueryTermSet::new(&analyze(text, None))
    }

    #[test]
    fn marks_matches_in_every_script() {
        assert_eq!(
            snippet(
                "Менеджер відповідає за зворотний зв’язок.",
                Lang::Uk,
                &q("зворотній зв'язок")
            ),
            "Менеджер відповідає за **зворотний** **зв’язок**."
        );
        assert_eq!(
            snippet("Đào tạo và phát triển nhân viên.", Lang::Vi, &q("dao tao")),
            "**Đào** **tạo** và phát triển nhân viên."
        );
        assert_eq!(
            snippet(
                "The manager's role in customer satisfaction.",
                Lang::En,
                &q("customer SATISFACTION")
            ),
            "The manager's role in **customer** **satisfaction**."
        );
    }

    #[test]
    fn long_passages_are_cut_around_the_matches_at_char_boundaries() {
        let filler = "客戶服務團隊負責人在確保公司運作方面發揮著作用。".repeat(20);
        let text = format!("{filler}績效監控: 跟踪和評估團隊成員的績效。{filler}");
        let s = snippet(&text, Lang::ZhHant, &q("绩效监控"));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("**績效監控**"), "{s}");
        assert!(s.chars().filter(|c| *c != '*' && *c != '…').count() <= SNIPPET_CHARS);
    }

    #[test]
    fn single_chinese_characters_are_not_marked_beside_words() {
        let s = snippet(
            "在獲得足夠的經驗後,可以晉升為客戶服務運營經理。",
            Lang::ZhHant,
            &q("客户服务运营经理"),
        );
        assert_eq!(s, "在獲得足夠的經驗後,可以晉升為**客戶服務運營經理**。");
    }

    #[test]
    fn the_matching_analysis_finds_what_the_full_analysis_finds() {
        // Every line of the five sample articles (all five languages), against queries made
        // of words of the next line and of a line of the next article (another language:
        // words of a script the query lacks are skipped): the cheap analysis, which skips
        // words that cannot begin like a query term, marks the same ranges.
        let langs = [Lang::ZhHant, Lang::ZhHans, Lang::ZhHant, Lang::Uk, Lang::Vi];
        let seeds = crate::ingest::seed_fixtures::SEEDS;
        let lines_of = |seed: &'static str| -> Vec<&'static str> {
            seed.lines().filter(|l| !l.trim().is_empty()).collect()
        };
        let mut compared = 0;
        for (n, (seed, lang)) in seeds.iter().zip(langs).enumerate() {
            let lines = lines_of(seed);
            let other = lines_of(seeds[(n + 1) % seeds.len()]);
            for (i, text) in lines.iter().enumerate() {
                let next = lines[(i + 1) % lines.len()];
                let words: Vec<&str> = next.split_whitespace().collect();
                let chars: Vec<char> = next.chars().collect();
                let elsewhere: Vec<&str> = other[i % other.len()].split_whitespace().collect();
                let queries = [
                    words.iter().take(3).copied().collect::<Vec<_>>().join(" "),
                    chars.iter().skip(chars.len() / 2).take(6).collect(),
                    format!("{} {}", words.first().unwrap_or(&""), elsewhere[0]),
                ];
                for query in queries {
                    let terms = q(&query);
                    let full = matched_ranges(&analyze(text, Some(lang)), &terms);
                    assert_eq!(matches(text, lang, &terms), full, "{query:?} in {text:?}");
                    compared += usize::from(!full.is_empty());
                }
            }
        }
        assert!(compared > 100, "{compared}");
    }

    #[test]
    fn words_whose_lemma_begins_otherwise_are_still_matched() {
        // зіп'ю → спити: the query's terms begin with с, the word with з.
        assert_eq!(
            snippet("Я зіп'ю чай.", Lang::Uk, &q("спити")),
            "Я **зіп'ю** чай."
        );
        // A superlative's stem loses its prefix: найактивніший → активн.
        assert_eq!(
            snippet("Найактивніший клієнт.", Lang::Uk, &q("активний")),
            "**Найактивніший** клієнт."
        );
        // A Chinese query skips the passage's Latin words, an English one its Han runs.
        assert_eq!(
            snippet("用 CRM 管理客戶。", Lang::ZhHant, &q("客户管理")),
            "用 CRM **管理客戶**。"
        );
        assert_eq!(
            snippet("用 CRM 管理客戶。", Lang::ZhHant, &q("crm")),
            "用 **CRM** 管理客戶。"
        );
    }

    #[test]
    fn one_character_words_are_marked_only_without_longer_matches() {
        let text = "使用者可以用手機付費。";
        // 用 is a one-character word of the query; beside 手机 it is not marked.
        assert_eq!(
            snippet(text, Lang::ZhHant, &q("用 手機")),
            "使用者可以用**手機**付費。"
        );
        assert_eq!(
            snippet(text, Lang::ZhHant, &q("用")),
            "使**用**者可以**用**手機付費。"
        );
    }

    #[test]
    fn no_match_gives_the_beginning() {
        let s = snippet("Бюджет — це план.", Lang::Uk, &q("KPI"));
        assert_eq!(s, "Бюджет — це план.");
    }
}
