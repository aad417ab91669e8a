//! Choosing the passage inside an article.
//!
//! Articles are ranked by their best passage's score ([`super::search`]); which of an
//! article's passages is shown is decided here, by the part of the query that is not the
//! article's subject. A query like "客户服务运营经理的预算管理" names the article's subject
//! (the title's words) and one aspect of it (预算管理): the subject words explain why the
//! article was chosen, the aspect words should choose the passage. Per article:
//!
//! - **Subject words count less.** A query term that occurs in the article's title counts
//!   [`TITLE_TERM_SHARE`] of its heading and text score for the passage choice, so a
//!   passage whose heading repeats the subject ("職業發展路徑 › 客戶服務運營經理") no
//!   longer beats the section about the aspect ("預算管理"). A term the title lacks names
//!   the subject too when most of the article's passages hold it (a Vietnamese page
//!   with an English title, a subject named in other words): from [`ASPECT_SPREAD`] of the
//!   passages to [`SUBJECT_SPREAD`] it moves from an aspect term to a subject term. A word
//!   the query uses twice is never the subject: the subject explains one use, the other is
//!   the aspect's ("… зворотній зв'язок від клієнтів").
//! - **Passages holding more of the aspects win.** The passage score is multiplied by the
//!   share of the query's other terms (weighted by idf and by how little they name the
//!   subject) that the passage's heading or text holds, so a paragraph with both 客服经理 and 绩效考核 beats an FAQ answer with only
//!   客服经理.
//! - **An FAQ question counts when it asks about the aspects.** An FAQ passage's question
//!   is its heading; when it holds less than [`FAQ_ASPECTS`] of the query's aspect weight
//!   (it repeats the subject, "客服经理需要具备哪些核心技能?" for "客服经理的跨部门协作", or
//!   asks about another aspect), the question's words and the FAQ boost do not choose the
//!   passage: its answer is weighed like any paragraph.
//!
//! Every term is one analyzed term of one form (a word, a folded word, a Chinese character
//! or bigram, a Vietnamese syllable pair), as in the query itself. The per-term scores are
//! read from the postings of the passages found, only for articles with two or more
//! passages among them.

use std::collections::{HashMap, HashSet};

use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term};

use super::{
    Bm25Statistics, FAQ_BOOST, FORM_WEIGHTS, INFLECTED_FORM_SHARE, MAX_QUERY_TERMS, ZONE_WEIGHTS,
    unique,
};
use crate::analysis::{Analyzed, Form, is_definition_question};
use crate::error::Result;
use crate::index::{IndexStore, Zone};

/// Share of its heading and text score a query term keeps in choosing the passage when it
/// occurs in the article's title.
pub const TITLE_TERM_SHARE: f32 = 0.2;

/// Fewest passages an article needs for a term's spread over them to say it names the
/// article's subject (in a short article one aspect can run through every passage).
pub const MIN_PASSAGES_FOR_SPREAD: usize = 8;

/// A term held by at most this share of an article's found passages names an aspect …
pub const ASPECT_SPREAD: f32 = 0.25;

/// … and one held by at least this share names the subject (linear in between).
pub const SUBJECT_SPREAD: f32 = 0.75;

/// A query that names only the article's subject has at most this share of its terms' weight
/// (idf) in aspect terms.
pub const SUBJECT_ONLY_ASPECTS: f32 = 0.1;

/// A passage introduces the subject when its heading or text holds at least this share of
/// the query's words (by idf).
pub const INTRODUCES_SUBJECT: f32 = 0.5;

/// An FAQ passage's question (its heading) chooses the passage, with its words and the FAQ
/// boost, only when it holds at least this share of the query's aspect weight (idf, less the
/// share naming the subject): most of what the query asks about, not just its subject.
pub const FAQ_ASPECTS: f32 = 0.75;

/// Whether a found passage is an FAQ answer, and whether its question earned [`FAQ_BOOST`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Faq {
    /// Not an FAQ passage.
    No,
    /// An FAQ passage whose question holds too few query words for the boost.
    Unboosted,
    /// An FAQ passage boosted by [`FAQ_BOOST`] (inside its score).
    Boosted,
}

/// One term of the query in one form, with its inverse document frequency (passage text).
struct QueryTerm {
    form: Form,
    text: String,
    idf: f32,
    /// Multiplier of the term's weight: [`INFLECTED_FORM_SHARE`] for a word's own inflected
    /// form beside its lemma, else 1.
    share: f32,
    /// An n-gram over a dropped question or stop word ([`Analyzed::frame_pairs`]): it
    /// does not make a question about the subject ask for an aspect.
    frame: bool,
    /// A word the query uses more than once ("клієнтів" in "менеджер з обслуговування
    /// клієнтів зворотній зв'язок від клієнтів"): the subject explains one use, the other
    /// is part of the aspect, so it never counts as the subject.
    repeated: bool,
}

/// What one passage holds of each query term.
#[derive(Debug, Clone, Default)]
pub(super) struct TermMatches {
    /// Per query term: the term occurs in the article's title.
    in_title: Vec<bool>,
    /// Per query term: its weighted BM25 score in the passage's heading and text.
    score: Vec<f32>,
    /// Per query term: the part of `score` that is the heading's (an FAQ's question).
    heading: Vec<f32>,
}

impl TermMatches {
    /// What either holds: the terms of one article's found passages together.
    pub(super) fn union_with(&mut self, other: &TermMatches) {
        for (mine, theirs) in self.in_title.iter_mut().zip(&other.in_title) {
            *mine |= *theirs;
        }
        for (mine, theirs) in self.score.iter_mut().zip(&other.score) {
            *mine = mine.max(*theirs);
        }
        for (mine, theirs) in self.heading.iter_mut().zip(&other.heading) {
            *mine = mine.max(*theirs);
        }
    }
}

/// The query's terms, ready to be matched against found passages.
pub(super) struct PassageChooser {
    terms: Vec<QueryTerm>,
    /// The query asks what something is ([`is_definition_question`]).
    asks_definition: bool,
    /// The query's word and folded terms that no passage holds, with their idf: part of the
    /// query no passage answers in its words ([`PassageChooser::coverage`]).
    absent: Vec<(Form, String, f32)>,
}

/// The query's words ([`PassageChooser::query_words`]), for [`PassageChooser::coverage`].
pub(super) struct QueryWords(Vec<Place>);

/// One word of the query: its weight (the largest idf of its terms) and the indices of the
/// terms (words, folded and the n-grams inside it) that spell it.
struct Place {
    start: usize,
    end: usize,
    idf: f32,
    terms: Vec<usize>,
    /// Its terms that no passage holds (they tell apart words made only of such terms).
    absent: Vec<String>,
}

impl PassageChooser {
    /// Collect the query's distinct terms per form (as many as the query uses).
    /// `analyzed` is the query (as `query` was analyzed: corrected, see [`super::typo`]);
    /// `glossary_terms` the terms its glossary entries add, which choose passages like the
    /// query's own; `typed` the query as the user typed it, which says whether it asks for a
    /// definition (a correction must not turn "… la gi" into "… la gia").
    pub(super) fn new(
        store: &IndexStore,
        searcher: &Searcher,
        analyzed: &Analyzed,
        glossary_terms: &Analyzed,
        query: &str,
        typed: &str,
    ) -> Result<Self> {
        let f = store.fields();
        let total = searcher.num_docs() as f32;
        let frame: HashSet<&str> = analyzed.frame_pairs(query).into_iter().collect();
        let mut terms = Vec::new();
        let mut absent: Vec<(Form, String, f32)> = Vec::new();
        let mut inflected = analyzed.inflected_forms();
        inflected.extend(glossary_terms.inflected_forms());
        for form in Form::ALL {
            let all = analyzed.form(form).iter().chain(glossary_terms.form(form));
            let mut texts = unique(all.map(|t| t.text.clone()));
            texts.truncate(MAX_QUERY_TERMS);
            for text in texts {
                let term = Term::from_field_text(f.analyzed(Zone::Text, form), &text);
                let df = searcher.doc_freq(&term)? as f32;
                let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
                if df == 0.0 && !in_titles_or_headings(store, searcher, form, &text)? {
                    // No passage holds it (a toneless word's unfolded form): it cannot
                    // tell passages apart. A folded word no passage holds is still part
                    // of what the query asks.
                    if form != Form::Pairs {
                        absent.push((form, text, idf));
                    }
                    continue;
                }
                let frame = form == Form::Pairs && frame.contains(&text.as_str());
                let share = if form == Form::Folded && inflected.contains(text.as_str()) {
                    INFLECTED_FORM_SHARE
                } else {
                    1.0
                };
                let repeated = form != Form::Pairs
                    && analyzed
                        .form(form)
                        .iter()
                        .filter(|t| t.text == text)
                        .count()
                        > 1;
                terms.push(QueryTerm {
                    form,
                    text,
                    idf,
                    share,
                    frame,
                    repeated,
                });
            }
        }
        Ok(PassageChooser {
            terms,
            asks_definition: is_definition_question(typed),
            absent,
        })
    }

    /// What the one other passage that completes `passages[best]` most holds of the query's
    /// words (not n-grams) that the best passage lacks: the sum of their scores in it.
    pub(super) fn missing_from(&self, passages: &[&TermMatches], best: usize) -> f32 {
        let Some(top) = passages.get(best) else {
            return 0.0;
        };
        let lacking: Vec<usize> = (0..self.terms.len())
            .filter(|&t| self.terms[t].form != Form::Pairs)
            .filter(|&t| top.score.get(t).copied().unwrap_or(0.0) <= 0.0)
            .collect();
        passages
            .iter()
            .enumerate()
            .filter(|&(p, _)| p != best)
            .map(|(_, other)| {
                lacking
                    .iter()
                    .map(|&t| other.score.get(t).copied().unwrap_or(0.0))
                    .sum::<f32>()
            })
            .fold(0.0, f32::max)
    }

    /// How much of the query the passage holds anywhere (title, heading or text), as
    /// [`crate::semantic::fused_score`] weighs its lexical score: the share of the query's
    /// weight in the terms it holds ([`Self::term_coverage`]) times its share in the words
    /// it holds in any form ([`Self::word_coverage`]). Counted once, a passage matching one
    /// rare word of an English question kept too much beside the passages the model found
    /// in Vietnamese or Chinese; counted twice by terms, toneless Vietnamese questions lost
    /// their answers, which hold their words folded but not every term. nDCG@10 with
    /// `--semantic`, term share → both: English → Vietnamese 0.846 → 0.890, English →
    /// Chinese 0.851 → 0.887, the mixed pool 0.791 → 0.884; toneless XQuAD-vi 0.958 → 0.950
    /// (0.943 with the term share squared; lexical alone 0.948), the other sets within 0.0012.
    pub(super) fn coverage(&self, words: &QueryWords, m: &TermMatches) -> f32 {
        self.term_coverage(m) * self.word_coverage(words, m)
    }

    /// The share of the query's weight (idf; n-grams over the question's frame left out)
    /// in the subjects an article lacks: terms the title of another found article holds
    /// (`title_terms`, [`Self::title_terms`]) that neither this article's title nor any of
    /// its found passages (`article`, their [`TermMatches::union_with`]) hold.
    pub(super) fn lacked_subject_share(&self, title_terms: &[bool], article: &TermMatches) -> f32 {
        let mut total = 0.0;
        let mut lacked = 0.0;
        for (t, term) in self.terms.iter().enumerate().filter(|(_, t)| !t.frame) {
            let weight = term.idf * term.share;
            total += weight;
            if title_terms.get(t) == Some(&true) && !holds(article, t) {
                lacked += weight;
            }
        }
        if total > 0.0 { lacked / total } else { 0.0 }
    }

    /// Per query term: some found article's title holds it (a word the query repeats
    /// excepted, as in [`Self::subject_shares`]).
    pub(super) fn title_terms<'m>(
        &self,
        found: impl Iterator<Item = &'m TermMatches>,
    ) -> Vec<bool> {
        let mut in_title = vec![false; self.terms.len()];
        for m in found {
            for (t, held) in in_title.iter_mut().enumerate() {
                *held |= m.in_title.get(t) == Some(&true) && !self.terms[t].repeated;
            }
        }
        in_title
    }

    /// The query's words (`analyzed`, the query this chooser was built from): built only
    /// where [`Self::coverage`] is needed, not for every passage choice.
    pub(super) fn query_words(&self, analyzed: &Analyzed) -> QueryWords {
        QueryWords(places(analyzed, &self.terms, &self.absent))
    }

    /// The share of the query's words (by the largest idf of their terms; a folded word no
    /// passage holds included) that the passage holds in any form: a Ukrainian word in
    /// another inflection (its stem), a toneless Vietnamese syllable (its folded form). A
    /// Chinese word none of whose forms it holds counts the share of its characters and
    /// bigrams it holds.
    fn word_coverage(&self, words: &QueryWords, m: &TermMatches) -> f32 {
        let mut total = 0.0;
        let mut held_weight = 0.0;
        for place in &words.0 {
            total += place.idf;
            let (mut grams, mut grams_held, mut whole) = (0, 0, false);
            for &t in &place.terms {
                if self.terms[t].form == Form::Pairs {
                    grams += 1;
                    grams_held += usize::from(holds(m, t));
                } else {
                    whole |= holds(m, t);
                }
            }
            held_weight += place.idf
                * if whole {
                    1.0
                } else if grams > 0 {
                    grams_held as f32 / grams as f32
                } else {
                    0.0
                };
        }
        if total > 0.0 {
            held_weight / total
        } else {
            1.0
        }
    }

    /// The share of the query's weight (idf of its terms in every form, and of its folded
    /// words no passage holds; n-grams over the question's frame left out) in terms the
    /// passage holds.
    fn term_coverage(&self, m: &TermMatches) -> f32 {
        // The folded words no passage holds count as missing from every passage.
        let mut total: f32 = (self.absent.iter())
            .filter(|(form, _, _)| *form == Form::Folded)
            .map(|&(_, _, idf)| idf)
            .sum();
        let mut held_weight = 0.0;
        for (t, term) in self.terms.iter().enumerate().filter(|(_, t)| !t.frame) {
            total += term.idf;
            if holds(m, t) {
                held_weight += term.idf;
            }
        }
        if total > 0.0 {
            held_weight / total
        } else {
            0.0
        }
    }

    /// What each passage holds of each query term, read from the postings.
    pub(super) fn matches(
        &self,
        store: &IndexStore,
        searcher: &Searcher,
        stats: &Bm25Statistics<'_>,
        passages: &[DocAddress],
    ) -> Result<Vec<TermMatches>> {
        let f = store.fields();
        let mut out = vec![
            TermMatches {
                in_title: vec![false; self.terms.len()],
                score: vec![0.0; self.terms.len()],
                heading: vec![0.0; self.terms.len()],
            };
            passages.len()
        ];
        let order = segment_order(passages);
        for (t, term) in self.terms.iter().enumerate() {
            for zone in Zone::ALL {
                let query = TermQuery::new(
                    Term::from_field_text(f.analyzed(zone, term.form), &term.text),
                    IndexRecordOption::WithFreqs,
                );
                let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
                    stats, searcher,
                ))?;
                let boost =
                    ZONE_WEIGHTS[zone as usize] * FORM_WEIGHTS[term.form as usize] * term.share;
                let scores = scores_of(weight.as_ref(), boost, searcher, passages, &order)?;
                for (matches, score) in out.iter_mut().zip(scores) {
                    match (zone, score) {
                        (_, None) => {}
                        (Zone::Title, Some(_)) => matches.in_title[t] = true,
                        (zone, Some(score)) => {
                            matches.score[t] += score;
                            if zone == Zone::Heading {
                                matches.heading[t] += score;
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// The passage-choice score of one article's found passages: `scores[i]` is the
    /// search score of the passage `matches[i]` describes, `boosts[i]` the multiplier
    /// (FAQ, quoted phrase) inside it and `faq[i]` whether it is an FAQ answer. Title terms
    /// are those the title holds (all passages of an article share it): they keep
    /// [`TITLE_TERM_SHARE`] of their heading and text score, and the score is multiplied by
    /// the share of the other terms (by idf) that the passage's heading or text holds. An
    /// FAQ question holding less than [`FAQ_ASPECTS`] of that share loses its words'
    /// scores and the FAQ boost.
    pub(super) fn choice_scores(
        &self,
        scores: &[f32],
        boosts: &[f32],
        faq: &[Faq],
        matches: &[TermMatches],
        article_passages: usize,
    ) -> Vec<f32> {
        let subject = self.subject_shares(matches, article_passages);
        let aspects: f32 = self
            .terms
            .iter()
            .zip(&subject)
            .map(|(term, s)| term.idf * (1.0 - s))
            .sum();
        scores
            .iter()
            .zip(boosts)
            .zip(faq)
            .zip(matches)
            .map(|(((&score, &boost), &faq), m)| {
                let mut subject_score = 0.0;
                let mut covered = 0.0;
                // The aspect weight the heading (an FAQ's question) holds, and its score.
                let mut asked = 0.0;
                let mut question = 0.0;
                for (t, term) in self.terms.iter().enumerate() {
                    let score = held(m, t);
                    subject_score += subject[t] * score;
                    if score > 0.0 {
                        covered += term.idf * (1.0 - subject[t]);
                    }
                    let in_heading = m.heading.get(t).copied().unwrap_or(0.0);
                    if in_heading > 0.0 {
                        asked += term.idf * (1.0 - subject[t]);
                        question += in_heading;
                    }
                }
                let (score, boost) = if faq != Faq::No && asked < FAQ_ASPECTS * aspects {
                    // The question asks about something else: the answer counts alone.
                    let faq_boost = if faq == Faq::Boosted { FAQ_BOOST } else { 1.0 };
                    let boost = boost / faq_boost;
                    ((score / faq_boost - boost * question).max(0.0), boost)
                } else {
                    (score, boost)
                };
                let coverage = if aspects > 0.0 {
                    covered / aspects
                } else {
                    1.0
                };
                (score - (1.0 - TITLE_TERM_SHARE) * boost * subject_score).max(0.0) * coverage
            })
            .collect()
    }

    /// For a query that names only a subject, which of the passages introduce it: their
    /// heading or text holds [`INTRODUCES_SUBJECT`] of the query's words (by idf). A query
    /// names only a subject when it asks what something is ("什麼是客服經理?", "… là
    /// gì", "What is …?") or when at most [`SUBJECT_ONLY_ASPECTS`] of its weight is in
    /// terms that are not the article's subject ("客戶服務運營經理" in the article of that
    /// title). `None` when the query names an aspect of the subject.
    pub(super) fn subject_only(
        &self,
        matches: &[TermMatches],
        article_passages: usize,
    ) -> Option<Vec<bool>> {
        let subject = self.subject_shares(matches, article_passages);
        let total: f32 = self.terms.iter().filter(|t| !t.frame).map(|t| t.idf).sum();
        let aspects: f32 = self
            .terms
            .iter()
            .zip(&subject)
            .filter(|(term, _)| !term.frame)
            .map(|(term, s)| term.idf * (1.0 - s))
            .sum();
        if total <= 0.0 || (!self.asks_definition && aspects > SUBJECT_ONLY_ASPECTS * total) {
            return None;
        }
        let is_word = |t: &&QueryTerm| t.form != Form::Pairs;
        let all_words: f32 = self.terms.iter().filter(is_word).map(|t| t.idf).sum();
        Some(
            matches
                .iter()
                .map(|m| {
                    let words: f32 = self
                        .terms
                        .iter()
                        .enumerate()
                        .filter(|&(t, term)| is_word(&term) && held(m, t) > 0.0)
                        .map(|(_, term)| term.idf)
                        .sum();
                    all_words > 0.0 && words >= INTRODUCES_SUBJECT * all_words
                })
                .collect(),
        )
    }

    /// How much each term names the article's subject: 0 for a word the query repeats, 1 in
    /// the title, else by the share of the article's passages that hold it (a term in every
    /// passage cannot choose one).
    fn subject_shares(&self, matches: &[TermMatches], article_passages: usize) -> Vec<f32> {
        (0..self.terms.len())
            .map(|t| {
                if self.terms[t].repeated {
                    0.0
                } else if matches.iter().any(|m| m.in_title.get(t) == Some(&true)) {
                    1.0
                } else if article_passages >= MIN_PASSAGES_FOR_SPREAD {
                    let holding = matches.iter().filter(|m| held(m, t) > 0.0).count();
                    let spread = holding as f32 / article_passages.max(matches.len()) as f32;
                    ((spread - ASPECT_SPREAD) / (SUBJECT_SPREAD - ASPECT_SPREAD)).clamp(0.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect()
    }
}

/// True when some passage's title or heading holds the term.
fn in_titles_or_headings(
    store: &IndexStore,
    searcher: &Searcher,
    form: Form,
    text: &str,
) -> Result<bool> {
    for zone in [Zone::Title, Zone::Heading] {
        let term = Term::from_field_text(store.fields().analyzed(zone, form), text);
        if searcher.doc_freq(&term)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The query's words ([`Place`]): the word and folded terms at one place of the query
/// (their offsets), with the n-grams inside it, weighted by the largest idf of those terms,
/// including the ones no passage holds (`absent`: a Chinese word the documents split
/// otherwise still counts, by its characters and bigrams). A word the query repeats counts
/// once, and at most [`MAX_QUERY_TERMS`] places are read (a pasted megabyte stays linear).
fn places(analyzed: &Analyzed, terms: &[QueryTerm], absent: &[(Form, String, f32)]) -> Vec<Place> {
    let index_of: HashMap<(Form, &str), usize> = (terms.iter().enumerate())
        .map(|(i, q)| ((q.form, q.text.as_str()), i))
        .collect();
    let absent_idf: HashMap<(Form, &str), f32> = (absent.iter())
        .map(|(form, text, idf)| ((*form, text.as_str()), *idf))
        .collect();
    let mut places: Vec<Place> = Vec::new();
    let mut by_span: HashMap<(usize, usize), usize> = HashMap::new();
    for form in [Form::Words, Form::Folded] {
        for term in analyzed.form(form) {
            let key = (form, term.text.as_str());
            let index = index_of.get(&key).copied();
            let absent = absent_idf.get(&key).copied();
            let Some(idf) = index.map(|i| terms[i].idf).or(absent) else {
                continue;
            };
            let span = (term.start, term.end);
            let at = match by_span.get(&span) {
                Some(&at) => at,
                None if places.len() < MAX_QUERY_TERMS => {
                    by_span.insert(span, places.len());
                    places.push(Place {
                        start: term.start,
                        end: term.end,
                        idf,
                        terms: Vec::new(),
                        absent: Vec::new(),
                    });
                    places.len() - 1
                }
                None => continue,
            };
            let place = &mut places[at];
            place.idf = place.idf.max(idf);
            place.terms.extend(index);
            if absent.is_some() && index.is_none() {
                place.absent.push(term.text.clone());
            }
        }
    }
    // Each n-gram joins the shortest word containing it among the last few that start at or
    // before it (a character of 客户服务 joins 客户, not the compound).
    places.sort_by_key(|p| (p.start, p.end));
    for term in analyzed.form(Form::Pairs) {
        let Some(&i) = index_of.get(&(Form::Pairs, term.text.as_str())) else {
            continue;
        };
        let after = places.partition_point(|p| p.start <= term.start);
        if let Some(place) = (places[..after].iter_mut())
            .rev()
            .take(MAX_CONTAINING_WORDS)
            .filter(|p| term.end <= p.end)
            .min_by_key(|p| p.end - p.start)
        {
            place.terms.push(i);
        }
    }
    let mut seen = HashSet::new();
    places.retain_mut(|p| {
        p.terms.sort_unstable();
        p.terms.dedup();
        seen.insert((p.terms.clone(), p.absent.clone()))
    });
    places
}

/// Words starting at or before an n-gram that are tried as the word containing it (words
/// overlap where the dictionary also cuts a compound into its parts).
const MAX_CONTAINING_WORDS: usize = 4;

/// A passage's weighted heading and text score for query term `t`.
fn held(m: &TermMatches, t: usize) -> f32 {
    m.score.get(t).copied().unwrap_or(0.0)
}

/// The passage holds query term `t` anywhere: heading, text or its article's title.
fn holds(m: &TermMatches, t: usize) -> bool {
    held(m, t) > 0.0 || m.in_title.get(t) == Some(&true)
}

/// The indices of `passages` by segment, then document: the order scorers visit them in
/// (they only move forward).
pub(super) fn segment_order(passages: &[DocAddress]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..passages.len()).collect();
    order.sort_by_key(|&i| (passages[i].segment_ord, passages[i].doc_id));
    order
}

/// The score of each passage under one weight (`None` where it does not match); `order`
/// lists the passages by [`segment_order`].
pub(super) fn scores_of(
    weight: &dyn Weight,
    boost: f32,
    searcher: &Searcher,
    passages: &[DocAddress],
    order: &[usize],
) -> Result<Vec<Option<f32>>> {
    let mut scores = vec![None; passages.len()];
    let mut current: Option<(u32, Box<dyn tantivy::query::Scorer>)> = None;
    for &i in order {
        let DocAddress {
            segment_ord,
            doc_id,
        } = passages[i];
        if current
            .as_ref()
            .is_none_or(|(segment, _)| *segment != segment_ord)
        {
            let reader = searcher.segment_reader(segment_ord);
            current = Some((segment_ord, weight.scorer(reader, boost)?));
        }
        let (_, scorer) = current.as_mut().expect("set above");
        if scorer.doc() < doc_id {
            scorer.seek(doc_id);
        }
        if scorer.doc() == doc_id {
            scores[i] = Some(scorer.score());
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::{Place, QueryTerm, places};
    use crate::analysis::{Analyzed, Form, Lang, analyze};
    use crate::{Article, KnowledgeBase, SearchRequest};

    /// An article whose career section has a heading that repeats the title (the subject),
    /// beside sections about aspects of the role, and a second article on another subject.
    fn knowledge_base() -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        let zh = "# 客戶服務運營經理\n\n## 職責\n\n### 預算管理\n\n管理部門的預算，預測財務需求並控制支出。\n\n\
                  ### 績效監控\n\n跟踪和分析服務指標，衡量部門的表現。\n\n\
                  ## 職業發展路徑\n\n### 客戶服務運營經理\n\n\
                  積累經驗後，個人可以晉升為客戶服務運營經理，負責整個客戶服務部門的戰略規劃和團隊發展。";
        let uk = "# Менеджер з обслуговування клієнтів\n\n## Обов'язки\n\n### Управління бюджетом\n\n\
                  Планує бюджет відділу та контролює витрати.\n\n\
                  ### Навчання персоналу\n\n\
                  Розробляє програми навчання для нових співробітників.\n\n\
                  ## Кар'єрний шлях\n\n### Менеджер з обслуговування клієнтів\n\n\
                  Після кількох років досвіду фахівець стає менеджером з обслуговування \
                  клієнтів і керує відділом обслуговування клієнтів.";
        let other =
            "# Комірник\n\n## Склад\n\nКомірник приймає товар і веде облік залишків на складі.";
        for article in [
            Article::new("zh", "", zh).with_lang("zh-Hant"),
            Article::new("uk", "", uk).with_lang("uk"),
            Article::new("other", "", other).with_lang("uk"),
        ] {
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    fn top_heading(kb: &KnowledgeBase, query: &str) -> (String, Vec<String>) {
        let hits = kb.search(&SearchRequest::new(query)).unwrap().hits;
        let top = hits.into_iter().next().expect("a hit");
        assert!(
            !top.title.is_empty() && top.title != top.article_id,
            "{top:?}"
        );
        (top.article_id, top.heading_path)
    }

    /// Every term of every form of `analyzed`, as the chooser would hold them (idf 1), and
    /// the query's words built from them.
    fn words_of(analyzed: &Analyzed) -> (Vec<QueryTerm>, Vec<Place>) {
        let mut terms: Vec<QueryTerm> = Vec::new();
        for form in Form::ALL {
            for t in analyzed.form(form) {
                if !terms.iter().any(|q| q.form == form && q.text == t.text) {
                    terms.push(QueryTerm {
                        form,
                        text: t.text.clone(),
                        idf: 1.0,
                        share: 1.0,
                        frame: false,
                        repeated: false,
                    });
                }
            }
        }
        let words = places(analyzed, &terms, &[]);
        (terms, words)
    }

    #[test]
    fn a_query_word_gathers_its_forms_and_the_ngrams_inside_it() {
        // Vietnamese: one word per syllable, holding its toned and its folded form; the
        // syllable pairs span two words and belong to neither.
        let vi = analyze("dịch vụ khách hàng", Some(Lang::Vi));
        let (terms, words) = words_of(&vi);
        assert_eq!(words.len(), 4);
        for word in &words {
            let forms: Vec<Form> = word.terms.iter().map(|&t| terms[t].form).collect();
            assert!(
                forms.contains(&Form::Words) && forms.contains(&Form::Folded),
                "{forms:?}"
            );
            assert!(!forms.contains(&Form::Pairs), "{forms:?}");
        }
        // Ukrainian: an inflected word is one word with its stem, lemma and own form.
        let uk = analyze("партнерами", Some(Lang::Uk));
        let (terms, words) = words_of(&uk);
        assert_eq!(words.len(), 1);
        let texts: Vec<&str> = words[0]
            .terms
            .iter()
            .map(|&t| terms[t].text.as_str())
            .collect();
        assert!(
            texts.contains(&"партнерами") && texts.contains(&"партнер"),
            "{texts:?}"
        );
        // Chinese: each word holds the characters and bigrams inside it.
        let zh = analyze("客户关系维护", Some(Lang::ZhHans));
        let (terms, words) = words_of(&zh);
        let spelled: Vec<Vec<&str>> = (words.iter())
            .map(|w| w.terms.iter().map(|&t| terms[t].text.as_str()).collect())
            .collect();
        let relation = spelled
            .iter()
            .find(|w| w.contains(&"关系"))
            .unwrap_or_else(|| panic!("{spelled:?}"));
        assert!(
            relation.contains(&"关") && relation.contains(&"系"),
            "{spelled:?}"
        );
        assert!(!relation.contains(&"户"), "{spelled:?}");
    }

    #[test]
    fn subject_and_aspect_pick_the_aspect_section() {
        let kb = knowledge_base();
        // Simplified query on the Traditional article: subject (title) + aspect.
        assert_eq!(
            top_heading(&kb, "客户服务运营经理的预算管理"),
            ("zh".into(), vec!["職責".into(), "預算管理".into()])
        );
        assert_eq!(
            top_heading(&kb, "客戶服務運營經理如何監控績效"),
            ("zh".into(), vec!["職責".into(), "績效監控".into()])
        );
        assert_eq!(
            top_heading(&kb, "менеджер з обслуговування клієнтів бюджет"),
            (
                "uk".into(),
                vec!["Обов'язки".into(), "Управління бюджетом".into()]
            )
        );
        // The subject alone still finds the passage about it.
        assert_eq!(
            top_heading(&kb, "客戶服務運營經理"),
            (
                "zh".into(),
                vec!["職業發展路徑".into(), "客戶服務運營經理".into()]
            )
        );
    }

    #[test]
    fn words_in_most_passages_name_the_subject_when_the_title_lacks_them() {
        // A Vietnamese page under an English title: the subject ("quản lý vận hành dịch vụ
        // khách hàng") is named in most of its 9 sections and in the heading of the career
        // section.
        let vi = "# What is a Customer Service Operations Manager?\n\n## Trách nhiệm\n\n\
                  ### Đo lường hiệu suất\n\nTheo dõi các chỉ số như thời gian phản hồi để \
                  đánh giá chất lượng hỗ trợ.\n\n\
                  ### Ngân sách\n\nNgười quản lý vận hành dịch vụ khách hàng lập ngân sách \
                  cho bộ phận.\n\n\
                  ### Đào tạo\n\nNgười quản lý vận hành dịch vụ khách hàng tổ chức đào tạo \
                  cho nhân viên mới.\n\n\
                  ### Tuyển dụng\n\nNgười quản lý vận hành dịch vụ khách hàng phỏng vấn và \
                  tuyển nhân viên hỗ trợ.\n\n\
                  ### Quy trình\n\nNgười quản lý vận hành dịch vụ khách hàng viết lại quy \
                  trình xử lý khiếu nại.\n\n\
                  ### Công cụ\n\nNgười quản lý vận hành dịch vụ khách hàng chọn phần mềm \
                  quản lý yêu cầu.\n\n\
                  ### Báo cáo\n\nNgười quản lý vận hành dịch vụ khách hàng gửi báo cáo hằng \
                  tháng cho ban giám đốc.\n\n\
                  ## Con đường sự nghiệp\n\n### Quản lý vận hành dịch vụ khách hàng\n\n\
                  Sau nhiều năm kinh nghiệm, một trưởng nhóm có thể trở thành quản lý vận \
                  hành dịch vụ khách hàng.";
        let kb = knowledge_base();
        kb.upsert(Article::new("vi", "", vi).with_lang("vi"))
            .unwrap();
        kb.commit().unwrap();
        for query in [
            "quản lý vận hành dịch vụ khách hàng đo lường hiệu suất",
            "quan ly van hanh dich vu khach hang do luong hieu suat",
        ] {
            assert_eq!(
                top_heading(&kb, query),
                (
                    "vi".into(),
                    vec!["Trách nhiệm".into(), "Đo lường hiệu suất".into()]
                ),
                "{query}"
            );
        }
    }

    #[test]
    fn a_question_about_the_subject_itself_gets_the_passage_introducing_it() {
        // Articles whose lead defines the subject, with a later section that repeats it in
        // its heading; in the Vietnamese and English ones the title does not name it.
        let zh = "# 客戶服務運營經理\n\n客戶服務運營經理負責客戶服務部門的日常運作與策略。\n\n\
                  ## 職責\n\n### 預算管理\n\n管理部門的預算，預測財務需求並控制支出。\n\n\
                  ## 職業發展路徑\n\n### 客戶服務運營經理\n\n\
                  積累經驗後，個人可以晉升為客戶服務運營經理，負責整個客戶服務部門。";
        let uk = "# Менеджер з обслуговування клієнтів\n\nМенеджер з обслуговування клієнтів \
                  керує командою підтримки та відповідає за якість обслуговування.\n\n\
                  ## Бюджет\n\nПланує бюджет відділу та контролює витрати.\n\n\
                  ## Кар'єра\n\n### Менеджер з обслуговування клієнтів\n\nПісля кількох \
                  років досвіду фахівець стає менеджером з обслуговування клієнтів.";
        let vi = "# Support roles\n\n## Giới thiệu\n\nQuản lý dịch vụ khách hàng là người \
                  phụ trách toàn bộ đội ngũ hỗ trợ.\n\n## Công cụ\n\nQuản lý dịch vụ khách \
                  hàng chọn phần mềm. Quản lý dịch vụ khách hàng đào tạo nhân viên dùng phần mềm.";
        let en = "# Support policies\n\nHow our support team works.\n\n\
                  ## Service level agreement\n\nAn SLA sets the response time we promise.\n\n\
                  ## Escalation\n\nWhen an SLA is at risk, the SLA owner escalates the SLA \
                  ticket to a lead before the SLA deadline.";
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, text, lang) in [
            ("zh", zh, "zh-Hant"),
            ("uk", uk, "uk"),
            ("vi", vi, "vi"),
            ("en", en, "en"),
        ] {
            kb.upsert(Article::new(id, "", text).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        let lead = |query: &str, id: &str, heading: &[&str]| {
            let (article, path) = top_heading(&kb, query);
            assert_eq!(
                (article.as_str(), path),
                (
                    id,
                    heading.iter().map(|h| h.to_string()).collect::<Vec<_>>()
                ),
                "{query}"
            );
        };
        for query in [
            "什么是客户服务运营经理?",
            "客戶服務運營經理是什麼",
            "客戶服務運營經理",
        ] {
            lead(query, "zh", &[]);
        }
        lead("客戶服務運營經理的預算管理", "zh", &["職責", "預算管理"]);
        for query in [
            "Що таке менеджер з обслуговування клієнтів?",
            "менеджер з обслуговування клієнтів",
        ] {
            lead(query, "uk", &[]);
        }
        lead(
            "менеджер з обслуговування клієнтів бюджет",
            "uk",
            &["Бюджет"],
        );
        for query in [
            "quản lý dịch vụ khách hàng là gì?",
            "quan ly dich vu khach hang la gi",
        ] {
            lead(query, "vi", &["Giới thiệu"]);
        }
        lead("What is an SLA?", "en", &["Service level agreement"]);
        lead("SLA", "en", &["Escalation"]);
    }

    #[test]
    fn the_aspect_chooses_the_passage_in_the_sample_articles() {
        // The five real sample articles. Their FAQ questions repeat the subject ("客服经理需要
        // 具备哪些核心技能?", "Які інструменти часто використовують Менеджери …?", "Những kỹ
        // năng nào là cần thiết cho một Quản lý Hoạt động Dịch vụ Khách hàng …?") but not
        // the aspect asked about: the section about the aspect answers.
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/articles");
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.index_paths(&[corpus], &crate::IndexOptions::default(), &mut |_, _| {})
            .unwrap();
        for (query, article, answer) in [
            (
                "客服经理的跨部门协作",
                "001_a8b372179f898ed9",
                "跨部门协作是客服经理高效工作的保障",
            ),
            (
                "CSPM інструменти аналітики даних",
                "003_77c3923395a2e853",
                "Tableau, Google Analytics та Microsoft Power BI",
            ),
            (
                "Quản lý Hoạt động Dịch vụ Khách hàng kỹ năng giao tiếp",
                "004_5bffdb5339d268c2",
                "Kỹ năng giao tiếp xuất sắc là cần thiết",
            ),
        ] {
            let hits = kb.search(&SearchRequest::new(query)).unwrap().hits;
            let top = hits.first().expect("a hit");
            assert_eq!(top.article_id, article, "{query}");
            assert!(top.text.contains(answer), "{query}: {top:?}");
        }
        // A title word the query repeats is part of the aspect too: "від клієнтів" picks the
        // customers' feedback, not "Регулярний зворотній зв'язок" to the team.
        let query = "менеджер з обслуговування клієнтів зворотній зв’язок від клієнтів";
        let hits = kb.search(&SearchRequest::new(query)).unwrap().hits;
        assert!(
            hits[0]
                .text
                .contains("Збирайте та аналізуйте зворотній зв'язок від клієнтів"),
            "{hits:?}"
        );
        // An FAQ question that asks what the query asks still answers it.
        let hits = kb
            .search(&SearchRequest::new("客服经理需要具备哪些核心技能"))
            .unwrap()
            .hits;
        assert_eq!(
            hits[0].heading_path.last().map(String::as_str),
            Some("客服经理需要具备哪些核心技能?"),
            "{hits:?}"
        );
    }

    #[test]
    fn passage_choice_keeps_the_article_order_and_scores() {
        let kb = knowledge_base();
        let request =
            SearchRequest::new("менеджер з обслуговування клієнтів бюджет").passages_per_article(3);
        let hits = kb.search(&request).unwrap().hits;
        assert!(hits.len() >= 2, "{hits:?}");
        assert!(
            hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{hits:?}"
        );
        assert_eq!(hits[0].heading_path.last().unwrap(), "Управління бюджетом");
    }
}
