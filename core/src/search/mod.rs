//! Search: query text → ranked answer passages.
//!
//! Query words that no passage holds are first completed (the word being typed) or corrected
//! ([`typo`]). The query is analyzed with the document rules ([`crate::analysis`]); every term becomes
//! a BM25 term query (length normalization set by [`AVERAGE_LENGTH_SCALE`]) on each
//! zone × form field, weighted by [`ZONE_WEIGHTS`] and [`FORM_WEIGHTS`], searched with
//! block-max WAND; consecutive words add a sloppy phrase score ([`PHRASE_BOOST`]) to the
//! passages found; FAQ
//! passages whose question holds most query words get [`FAQ_BOOST`]. A query made only of
//! `"quoted phrases"` returns only passages holding them (compared after
//! [`analysis::normalize_for_matching`]); quoted phrases inside a longer query get
//! [`QUOTED_PHRASE_BOOST`]. An article whose whole title is the query (compared by
//! [`analysis::title_key`]) ranks first: someone who types a page's title wants that page,
//! even when longer pages use its words more often ("Security" over "Security checklist").
//! An article's found passages also lend each other the query words the best one lacks
//! ([`ARTICLE_EVIDENCE_SHARE`]), so a section cut into two passages ranks as a whole.
//! Passages are then grouped so each article appears at most `passages_per_article` times:
//! articles rank by their best passage's score, and which of an article's passages is shown
//! is chosen by the part of the query that is not the article's title ([`passage`]), and a
//! question about the subject itself gets the passage introducing it. Filters (tags,
//! category, metadata, dates) narrow the matches without scoring them, facets count them and
//! recency may lift them ([`filter`]); with a locale, each translation group is answered once
//! in the best language it has ([`translations`]). With [`SearchRequest::semantic`], each
//! passage then scores its share of the best lexical score plus its similarity to the query
//! ([`crate::semantic::fused_score`]), passages found only by their vectors included.

pub mod filter;
pub mod glossary;
pub mod passage;
pub mod snippet;
pub mod suggest;
pub mod translations;
pub mod typo;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use crate::analysis::{self, Form, Lang};
use crate::article::Passage;
use crate::error::{KbError, Result};
use crate::index::{IndexStore, StoredPassage, Zone};
use crate::ingest::sections::PassageKind;
use filter::{ArticleFacts, FacetCount, Filters};
use snippet::QueryTermSet;

/// Weight of each zone: title, heading path, passage text.
///
/// Every passage of an article repeats the article's title, so a title match lifts all of
/// them alike and, on the public sets where many paragraphs share one title, a heavier title
/// drowns the passage that answers: measured on DRCD, title weight 1.5 → 0.968 nDCG@10,
/// 0.5 → 0.977, 0.2 → 0.979. The heading path is specific to its passage and counts as
/// much as the text.
pub const ZONE_WEIGHTS: [f32; 3] = [0.2, 1.0, 1.0];

/// Weight of each form: words (stems, toned syllables, Chinese words), folded (toneless
/// surface words), n-grams (Chinese characters and bigrams, Vietnamese syllable pairs).
///
/// Words carry the full weight. A folded match is worth less, so an exact-tone match ranks
/// above a toneless collision (a query with tones matches both forms; a toneless query
/// only the folded one). N-grams find Chinese words the dictionary splits differently (and
/// single characters), and reward Vietnamese compounds ("dịch vụ", "khách hàng") as units;
/// weights above 1 cost Vietnamese more than they gave Chinese.
pub const FORM_WEIGHTS: [f32; 3] = [1.0, 0.6, 1.0];

/// Share of the folded-form weight kept by a query word's own inflected form beside its
/// dictionary lemma ([`analysis::Analyzed::inflected_forms`]; Ukrainian).
///
/// A Ukrainian word is searched as the stem of its lemma (words form), its lemma and, when
/// it is inflected, its own form (folded form). With the full weight, a passage holding the
/// very form typed (`листами`) counted 2.2 against 1.6 for any other form (`листи`), and a
/// passage holding one query word in that form beat the paragraph holding all the words in
/// other forms. At half the weight the typed form still ranks first among passages that are
/// otherwise alike. Measured (nDCG@10): inflected queries 0.982 → 0.986, exact-form queries
/// 0.998 unchanged (shares 0.33–0.5 gave the same; 0.25 lost exact-form queries, 0.75 kept
/// 0.983); the other languages have no such terms.
pub const INFLECTED_FORM_SHARE: f32 = 0.5;

/// Boost for the query's words appearing near each other (sloppy phrase on passage text).
pub const PHRASE_BOOST: f32 = 1.5;

/// Score multiplier for an FAQ passage whose question holds at least half of the query's words.
pub const FAQ_BOOST: f32 = 1.25;

/// Score multiplier for a passage holding the quoted phrases of a question.
pub const QUOTED_PHRASE_BOOST: f32 = 1.5;

/// Most passages of title-matching articles added to the candidates when the term clauses
/// did not fetch them.
const TITLE_MATCH_FETCH: usize = 64;

/// Passages the term clauses fetch for a search of `limit` hits (`2k + 20`; more while they
/// hold fewer than `limit` articles): the candidates that phrase, FAQ and title scores,
/// article evidence and the grouping by article work on. Block-max WAND skips less the more
/// it keeps: measured with k = 10, 56 (`4k + 16`) → 40 candidates took the p99 at 1M
/// generated passages from 16.1–16.3 to 13.7–14.7 ms and the p50 at 100k from 1.28–1.39 to
/// 1.12–1.25 ms. Fewer lose answers whose article's other passages lend them the words they
/// lack (28 for k = 10: uk-inflect 0.9901 → 0.9878), and a small `k` keeps about as many as
/// before (k = 3: 26, was 28), so an article's aspect section is still among them when many
/// articles repeat its subject (`3k + 10`, 19 at k = 3, lost it among 20 copies of an
/// article in `a_large_batch_trains_the_texts_dictionary_that_every_reader_uses`). The six
/// public sets and the Ukrainian sets keep their nDCG@10 to four decimals at k = 100
/// (xquad-vi-notone +0.0001); at k = 10 xquad-vi-notone loses 0.0006 (one answer second).
fn candidates_for(limit: usize) -> usize {
    limit * 2 + 20
}

/// A query word inside its n-grams ([`words_in_ngrams`]: a Vietnamese syllable inside a
/// syllable pair, a Chinese word inside bigrams), or a folded word whose stem at its place
/// is held by as many passages ([`stems_by_place`]: a Ukrainian lemma or inflected form, an
/// English surface word; every passage holding it holds the stem: 1M Ukrainian queries p50 /
/// p99 3.9 / 22 → 3.25 / 19 ms for inflected forms, → 2.6 / 8.5 ms with lemmas and English
/// words too), held by at least one passage in this many …
///
/// … and by at least [`COMMON_WORD_DOCS`] passages is left out of the union and only scores
/// the candidates (as titles are, [`is_scored_on_candidates`]): its pairs find the passages
/// holding it beside the query's other words, and its long posting list made block-max
/// WAND slow (a 15-syllable Vietnamese question is 60 terms). A rare word keeps its clause,
/// so a passage holding it in none of the query's pairs is still found. The n-grams stay,
/// even a Chinese bigram that spells a common word: moving it too cost DRCD 0.0006 nDCG@10
/// with the rule forced on (0.010 with every covered word forced out). Measured at 100k
/// generated passages, k = 10: mean 2.0 → 1.5 ms, p99 8.9 → 5.6 ms (Vietnamese p99 10 →
/// 4.4 ms, Chinese 9.6 → 6.4 ms). The public sets are smaller than [`COMMON_WORD_DOCS`]
/// (unchanged); with the rule forced on them at k = 10 only toneless XQuAD-vi moved
/// (−0.0002), and with 20k generated passages of the same language added to four of them
/// (k = 100) by −0.0003 (CMRC) to +0.0053 (toneless XQuAD-vi; measured with bigrams moved
/// too).
pub const COMMON_WORD_SHARE: u64 = 100;

/// Fewest passages holding a query word for [`COMMON_WORD_SHARE`] to leave it out of the
/// union: in smaller indexes every word keeps its clause (the union is fast there).
pub const COMMON_WORD_DOCS: u64 = 1000;

/// Most distinct terms per form a query contributes (the first ones are kept): each costs a
/// clause per zone, and a pasted megabyte must not build millions of clauses (found by
/// fuzzing: 1 MB of distinct terms took 9 s and 2.2 GB before).
pub const MAX_QUERY_TERMS: usize = 256;

/// Largest `limit` accepted.
pub const MAX_LIMIT: usize = 1000;

/// A search: the query text, how many hits, and filters.
///
/// ```
/// use kbsearch::SearchRequest;
/// let request = SearchRequest::new("Що таке бюджет?").limit(5).lang("uk");
/// assert_eq!(request.limit, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// What the user typed.
    pub query: String,
    /// Maximum number of hits (1..=1000).
    pub limit: usize,
    /// Only passages in this language (`zh` = both Chinese scripts); also a hint for
    /// analyzing the query.
    pub lang: Option<String>,
    /// How many passages of one article may appear (default 1).
    pub passages_per_article: usize,
    /// Compute snippets (default true; evaluation turns them off).
    #[serde(default = "default_true")]
    pub snippets: bool,
    /// Correct query words that no passage holds (default true): a word is completed when it
    /// is the start of an indexed word, else replaced by the closest indexed word.
    #[serde(default = "default_true")]
    pub typos: bool,
    /// What the hits' articles must have: tags, category, metadata, a date.
    #[serde(default)]
    pub filters: Filters,
    /// Facets to count over the articles the query matches (`lang`, `tag`, `category` or
    /// any metadata key); none by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<String>,
    /// Lift recently updated articles: the half-life of the lift in days (an article updated
    /// today has its passages' scores multiplied by 1.25, one a half-life old by 1.125, an
    /// undated one by 1); off by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recency_half_life: Option<u32>,
    /// Answer each translation group once, in this locale where the group has it (articles
    /// declaring each other translations, or whose URLs or ids differ by a locale); off by
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The locales tried after `locale`, in order (default `en`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fallback: Vec<String>,
    /// Also rank passages by meaning ([`crate::semantic`]): the BM25 scores are combined
    /// with the similarity of the passages nearest the query in each language, which finds
    /// answers in another language than the query's, and paraphrases. Needs an index built with vectors and the
    /// embedding model; off by default.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub semantic: bool,
    /// Only answers in these languages (`zh` = both Chinese scripts), unlike
    /// [`lang`](Self::lang) not a hint for analyzing the query: an English question
    /// answered from Chinese and Vietnamese articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_langs: Vec<String>,
}

fn default_true() -> bool {
    true
}

impl SearchRequest {
    /// A request for the top 10 passages, one per article.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: 10,
            lang: None,
            passages_per_article: 1,
            snippets: true,
            typos: true,
            filters: Filters::default(),
            facets: Vec::new(),
            recency_half_life: None,
            locale: None,
            fallback: Vec::new(),
            semantic: false,
            answer_langs: Vec::new(),
        }
    }

    /// Also rank passages by meaning ([`Self::semantic`]).
    pub fn semantic(mut self, on: bool) -> Self {
        self.semantic = on;
        self
    }

    /// Only answers in this language; call again for several ([`Self::answer_langs`]).
    pub fn answer_lang(mut self, lang: impl Into<String>) -> Self {
        self.answer_langs.push(lang.into());
        self
    }

    /// Set the number of hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Filter by language.
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Allow more than one passage per article.
    pub fn passages_per_article(mut self, n: usize) -> Self {
        self.passages_per_article = n;
        self
    }

    /// Turn typo correction on or off.
    pub fn typos(mut self, on: bool) -> Self {
        self.typos = on;
        self
    }

    /// Only articles with this tag (repeat for several: all must hold).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.filters.tags.push(tag.into());
        self
    }

    /// Only articles in this category.
    pub fn category(mut self, category: impl Into<String>) -> Self {
        self.filters.category = Some(category.into());
        self
    }

    /// Only articles whose metadata `key` has `value`.
    pub fn meta(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.filters.meta.push((key.into(), value.into()));
        self
    }
}

/// One answer passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score (higher is better; comparable within one search only): the
    /// article's best passage score (its n-th best for its n-th hit), whichever of its
    /// passages was chosen to be shown.
    pub score: f32,
    /// The article's id.
    pub article_id: String,
    /// The article's title.
    pub title: String,
    /// The article's language code.
    pub lang: String,
    /// Headings above the passage, outermost first.
    pub heading_path: Vec<String>,
    /// The whole passage.
    pub text: String,
    /// The best part of the passage, query matches marked `**…**`.
    pub snippet: String,
    /// The article's URL, or the file it was read from.
    pub source: Option<String>,
    /// The query's words that no passage holds, as typed → the indexed word searched
    /// instead (see [`SearchRequest::typos`]); empty when none was corrected.
    pub corrected: BTreeMap<String, String>,
    /// The article's tags, category and dates (each left out of JSON when absent).
    #[serde(flatten)]
    pub facts: ArticleFacts,
    /// The article in other languages; left out of JSON when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<translations::Translation>,
}

/// The answer to a search, as printed by `kbsearch search --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query text.
    pub query: String,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// The glossary entries the query fired ([`Glossary`](crate::Glossary)): their other
    /// terms were searched too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<Vec<String>>,
    /// The other Chinese region's words for the query's, searched too below the words typed
    /// ([`analysis::other_region_words`]: 金钥 for 密钥); empty when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regional: Vec<String>,
    /// The word being typed (the query's last, nothing after it) as typed → the indexed word
    /// starting with it that most passages hold, searched too below the words typed
    /// ([`typo`]); empty when none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub completed: BTreeMap<String, String>,
    /// Facet counts asked for, by key: values with their numbers of matching articles, most
    /// frequent first ([`SearchRequest::facets`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Why a filtered search found nothing (a filter no article meets, and the values
    /// there are).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// BM25 statistics with a weaker length normalization than tantivy's fixed k1 = 1.2,
/// b = 0.75: each analyzed field's average length is taken as [`AVERAGE_LENGTH_SCALE`] times
/// the real one.
struct Bm25Statistics<'a> {
    searcher: &'a tantivy::Searcher,
    scales: Vec<(tantivy::schema::Field, f64)>,
}

/// Multiplier of the average field length in BM25, per form (words, folded, n-grams).
///
/// BM25 divides a term's frequency by `k1 · (1 − b + b · len / avg_len)`; scaling `avg_len`
/// by `s` gives `k1 · (1 − b) + (k1 · b / s) · len / avg_len`, the same ranking as BM25 with
/// a smaller k1 and b: s = 3 ≈ k1 0.6, b 0.5 (Xapian's b), s = 1.5 ≈ k1 0.9, b 0.67. Long
/// passages are less penalized: measured on DRCD (Traditional) nDCG@10 0.979 → 0.981, on
/// CMRC 0.994 → 0.995, on XQuAD en/vi +0.001; scales 1.5–4 were all within ±0.0005.
pub const AVERAGE_LENGTH_SCALE: [f64; 3] = [3.0, 3.0, 1.5];

impl<'a> Bm25Statistics<'a> {
    fn new(store: &IndexStore, searcher: &'a tantivy::Searcher) -> Self {
        let scales = Zone::ALL
            .iter()
            .flat_map(|&zone| {
                Form::ALL.iter().map(move |&form| {
                    (
                        store.fields().analyzed(zone, form),
                        AVERAGE_LENGTH_SCALE[form as usize],
                    )
                })
            })
            .collect();
        Bm25Statistics { searcher, scales }
    }
}

impl tantivy::query::Bm25StatisticsProvider for Bm25Statistics<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        let tokens =
            tantivy::query::Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        let scale = self
            .scales
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(1.0, |(_, scale)| *scale);
        Ok((tokens as f64 * scale) as u64)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        tantivy::query::Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

/// Run a search on the committed state of an index.
pub fn search(
    store: &IndexStore,
    glossary: &glossary::Glossary,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let started = Instant::now();
    if request.limit == 0 || request.limit > MAX_LIMIT {
        return Err(KbError::InvalidRequest(format!(
            "limit must be 1..={MAX_LIMIT}, got {}",
            request.limit
        )));
    }
    let lang_filter = request
        .lang
        .as_deref()
        .map(Lang::filter_term_for)
        .transpose()?;
    let mut filters = request.filters.clauses(store.fields())?;
    if let Some(term) = &lang_filter {
        let term = Term::from_field_text(store.fields().lang, term);
        filters.push(Box::new(BoostQuery::new(
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            0.0,
        )));
    }
    if !request.answer_langs.is_empty() {
        let mut any_of: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for lang in &request.answer_langs {
            let term = Term::from_field_text(store.fields().lang, &Lang::filter_term_for(lang)?);
            any_of.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        filters.push(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(any_of)),
            0.0,
        )));
    }
    // The query's vector is computed first: a missing model or vector-less index fails
    // before any work.
    let query_vector = if request.semantic {
        if store.vectors().is_none() {
            return Err(KbError::NoVectors {
                path: store.display_path(),
            });
        }
        Some(crate::semantic::shared_model()?.embed_query(&request.query)?)
    } else {
        None
    };
    let hint = request.lang.as_deref().map(Lang::parse).transpose()?;
    let locale = translations::chain_for(request.locale.as_deref(), &request.fallback)?;
    let mut analyzed = analysis::analyze(&request.query, hint);
    if analyzed.is_empty() {
        return Err(KbError::EmptyQuery(request.query.clone()));
    }
    let searcher = store.searcher();
    // A query typed without a language is also searched with the stems its words have in
    // the index's other languages (a Russian query would otherwise be analyzed as Ukrainian,
    // a German one as English).
    let languages = match hint {
        None => (store.language_codes(&searcher)?.iter())
            .filter_map(|code| Lang::parse(code).ok())
            .collect(),
        Some(_) => Vec::new(),
    };
    let stems_in_other_languages = |text: &str, analyzed: &analysis::Analyzed| {
        let mut stems = analysis::Analyzed::default();
        for &lang in &languages {
            stems.extend(&analysis::other_language_stems(text, analyzed, lang));
        }
        stems
    };
    let mut other_stems = stems_in_other_languages(&request.query, &analyzed);
    let corrected = if request.typos {
        // A word its language's stem finds is not a typo.
        let known = match other_stems.is_empty() {
            true => std::borrow::Cow::Borrowed(&analyzed),
            false => {
                let mut known = analyzed.clone();
                known.extend(&other_stems);
                std::borrow::Cow::Owned(known)
            }
        };
        typo::correct(store, &searcher, &request.query, &known, hint)?
    } else {
        None
    };
    let (query_text, corrections, completion) = match corrected {
        Some(c) => (c.query, c.corrections, c.completion),
        None => (request.query.clone(), BTreeMap::new(), None),
    };
    let query_text = query_text.as_str();
    if !corrections.is_empty() {
        analyzed = analysis::analyze(query_text, hint);
        other_stems = stems_in_other_languages(query_text, &analyzed);
    }
    let (fired, mut also) = glossary.expand(query_text);
    // The completion of the word being typed is searched like a glossary term: below the
    // words typed.
    if let Some((_, word)) = &completion {
        also.push_str(word);
        also.push('\n');
    }
    let glossary_terms = analysis::analyze(&also, None);
    // The other Chinese region's words for the query's (金鑰 for 密钥, 登录 for 登入):
    // searched like a glossary's terms, below the words typed.
    let regional = analysis::other_region_words(query_text);
    let regional_terms = analysis::analyze(&regional.join("\n"), None);
    let (phrases, phrases_required) = quoted_phrases(query_text);
    let query = build_query(
        store,
        &analyzed,
        &[
            (&glossary_terms, glossary::GLOSSARY_WEIGHT),
            (&regional_terms, REGIONAL_WEIGHT),
            (&other_stems, 1.0),
        ],
        analysis::title_key(query_text),
        &filters,
        &searcher,
    )?;
    let stats = Bm25Statistics::new(store, &searcher);
    let scoring = EnableScoring::enabled_from_statistics_provider(&stats, &searcher);
    let phrase = query
        .phrase
        .as_ref()
        .map(|q| q.weight(scoring))
        .transpose()?;
    // Each clause left out of the union scores the candidates alone: a term scorer seeks
    // to a candidate through its skip list, where their union would score every passage
    // in a window of thousands around it.
    let rescored = query
        .later_clauses
        .iter()
        .map(|q| q.weight(scoring))
        .collect::<tantivy::Result<Vec<_>>>()?;
    // The phrase and the clauses left out of the union score the candidates found.
    let on_candidates: Vec<&dyn Weight> = phrase
        .iter()
        .chain(&rescored)
        .map(|weight| weight.as_ref())
        .collect();
    let per_article = request.passages_per_article.max(1);
    // The passage chooser and snippets take the glossary's terms, the other Chinese
    // region's words and the other languages' stems as the query's.
    let mut expansion = glossary_terms;
    expansion.extend(&regional_terms);
    expansion.extend(&other_stems);
    let terms = if expansion.is_empty() {
        QueryTermSet::new(&analyzed)
    } else {
        let mut with_glossary = analyzed.clone();
        with_glossary.extend(&expansion);
        QueryTermSet::new(&with_glossary)
    };
    let query_words: Vec<String> =
        unique(analyzed.form(Form::Folded).iter().map(|t| t.text.clone()));

    let total = searcher.num_docs() as usize;
    let mut fetch = candidates_for(request.limit).min(total.max(1));
    let mut columns = PassageColumns::new(&searcher);
    let boosts = Boosts {
        store,
        searcher: &searcher,
        phrases: &phrases,
        phrases_required,
        query_words: &query_words,
        initials: terms.initials(),
        recency: request
            .recency_half_life
            .map(|days| (filter::Day::today().number(), days as f32)),
    };
    let mut candidates = loop {
        let top_of = |query: &dyn Query| {
            searcher.search_with_statistics_provider(
                query,
                &TopDocs::with_limit(fetch).order_by_score(),
                &stats,
            )
        };
        let mut top = top_of(&*query.terms)?;
        // Fewer passages than asked for, so the union found every passage it holds: those
        // that only the clauses left out of it hold (an article's title) are searched for
        // too; the union gives them nothing.
        if let Some(later_terms) = query.later_terms.as_deref().filter(|_| top.len() < fetch) {
            let found: HashSet<DocAddress> = top.iter().map(|&(_, address)| address).collect();
            let more: Vec<(f32, DocAddress)> = top_of(later_terms)?
                .into_iter()
                .filter(|(_, address)| !found.contains(address))
                .map(|(_, address)| (0.0, address))
                .collect();
            top.extend(more);
        }
        let scores = score_candidates(&top, &on_candidates, &searcher)?;
        let mut scored = Vec::with_capacity(top.len());
        for (&(_, address), score) in top.iter().zip(scores) {
            if let Some(candidate) = boosts.candidate(score, address, &mut columns)? {
                scored.push(candidate);
            }
        }
        let distinct: HashSet<&ArticleKey> = scored.iter().map(|c| &c.article).collect();
        if distinct.len() >= request.limit || top.len() < fetch || fetch >= total {
            break scored;
        }
        fetch = (fetch * 4).min(total);
    };
    let mut chooser = LazyChooser {
        analyzed: &analyzed,
        glossary_terms: &expansion,
        query: query_text,
        typed: &request.query,
        built: None,
    };
    add_article_evidence(store, &searcher, &stats, &mut chooser, &mut candidates)?;
    // The fused ranking weighs what each passage holds of the query itself.
    if query_vector.is_none() {
        discount_lacked_subjects(store, &searcher, &stats, &mut chooser, &mut candidates)?;
    }
    // After the evidence: a page whose whole title is the query stays above every other.
    if let Some(title) = &query.title {
        add_title_matches(
            title,
            &query,
            &on_candidates,
            &stats,
            &searcher,
            &boosts,
            &mut columns,
            &mut candidates,
        )?;
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    break_ties(&mut candidates);
    if let Some(vector) = &query_vector {
        let near = crate::semantic::vectors::nearest(
            &searcher,
            store.vector_tables(),
            vector,
            fetch.max(request.limit * 4 + 16),
            filter_query(&filters).as_deref(),
        )?;
        let covered = {
            let chooser = chooser.get(store, &searcher)?;
            let words = chooser.query_words(&analyzed);
            let all: Vec<usize> = (0..candidates.len()).collect();
            read_held(store, &searcher, &stats, chooser, &mut candidates, &all)?;
            candidates
                .into_iter()
                .map(|c| {
                    let held = c.held.as_ref().expect("read above");
                    let coverage = chooser.coverage(&words, held);
                    (c, coverage)
                })
                .collect::<Vec<_>>()
        };
        candidates = fuse_nearest(
            &searcher,
            store.vector_tables(),
            vector,
            covered,
            near,
            &boosts,
            &mut columns,
        )?;
        break_ties(&mut candidates);
    }
    let groups = translations::Groups::new(store, &searcher);
    if let Some(chain) = &locale {
        candidates = translations::prefer_locale(&groups, chain, candidates, &mut columns)?;
    }

    let (slots, by_article) = slots(&candidates, request.limit, per_article);
    // With vectors, an article's passages are shown in their fused order: the lexical
    // chooser would pick by words a paraphrase or another language does not share.
    let by_article = if query_vector.is_some() {
        by_article
    } else {
        choose_passages(
            store,
            &searcher,
            &stats,
            &mut chooser,
            &mut candidates,
            &mut columns,
            by_article,
        )?
    };

    let mut next = vec![0usize; by_article.len()];
    let mut hits = Vec::with_capacity(slots.len());
    for (article, score) in slots {
        let candidate = &mut candidates[by_article[article][next[article]]];
        next[article] += 1;
        candidate.load(store, &searcher)?;
        let stored = candidate.stored.take().expect("loaded above");
        let lang = Lang::parse(&stored.lang).unwrap_or(Lang::En);
        let translations = groups.translations(candidate.address, &stored.article_id)?;
        let facts = stored.facts();
        let passage = stored.passage;
        hits.push(Hit {
            rank: hits.len() + 1,
            score,
            article_id: stored.article_id,
            title: stored.title,
            lang: stored.lang,
            snippet: if request.snippets {
                snippet::snippet(&passage.text, lang, &terms)
            } else {
                String::new()
            },
            heading_path: passage.heading_path,
            text: passage.text,
            source: stored.source,
            corrected: corrections.clone(),
            facts,
            translations,
        });
    }
    let facets = if request.facets.is_empty() {
        BTreeMap::new()
    } else {
        let collector = filter::FacetCollector::new(&request.facets);
        collector.facets(searcher.search(&*query.all_terms, &collector)?)
    };
    let notes = if hits.is_empty() {
        request.filters.explain_empty(&searcher, store.fields())?
    } else {
        Vec::new()
    };
    Ok(SearchResults {
        query: request.query.clone(),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        glossary: fired.into_iter().map(|e| e.terms.clone()).collect(),
        regional,
        completed: completion.into_iter().collect(),
        facets,
        notes,
    })
}

/// The hits' places and the articles shown: walking the candidates best first, each
/// article takes a place (with that candidate's score) for each of its first
/// `per_article` candidates, until `limit` places are taken. Returned with the candidates
/// of each article shown (indices, best first), places referring to articles by position.
fn slots(
    candidates: &[Candidate],
    limit: usize,
    per_article: usize,
) -> (Vec<(usize, f32)>, Vec<Vec<usize>>) {
    let mut article_index: HashMap<&ArticleKey, usize> = HashMap::new();
    let mut by_article: Vec<Vec<usize>> = Vec::new();
    let mut slots = Vec::with_capacity(limit);
    for (i, candidate) in candidates.iter().enumerate() {
        let article = match article_index.get(&candidate.article) {
            Some(&a) => a,
            None if slots.len() < limit => {
                by_article.push(Vec::new());
                article_index.insert(&candidate.article, by_article.len() - 1);
                by_article.len() - 1
            }
            None => continue,
        };
        by_article[article].push(i);
        if by_article[article].len() <= per_article && slots.len() < limit {
            slots.push((article, candidate.score));
        }
    }
    (slots, by_article)
}

/// Order each shown article's candidates by [`passage`] choice (the part of the query that
/// is not the article's title); articles with one candidate are left as they are. When the
/// query names only the article's subject ("What is …?"), the earliest passage that
/// introduces the subject comes first: the lead says what the subject is.
fn choose_passages(
    store: &IndexStore,
    searcher: &Searcher,
    stats: &Bm25Statistics<'_>,
    chooser: &mut LazyChooser,
    candidates: &mut [Candidate],
    columns: &mut PassageColumns,
    mut by_article: Vec<Vec<usize>>,
) -> Result<Vec<Vec<usize>>> {
    let several: Vec<usize> = (0..by_article.len())
        .filter(|&a| by_article[a].len() >= 2)
        .collect();
    if several.is_empty() {
        return Ok(by_article);
    }
    let chooser = chooser.get(store, searcher)?;
    // Read already in a lexical search (`discount_lacked_subjects`).
    let shown: Vec<usize> = several
        .iter()
        .flat_map(|&a| by_article[a].iter().copied())
        .collect();
    read_held(store, searcher, stats, chooser, candidates, &shown)?;
    for a in several {
        let group = &mut by_article[a];
        let scores: Vec<f32> = group
            .iter()
            .map(|&i| {
                candidates[i].score + candidates[i].subject_discount
                    - candidates[i].article_evidence
            })
            .collect();
        let boosts: Vec<f32> = group.iter().map(|&i| candidates[i].boost).collect();
        let mut faq = Vec::with_capacity(group.len());
        for &i in group.iter() {
            let (_, is_faq) = columns.read(candidates[i].address)?;
            faq.push(match (is_faq, candidates[i].faq_boosted) {
                (false, _) => passage::Faq::No,
                (true, false) => passage::Faq::Unboosted,
                (true, true) => passage::Faq::Boosted,
            });
        }
        let held: Vec<passage::TermMatches> = group
            .iter()
            .map(|&i| candidates[i].held.clone().unwrap_or_default())
            .collect();
        let id = columns.article_id(candidates[group[0]].address)?;
        let article_passages = searcher.search(
            &TermQuery::new(
                Term::from_field_text(store.fields().article_id, &id),
                IndexRecordOption::Basic,
            ),
            &Count,
        )?;
        let choice = chooser.choice_scores(&scores, &boosts, &faq, &held, article_passages);
        let mut order: Vec<usize> = (0..group.len()).collect();
        // Stable: equal choice scores keep the search order.
        order.sort_by(|&x, &y| choice[y].total_cmp(&choice[x]));
        if let Some(introduces) = chooser.subject_only(&held, article_passages) {
            let mut lead: Option<(u64, usize)> = None;
            for k in (0..group.len()).filter(|&k| introduces[k]) {
                let number = candidates[group[k]].passage_no(store, searcher)?;
                if lead.is_none_or(|(first, _)| number < first) {
                    lead = Some((number, k));
                }
            }
            if let Some((_, k)) = lead {
                order.retain(|&x| x != k);
                order.insert(0, k);
            }
        }
        *group = order.into_iter().map(|k| group[k]).collect();
    }
    Ok(by_article)
}

/// The query's passage chooser, built the first time it is asked for: only a query that
/// finds an article twice needs it.
struct LazyChooser<'a> {
    analyzed: &'a analysis::Analyzed,
    glossary_terms: &'a analysis::Analyzed,
    /// The query searched (corrected) …
    query: &'a str,
    /// … and as typed.
    typed: &'a str,
    built: Option<passage::PassageChooser>,
}

impl LazyChooser<'_> {
    fn get(&mut self, store: &IndexStore, searcher: &Searcher) -> Result<&passage::PassageChooser> {
        if self.built.is_none() {
            self.built = Some(passage::PassageChooser::new(
                store,
                searcher,
                self.analyzed,
                self.glossary_terms,
                self.query,
                self.typed,
            )?);
        }
        Ok(self.built.as_ref().expect("set above"))
    }
}

/// Weight of the other Chinese region's words for a query's words
/// ([`analysis::other_region_words`]) against the words typed.
pub const REGIONAL_WEIGHT: f32 = 0.5;

/// Share of the score of the query words an article's best passage lacks, in the passage that
/// holds most of them, added to the article's passages (`add_article_evidence`). Measured
/// (nDCG@10): 0.3 → 0.35 took Ukrainian inflected queries 0.986 → 0.990; from 0.4 on, DRCD
/// falls under its best peer (README, "A section cut into passages counts as a whole").
pub const ARTICLE_EVIDENCE_SHARE: f32 = 0.35;

/// Read what each of the candidates `which` holds of the query's terms, for those not read yet.
fn read_held(
    store: &IndexStore,
    searcher: &Searcher,
    stats: &Bm25Statistics<'_>,
    chooser: &passage::PassageChooser,
    candidates: &mut [Candidate],
    which: &[usize],
) -> Result<()> {
    let unread: Vec<usize> = (which.iter().copied())
        .filter(|&i| candidates[i].held.is_none())
        .collect();
    let addresses: Vec<DocAddress> = unread.iter().map(|&i| candidates[i].address).collect();
    for (&i, held) in unread
        .iter()
        .zip(chooser.matches(store, searcher, stats, &addresses)?)
    {
        candidates[i].held = Some(held);
    }
    Ok(())
}

/// Add to every found passage of an article what completes its best passage: of the
/// article's other found passages, the one holding most of the query's words (and folded
/// words; not n-grams) that the best passage lacks lends [`ARTICLE_EVIDENCE_SHARE`] of their
/// score there. A section cut into two passages, one holding half of the query's words and
/// the other the rest, then ranks as the section does, instead of below a passage that
/// repeats one of the words.
fn add_article_evidence(
    store: &IndexStore,
    searcher: &Searcher,
    stats: &Bm25Statistics<'_>,
    chooser: &mut LazyChooser,
    candidates: &mut [Candidate],
) -> Result<()> {
    let mut groups: HashMap<&ArticleKey, Vec<usize>> = HashMap::new();
    for (i, candidate) in candidates.iter().enumerate() {
        groups.entry(&candidate.article).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() >= 2).collect();
    if groups.is_empty() {
        return Ok(());
    }
    let chooser = chooser.get(store, searcher)?;
    let found: Vec<usize> = groups.iter().flatten().copied().collect();
    read_held(store, searcher, stats, chooser, candidates, &found)?;
    for group in groups {
        let held: Vec<&passage::TermMatches> = group
            .iter()
            .filter_map(|&i| candidates[i].held.as_ref())
            .collect();
        let best = (0..group.len())
            .max_by(|&x, &y| {
                candidates[group[x]]
                    .score
                    .total_cmp(&candidates[group[y]].score)
            })
            .unwrap_or(0);
        let evidence = ARTICLE_EVIDENCE_SHARE * chooser.missing_from(&held, best);
        for &i in &group {
            candidates[i].score += evidence;
            candidates[i].article_evidence = evidence;
        }
    }
    Ok(())
}

/// Multiply the score of every passage of an article by the share of the query's weight
/// that is not a subject the article lacks ([`passage::PassageChooser::lacked_subject_share`]):
/// a query term in the title of a found article names that article's subject, and an article
/// that holds it nowhere among its title and found passages is about something else. Of two
/// near-copies of one page for two roles, "客服运营经理怎么收集客户反馈" then finds the
/// operations manager's feedback section, not the team lead's, whose heading holds more of
/// the aspect ("反饋收集") but whose article never names 運營 or 經理.
///
/// Measured (README, Ranking): subject-aspect questions over `corpus/` 59 → 60 of 63; the
/// six public sets within 0.0006 nDCG@10, the Ukrainian sets unchanged. An article without
/// an indexed title names no subject this way: counting as subjects the terms most of an
/// article's found passages hold, as [`passage`] does inside one, lost xquad-vi 0.002 (its
/// paragraphs have no titles) for no more answers.
fn discount_lacked_subjects(
    store: &IndexStore,
    searcher: &Searcher,
    stats: &Bm25Statistics<'_>,
    chooser: &mut LazyChooser,
    candidates: &mut [Candidate],
) -> Result<()> {
    if candidates.is_empty() {
        return Ok(());
    }
    let chooser = chooser.get(store, searcher)?;
    let all: Vec<usize> = (0..candidates.len()).collect();
    read_held(store, searcher, stats, chooser, candidates, &all)?;
    let title_terms = chooser.title_terms(candidates.iter().filter_map(|c| c.held.as_ref()));
    if !title_terms.contains(&true) {
        return Ok(());
    }
    let mut articles: HashMap<&ArticleKey, passage::TermMatches> = HashMap::new();
    for c in candidates.iter() {
        let held = c.held.as_ref().expect("read above");
        articles
            .entry(&c.article)
            .and_modify(|article| article.union_with(held))
            .or_insert_with(|| held.clone());
    }
    let kept: HashMap<ArticleKey, f32> = articles
        .into_iter()
        .map(|(key, article)| {
            (
                key.clone(),
                1.0 - chooser.lacked_subject_share(&title_terms, &article),
            )
        })
        .collect();
    for c in candidates.iter_mut() {
        let kept = kept.get(&c.article).copied().unwrap_or(1.0);
        c.subject_discount = c.score * (1.0 - kept);
        c.score -= c.subject_discount;
    }
    Ok(())
}

/// The `"quoted"` parts of a query, normalized for matching, and whether they are required:
/// a query that is only quoted phrases must match them; a question that quotes a phrase
/// ("「…」這段話出自哪裡?") only prefers passages holding it.
fn quoted_phrases(query: &str) -> (Vec<String>, bool) {
    let quotes = |c: char| matches!(c, '"' | '“' | '”' | '「' | '」' | '«' | '»');
    let parts: Vec<&str> = query.split(quotes).collect();
    let phrases: Vec<String> = parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|p| analysis::normalize_for_matching(p))
        .filter(|p| !p.is_empty())
        .collect();
    let outside_has_words = parts
        .iter()
        .step_by(2)
        .any(|p| p.chars().any(char::is_alphanumeric));
    let required = !phrases.is_empty() && !outside_has_words;
    (phrases, required)
}

/// True when the passage's text or headings contain every phrase (normalized alike).
fn contains_phrases(passage: &Passage, phrases: &[String]) -> bool {
    let haystack = analysis::normalize_for_matching(&format!(
        "{}\n{}",
        passage.heading_path.join("\n"),
        passage.text
    ));
    phrases.iter().all(|p| haystack.contains(p.as_str()))
}

/// What multiplies a found passage's score: an FAQ question holding the query's words,
/// the query's quoted phrases.
struct Boosts<'a> {
    store: &'a IndexStore,
    searcher: &'a Searcher,
    phrases: &'a [String],
    phrases_required: bool,
    query_words: &'a [String],
    /// The first letters of the query's terms (see [`question_matches`]).
    initials: &'a analysis::Initials,
    /// Today's day number and the recency half-life in days, when recency is asked for.
    recency: Option<(u64, f32)>,
}

impl Boosts<'_> {
    /// The candidate for a passage found with `score`, boosted; `None` when the query is
    /// only quoted phrases and the passage does not hold them.
    fn candidate(
        &self,
        score: f32,
        address: DocAddress,
        columns: &mut PassageColumns,
    ) -> Result<Option<Candidate>> {
        let (article, is_faq) = columns.read(address)?;
        let score = match self.recency {
            Some((today, half_life)) => {
                score * filter::recency_multiplier(columns.updated(address), today, half_life)
            }
            None => score,
        };
        let mut candidate = Candidate::found(score, address, article);
        // Only FAQ passages (their question) and quoted phrases (the text) need what the
        // passage stores to be scored.
        if is_faq || !self.phrases.is_empty() {
            let has_phrases = self.phrases.is_empty() || {
                let passage = &candidate.load(self.store, self.searcher)?.passage;
                contains_phrases(passage, self.phrases)
            };
            if self.phrases_required && !has_phrases {
                return Ok(None);
            }
            // The question is read alone unless the passage was read for its phrases.
            let question_matches =
                |question: &[String]| question_matches(question, self.query_words, self.initials);
            let faq_matches = is_faq
                && match &candidate.stored {
                    Some(stored) => question_matches(&stored.passage.heading_path),
                    None => question_matches(
                        &self
                            .store
                            .stored_heading(self.searcher, address)?
                            .heading_path,
                    ),
                };
            if faq_matches {
                candidate.boost *= FAQ_BOOST;
                candidate.faq_boosted = true;
            }
            if has_phrases && !self.phrases.is_empty() {
                candidate.boost *= QUOTED_PHRASE_BOOST;
            }
            candidate.score *= candidate.boost;
        }
        Ok(Some(candidate))
    }
}

/// All the filters as one query (`None` without filters).
fn filter_query(filters: &[Box<dyn Query>]) -> Option<Box<dyn Query>> {
    (!filters.is_empty()).then(|| {
        Box::new(BooleanQuery::new(
            filters
                .iter()
                .map(|f| (Occur::Must, f.box_clone()))
                .collect(),
        )) as Box<dyn Query>
    })
}

/// The lexical candidates combined with the passages nearest the query
/// ([`crate::semantic::vectors::nearest`]): each passage's score becomes
/// [`crate::semantic::fused_score`] of its share of the best lexical score, how much of the
/// query it holds (the coverage paired with each candidate) and its similarity, and passages
/// only the vectors found are added.
fn fuse_nearest(
    searcher: &Searcher,
    tables: &crate::semantic::vectors::VectorTables,
    query_vector: &[f32],
    candidates: Vec<(Candidate, f32)>,
    near: Vec<crate::semantic::vectors::Near>,
    boosts: &Boosts,
    columns: &mut PassageColumns,
) -> Result<Vec<Candidate>> {
    let best = candidates.iter().map(|(c, _)| c.score).fold(0.0, f32::max);
    let addresses: Vec<DocAddress> = candidates.iter().map(|(c, _)| c.address).collect();
    let similarities =
        crate::semantic::vectors::similarities(searcher, tables, query_vector, &addresses)?;
    let lexical: HashSet<DocAddress> = addresses.into_iter().collect();
    let mut fused = Vec::with_capacity(candidates.len() + near.len());
    for ((mut candidate, coverage), similarity) in candidates.into_iter().zip(similarities) {
        let share = if best > 0.0 {
            candidate.score / best
        } else {
            0.0
        };
        candidate.score = crate::semantic::fused_score(share, coverage, similarity);
        fused.push(candidate);
    }
    for n in near {
        if !lexical.contains(&n.address)
            && let Some(mut candidate) = boosts.candidate(0.0, n.address, columns)?
        {
            candidate.score = crate::semantic::fused_score(0.0, 0.0, n.similarity);
            fused.push(candidate);
        }
    }
    fused.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(fused)
}

/// Rank the articles whose whole title is the query first: their passages' scores are
/// raised by the best score found, so they keep their own order above every other
/// passage. Those the term clauses did not fetch (up to [`TITLE_MATCH_FETCH`]) are scored
/// by them and added.
#[allow(clippy::too_many_arguments)]
fn add_title_matches(
    title: &dyn Query,
    query: &BuiltQuery,
    on_candidates: &[&dyn Weight],
    stats: &Bm25Statistics,
    searcher: &Searcher,
    boosts: &Boosts,
    columns: &mut PassageColumns,
    candidates: &mut Vec<Candidate>,
) -> Result<()> {
    let matching: HashSet<DocAddress> = searcher
        .search(
            title,
            &TopDocs::with_limit(TITLE_MATCH_FETCH).order_by_score(),
        )?
        .into_iter()
        .map(|(_, address)| address)
        .collect();
    if matching.is_empty() {
        return Ok(());
    }
    let fetched: HashSet<DocAddress> = candidates.iter().map(|c| c.address).collect();
    let mut missing: Vec<(f32, DocAddress)> = matching
        .iter()
        .filter(|address| !fetched.contains(address))
        .map(|&address| (0.0, address))
        .collect();
    if !missing.is_empty() {
        missing.sort_by_key(|&(_, address)| address);
        let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
        // Their score in the union first, as the candidates found by it have theirs.
        let union = query.terms.weight(scoring)?;
        let weights: Vec<&dyn Weight> = std::iter::once(union.as_ref())
            .chain(on_candidates.iter().copied())
            .collect();
        let scores = score_candidates(&missing, &weights, searcher)?;
        for (&(_, address), score) in missing.iter().zip(scores) {
            if let Some(candidate) = boosts.candidate(score, address, columns)? {
                candidates.push(candidate);
            }
        }
    }
    let lift = candidates.iter().map(|c| c.score).fold(0.0, f32::max);
    for candidate in candidates.iter_mut() {
        if matching.contains(&candidate.address) {
            candidate.score += lift;
        }
    }
    Ok(())
}

/// A passage found by the query, before grouping by article: its stored document is read
/// only when needed (FAQ and phrase checks, and the hits finally shown).
struct Candidate {
    score: f32,
    /// Product of the FAQ and quoted-phrase multipliers inside `score`.
    boost: f32,
    /// [`FAQ_BOOST`] is inside `boost`.
    faq_boosted: bool,
    address: DocAddress,
    article: ArticleKey,
    stored: Option<StoredPassage>,
    /// What the article's other passages add ([`add_article_evidence`]), inside `score`.
    article_evidence: f32,
    /// What [`discount_lacked_subjects`] took from `score` (the same share on every passage
    /// of an article; the passage choice works without it).
    subject_discount: f32,
    /// What the passage holds of each query term, once read (every candidate of a lexical
    /// search, [`discount_lacked_subjects`]; with `--semantic`, those fused).
    held: Option<passage::TermMatches>,
}

impl Candidate {
    /// A candidate for a passage found with `score`, nothing added yet.
    fn found(score: f32, address: DocAddress, article: ArticleKey) -> Self {
        Candidate {
            score,
            boost: 1.0,
            faq_boosted: false,
            address,
            article,
            stored: None,
            article_evidence: 0.0,
            subject_discount: 0.0,
            held: None,
        }
    }

    fn load(&mut self, store: &IndexStore, searcher: &Searcher) -> Result<&StoredPassage> {
        if self.stored.is_none() {
            self.stored = Some(store.stored_passage(searcher, self.address)?);
        }
        Ok(self.stored.as_ref().expect("set above"))
    }

    /// The passage's number in its article (0 = first).
    fn passage_no(&self, store: &IndexStore, searcher: &Searcher) -> Result<u64> {
        match &self.stored {
            Some(stored) => Ok(stored.passage_no),
            None => Ok(store.stored_heading(searcher, self.address)?.passage_no),
        }
    }
}

/// Candidates sorted by score: runs of equal scores ordered by article id, then passage
/// number, so equal results come back in one order whatever the index's segment layout.
/// Read from the article keys and addresses alone: an article's passages are written in
/// one batch, in order, so they share a segment and follow each other in it.
fn break_ties(candidates: &mut [Candidate]) {
    let mut start = 0;
    while start < candidates.len() {
        let score = candidates[start].score;
        let end = start
            + candidates[start..]
                .iter()
                .take_while(|c| c.score == score)
                .count();
        candidates[start..end]
            .sort_by(|a, b| (&a.article, a.address).cmp(&(&b.article, b.address)));
        start = end;
    }
}

/// Identifies the article of a found passage without reading stored documents. Keys of one
/// search are all of one kind and sort as the article ids do (a dictionary's ordinals are
/// in the order of its terms).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ArticleKey {
    /// The ordinal of the article id in the fast field's dictionary: one per article when
    /// the index has one segment (the usual case: indexing runs end with a merge).
    Ordinal(u64),
    /// The article id itself, when several segments (each with its own dictionary) may
    /// hold passages of one article.
    Id(String),
}

/// The article key and passage kind of found passages, read from fast fields (opened per
/// segment on first use).
struct PassageColumns<'a> {
    searcher: &'a Searcher,
    segments: Vec<Option<SegmentColumns>>,
}

struct SegmentColumns {
    article_ids: StrColumn,
    /// The article's `updated` day (absent from segments where no article has one).
    updated: Option<tantivy::columnar::Column<u64>>,
    kinds: StrColumn,
    /// Ordinal of `faq` in this segment's kind dictionary (none: no FAQ passage).
    faq: Option<u64>,
}

impl<'a> PassageColumns<'a> {
    fn new(searcher: &'a Searcher) -> Self {
        PassageColumns {
            searcher,
            segments: (0..searcher.segment_readers().len())
                .map(|_| None)
                .collect(),
        }
    }

    /// The article id of a passage.
    fn article_id(&mut self, address: DocAddress) -> Result<String> {
        self.read(address)?;
        let columns = self.segments[address.segment_ord as usize]
            .as_ref()
            .expect("opened by read");
        let ordinal = columns
            .article_ids
            .term_ords(address.doc_id)
            .next()
            .unwrap_or(u64::MAX);
        let mut id = String::new();
        columns
            .article_ids
            .ord_to_str(ordinal, &mut id)
            .map_err(engine_error)?;
        Ok(id)
    }

    /// The `updated` day number of a passage's article (after [`Self::read`]).
    fn updated(&self, address: DocAddress) -> Option<u64> {
        let columns = self.segments[address.segment_ord as usize].as_ref()?;
        columns.updated.as_ref()?.first(address.doc_id)
    }

    /// The article key of a passage and whether it is an FAQ passage.
    fn read(&mut self, address: DocAddress) -> Result<(ArticleKey, bool)> {
        let single_segment = self.segments.len() == 1;
        let slot = &mut self.segments[address.segment_ord as usize];
        if slot.is_none() {
            let fast = self
                .searcher
                .segment_reader(address.segment_ord)
                .fast_fields();
            let column = |name: &str| -> Result<StrColumn> {
                fast.str(name)?.ok_or_else(|| {
                    KbError::Engine(tantivy::TantivyError::SchemaError(format!(
                        "no fast field {name}"
                    )))
                })
            };
            let kinds = column("kind")?;
            let faq = kinds
                .dictionary()
                .term_ord(PassageKind::Faq.name())
                .map_err(engine_error)?;
            *slot = Some(SegmentColumns {
                article_ids: column("article_id")?,
                updated: fast.column_opt::<u64>("updated")?,
                kinds,
                faq,
            });
        }
        let columns = slot.as_ref().expect("set above");
        let ordinal = columns
            .article_ids
            .term_ords(address.doc_id)
            .next()
            .unwrap_or(u64::MAX);
        let key = if single_segment {
            ArticleKey::Ordinal(ordinal)
        } else {
            let mut id = String::new();
            columns
                .article_ids
                .ord_to_str(ordinal, &mut id)
                .map_err(engine_error)?;
            ArticleKey::Id(id)
        };
        let is_faq =
            columns.faq.is_some() && columns.kinds.term_ords(address.doc_id).next() == columns.faq;
        Ok((key, is_faq))
    }
}

pub(super) fn engine_error(error: std::io::Error) -> KbError {
    KbError::Engine(error.into())
}

/// True when the FAQ question holds at least half of the query's (folded) words.
fn question_matches(
    heading_path: &[String],
    query_words: &[String],
    initials: &analysis::Initials,
) -> bool {
    let Some(question) = heading_path.last() else {
        return false;
    };
    if query_words.is_empty() {
        return false;
    }
    // The matching analysis gives the same folded words where they can be the query's.
    let analyzed = analysis::analyze_for_matching(question, None, Some(initials));
    let question_words: std::collections::HashSet<&str> = analyzed
        .form(Form::Folded)
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    let hits = query_words
        .iter()
        .filter(|w| question_words.contains(String::as_str(w)))
        .count();
    hits * 2 >= query_words.len()
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|t| seen.insert(t.clone())).collect()
}

/// The query of a search: BM25 term clauses (and the language filter) that find and rank
/// passages, and the phrase boost added to the passages they find.
struct BuiltQuery {
    /// The clauses searched for candidates (with the filters).
    terms: Box<dyn Query>,
    /// The clauses left out of the union (see [`is_scored_on_candidates`]), with the filters:
    /// they score the candidates found (the filters add nothing), and are searched when the
    /// union runs out of passages.
    later_terms: Option<Box<dyn Query>>,
    /// The same clauses one by one (without the filters), to score the candidates.
    later_clauses: Vec<Box<dyn Query>>,
    /// Every term clause (with the filters): the passages a facet counts.
    all_terms: Box<dyn Query>,
    phrase: Option<BoostQuery>,
    /// The passages of articles whose title key is the query's (with the language filter).
    title: Option<Box<dyn Query>>,
}

/// Every term on every zone × form field, weighted, and the language filter. The sloppy
/// phrase over the query's words is kept apart: a union made only of term clauses is
/// searched with block-max WAND (tantivy skips blocks of documents that cannot reach the
/// top), one holding a phrase clause would score every document holding any query term.
/// The phrase then adds its score to the passages found, which gives the same ranking
/// unless a passage outside the fetched candidates would be lifted into the hits by it.
fn build_query(
    store: &IndexStore,
    analyzed: &analysis::Analyzed,
    expansions: &[(&analysis::Analyzed, f32)],
    title_key: Option<String>,
    filters: &[Box<dyn Query>],
    searcher: &Searcher,
) -> Result<BuiltQuery> {
    let f = store.fields();
    let common_from = (searcher.num_docs() / COMMON_WORD_SHARE).max(COMMON_WORD_DOCS);
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut later: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let query_has_bigrams = analyzed
        .form(Form::Pairs)
        .iter()
        .any(|t| t.text.chars().count() > 1);
    let text_df = |form: Form, text: &str| {
        searcher.doc_freq(&Term::from_field_text(f.analyzed(Zone::Text, form), text))
    };
    for &(terms_of, share) in std::iter::once(&(analyzed, 1.0)).chain(expansions) {
        let inflected = terms_of.inflected_forms();
        let in_ngrams = words_in_ngrams(terms_of);
        let stems = stems_by_place(terms_of);
        let stem_holds_as_many = |folded: &str, df: u64| -> tantivy::Result<bool> {
            for stem in stems.get(folded).into_iter().flatten() {
                if text_df(Form::Words, stem)? >= df {
                    return Ok(true);
                }
            }
            Ok(false)
        };
        for form in Form::ALL {
            let mut terms = unique(terms_of.form(form).iter().map(|t| t.text.clone()));
            terms.truncate(MAX_QUERY_TERMS);
            // Common words that other clauses find only score the passages found: a word
            // inside the query's n-grams (the n-grams themselves stay, even a bigram spelled
            // like a word), and a folded word whose stem in the same place is held by at
            // least as many passages: a Ukrainian lemma or inflected form, an English surface
            // word (every passage holding it holds the stem); a toneless syllable or unmarked
            // word only when its marked form is held by as many, that is the same, passages.
            let mut common: HashSet<&str> = HashSet::new();
            for term in &terms {
                let in_pairs = in_ngrams.contains(term.as_str());
                let may_leave = form != Form::Pairs && (in_pairs || form == Form::Folded);
                if !may_leave {
                    continue;
                }
                let df = text_df(form, term)?;
                if df >= common_from && (in_pairs || stem_holds_as_many(term, df)?) {
                    common.insert(term.as_str());
                }
            }
            for zone in Zone::ALL {
                let field = f.analyzed(zone, form);
                for term in &terms {
                    let clauses = if is_scored_on_candidates(zone, form, term, query_has_bigrams)
                        || common.contains(term.as_str())
                    {
                        &mut later
                    } else {
                        &mut should
                    };
                    let mut weight =
                        share * ZONE_WEIGHTS[zone as usize] * FORM_WEIGHTS[form as usize];
                    if form == Form::Folded && inflected.contains(term.as_str()) {
                        weight *= INFLECTED_FORM_SHARE;
                    }
                    let query = TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    );
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(query), weight)),
                    ));
                }
            }
        }
    }
    let words: Vec<Term> = analyzed
        .form(Form::Words)
        .iter()
        .map(|t| Term::from_field_text(f.analyzed(Zone::Text, Form::Words), &t.text))
        .collect();
    let phrase = (words.len() >= 2 && words.len() <= 16).then(|| {
        let mut phrase = PhraseQuery::new(words);
        phrase.set_slop(2);
        BoostQuery::new(Box::new(phrase), PHRASE_BOOST)
    });
    // Filters must match but add nothing to the score (their boost is 0).
    let filtered = |query: Box<dyn Query>| -> Box<dyn Query> {
        if filters.is_empty() {
            return query;
        }
        let mut clauses = vec![(Occur::Must, query)];
        clauses.extend(filters.iter().map(|f| (Occur::Must, f.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    };
    let title = title_key.map(|key| {
        filtered(Box::new(TermQuery::new(
            Term::from_field_text(f.title_key, &key),
            IndexRecordOption::Basic,
        )))
    });
    // A query made only of clauses scored later searches them all.
    if should.is_empty() {
        should = std::mem::take(&mut later);
    }
    let all: Vec<(Occur, Box<dyn Query>)> = should
        .iter()
        .chain(&later)
        .map(|(occur, query)| (*occur, query.box_clone()))
        .collect();
    let later_clauses = later.iter().map(|(_, query)| query.box_clone()).collect();
    let later_terms = (!later.is_empty()).then(|| filtered(Box::new(BooleanQuery::new(later))));
    Ok(BuiltQuery {
        terms: filtered(Box::new(BooleanQuery::new(should))),
        later_terms,
        later_clauses,
        all_terms: filtered(Box::new(BooleanQuery::new(all))),
        phrase,
        title,
    })
}

/// Whether a term clause is left out of the candidate search and only scored on the
/// candidates found (its score is added to theirs, as the phrase's is).
///
/// Block-max WAND's cost grows with the number of clauses and their posting lists, and two
/// kinds weigh much and decide little: title clauses (a fifth of the weight, the same on
/// every passage of an article: a third of all clauses) and single Chinese characters
/// when the query has bigrams (the longest posting lists; the bigrams and words hold the
/// same characters). Measured at 100k generated passages, k = 10, for this change alone:
/// query p99 34.7 → 11.6 ms (Chinese 42–45 → 12 ms), p50 4.0 → 3.5 ms; nDCG@10 of the six
/// public sets unchanged to 4 decimals, with k = 10 and k = 100 (and their top hit the same
/// on every query).
fn is_scored_on_candidates(zone: Zone, form: Form, term: &str, query_has_bigrams: bool) -> bool {
    zone == Zone::Title
        || (query_has_bigrams
            && form == Form::Pairs
            && term.chars().count() == 1
            && term.chars().all(analysis::script::is_han))
}

/// The words of a query (in the words and folded forms) that every time they occur lie
/// inside its n-grams: Vietnamese syllables inside syllable pairs (`dich_vu`), Chinese
/// words inside bigrams.
fn words_in_ngrams(analyzed: &analysis::Analyzed) -> HashSet<&str> {
    let ngrams: Vec<&analysis::Term> = (analyzed.form(Form::Pairs).iter())
        .filter(|p| p.text.contains('_') || p.text.chars().count() > 1)
        .collect();
    if ngrams.is_empty() {
        return HashSet::new();
    }
    // Which bytes of the query the n-grams cover (linear: a pasted megabyte is a query too).
    let end = ngrams.iter().map(|p| p.end).max().unwrap_or(0);
    let mut in_ngram = vec![false; end];
    for p in &ngrams {
        in_ngram[p.start..p.end].fill(true);
    }
    let covered = |t: &analysis::Term| {
        t.end <= end && t.start < t.end && in_ngram[t.start..t.end].iter().all(|&b| b)
    };
    let mut outside = HashSet::new();
    let mut inside = HashSet::new();
    for form in [Form::Words, Form::Folded] {
        for t in analyzed.form(form) {
            if covered(t) {
                inside.insert(t.text.as_str());
            } else {
                outside.insert(t.text.as_str());
            }
        }
    }
    inside.retain(|t| !outside.contains(t));
    inside
}

/// The words-form terms (stems) found at the place of each folded term of `analyzed`.
fn stems_by_place(analyzed: &analysis::Analyzed) -> HashMap<&str, Vec<&str>> {
    let mut at_place: HashMap<(usize, usize), Vec<&str>> = HashMap::new();
    for t in analyzed.form(Form::Words) {
        at_place.entry((t.start, t.end)).or_default().push(&t.text);
    }
    let mut stems: HashMap<&str, Vec<&str>> = HashMap::new();
    for t in analyzed.form(Form::Folded) {
        if let Some(found) = at_place.get(&(t.start, t.end)) {
            let of_term = stems.entry(t.text.as_str()).or_default();
            for stem in found {
                if !of_term.contains(stem) {
                    of_term.push(stem);
                }
            }
        }
    }
    stems
}

/// The score of each found passage: its score in the union (given with it), plus, in this
/// order, the scores of the weights scored on the candidates only (the phrase, the clauses
/// left out of the union). Every candidate is scored by this one sum, however it was found.
fn score_candidates(
    found: &[(f32, DocAddress)],
    on_candidates: &[&dyn Weight],
    searcher: &Searcher,
) -> Result<Vec<f32>> {
    let mut scores: Vec<f32> = found.iter().map(|&(score, _)| score).collect();
    let addresses: Vec<DocAddress> = found.iter().map(|&(_, address)| address).collect();
    let order = passage::segment_order(&addresses);
    for &weight in on_candidates {
        let added = passage::scores_of(weight, 1.0, searcher, &addresses, &order)?;
        for (score, added) in scores.iter_mut().zip(added) {
            *score += added.unwrap_or(0.0);
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use crate::analysis::{self, Form, Lang};
    use crate::index::Zone;
    use crate::{Article, KnowledgeBase, SearchRequest};
    use tantivy::Term;

    fn first_hit(kb: &KnowledgeBase, request: SearchRequest) -> String {
        let hits = kb.search(&request).unwrap().hits;
        hits.first().expect("a hit").article_id.clone()
    }

    /// Section pages with a short title that longer pages use more often, in four languages,
    /// and 80 English pages about security, so that the term clauses alone do not fetch the
    /// page titled "Security" among their candidates.
    fn help_center() -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        let mut articles = vec![
            Article::new(
                "security",
                "Security",
                "This section explains how to keep your account and your data safe.",
            )
            .with_lang("en"),
            Article::new(
                "security-checklist",
                "Security checklist",
                "A security checklist: security keys, security questions and security alerts.",
            )
            .with_lang("en"),
            Article::new("zh-account", "帳戶安全", "本頁說明如何保護你的帳戶。")
                .with_lang("zh-Hant"),
            Article::new(
                "zh-account-settings",
                "帳戶安全設定",
                "帳戶安全設定：開啟兩步驗證，帳戶安全提醒和帳戶安全檢查。",
            )
            .with_lang("zh-Hant"),
            Article::new(
                "uk-payment",
                "Оплата",
                "Тут зібрано відповіді про рахунки та чеки.",
            )
            .with_lang("uk"),
            Article::new(
                "uk-card",
                "Оплата карткою",
                "Оплата карткою: оплата у застосунку, оплата на сайті, помилки оплати.",
            )
            .with_lang("uk"),
            Article::new(
                "vi-security",
                "Bảo mật",
                "Trang này giới thiệu các cài đặt tài khoản.",
            )
            .with_lang("vi"),
            Article::new(
                "vi-account",
                "Bảo mật tài khoản",
                "Bảo mật tài khoản: bảo mật hai lớp, bảo mật mật khẩu và cảnh báo bảo mật.",
            )
            .with_lang("vi"),
        ];
        for n in 0..80 {
            articles.push(
                Article::new(
                    format!("note-{n}"),
                    format!("Security note {n}"),
                    format!(
                        "Security note {n}: security review number {n} found security settings \
                         to change; security teams read security logs every {n} days."
                    ),
                )
                .with_lang("en"),
            );
        }
        for article in articles {
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    #[test]
    fn the_words_inside_pairs_and_bigrams_are_known() {
        let vi = analysis::analyze("dịch vụ khách hàng", Some(Lang::Vi));
        let inside = super::words_in_ngrams(&vi);
        for word in ["dịch", "dich", "khách", "khach", "hàng", "hang"] {
            assert!(inside.contains(word), "{word}: {inside:?}");
        }
        // One syllable has no pair; a word also typed alone is not always inside one.
        assert!(super::words_in_ngrams(&analysis::analyze("dịch", Some(Lang::Vi))).is_empty());
        let zh = analysis::analyze("客服经理 KPI", None);
        let inside = super::words_in_ngrams(&zh);
        assert!(
            inside.contains("客服") && inside.contains("经理"),
            "{inside:?}"
        );
        assert!(!inside.contains("kpi"), "{inside:?}");
        assert!(super::words_in_ngrams(&analysis::analyze("reset password", None)).is_empty());
    }

    /// Over a thousand passages share the pair "vào năm": its syllables only score the
    /// candidates, but the rare word beside them still finds the one passage holding it
    /// in none of the query's pairs.
    #[test]
    fn a_rare_word_beside_a_common_pair_still_finds_its_passage() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let mut articles = vec![
            Article::new(
                "nixon",
                "Tổng thống",
                "Năm 1974, Nixon rời Nhà Trắng sau vụ Watergate.",
            )
            .with_lang("vi"),
        ];
        for n in 0..(super::COMMON_WORD_DOCS + 50) {
            articles.push(
                Article::new(
                    format!("su-kien-{n}"),
                    format!("Sự kiện {n}"),
                    format!("Sự kiện số {n} xảy ra vào năm {}.", 1900 + n),
                )
                .with_lang("vi"),
            );
        }
        for outcome in kb.upsert_many(articles).unwrap() {
            outcome.unwrap();
        }
        kb.commit().unwrap();
        let query = "Nixon từ chức vào năm nào?";
        assert!(super::words_in_ngrams(&analysis::analyze(query, Some(Lang::Vi))).contains("nam"));
        assert_eq!(first_hit(&kb, SearchRequest::new(query)), "nixon");
        // The common syllables still score: of the events, the year asked for ranks first.
        let hits = kb
            .search(&SearchRequest::new("sự kiện số 7 vào năm 1907"))
            .unwrap()
            .hits;
        assert_eq!(hits[0].article_id, "su-kien-7");
    }

    /// Where a query's text-zone terms go over `COMMON_WORD_DOCS + 50` passages of `lang`
    /// made by `body(n)`: `(term, form)` → `(in the union, scored on the candidates)`.
    fn clauses_over(
        lang: &str,
        body: impl Fn(u64) -> String,
        query: &str,
        terms: &[(&str, Form)],
    ) -> Vec<(bool, bool)> {
        let chrome = crate::ingest::clean::ChromeModel::default();
        let articles: Vec<_> = (0..(super::COMMON_WORD_DOCS + 50))
            .map(|n| {
                let article = Article::new(format!("a-{n}"), format!("{n}"), body(n));
                crate::ingest::prepare(article.with_lang(lang), &chrome).unwrap()
            })
            .collect();
        let store = crate::index::testing::store_with(&articles);
        let searcher = store.searcher();
        let analyzed = analysis::analyze(query, Lang::parse(lang).ok());
        let none = analysis::Analyzed::default();
        let built =
            super::build_query(&store, &analyzed, &[(&none, 0.5)], None, &[], &searcher).unwrap();
        let (union, later) = (
            format!("{:?}", built.terms),
            format!("{:?}", built.later_clauses),
        );
        let f = store.fields();
        (terms.iter())
            .map(|&(text, form)| {
                let term = Term::from_field_text(f.analyzed(Zone::Text, form), text);
                let term = format!("{term:?}");
                (union.contains(&term), later.contains(&term))
            })
            .collect()
    }

    #[test]
    fn a_bigram_spelled_like_a_common_word_stays_in_the_union() {
        // 客服 is a jieba word inside its own bigram: the word, held by every passage, only
        // scores the candidates; the bigram (same text, pairs field) keeps finding them.
        let body = |n| format!("第{n}号工单由客服处理。");
        let query = "客服";
        assert!(
            super::words_in_ngrams(&analysis::analyze(query, Some(Lang::ZhHans))).contains(query)
        );
        let terms = [(query, Form::Pairs), (query, Form::Words)];
        let placed = clauses_over("zh-Hans", body, query, &terms);
        assert_eq!(placed, [(true, false), (false, true)]);
    }

    #[test]
    fn a_common_folded_word_leaves_the_union_to_its_stem() {
        // Every passage holds "листами": the surface form and its lemma "лист" (folded) only
        // reward the passages found by their stem (words), which every one of them holds.
        let body = |n| format!("Відповідь номер {n} надіслано листами.");
        let query = "листами";
        let analyzed = analysis::analyze(query, Some(Lang::Uk));
        assert!(analyzed.inflected_forms().contains(query));
        let lemma = (analyzed.form(Form::Folded).iter())
            .find(|t| t.text != query)
            .unwrap()
            .text
            .clone();
        let stem = analyzed.form(Form::Words)[0].text.clone();
        let terms = [
            (query, Form::Folded),
            (lemma.as_str(), Form::Folded),
            (stem.as_str(), Form::Words),
        ];
        let placed = clauses_over("uk", body, query, &terms);
        assert_eq!(placed, [(false, true), (false, true), (true, false)]);
        // Below the floor, the forms keep their clauses.
        let few = clauses_over("uk", |n| format!("Запит номер {n} закрито."), query, &terms);
        assert_eq!(few, [(true, false), (true, false), (true, false)]);
        // English: the surface word beside its stem.
        let terms = [("refunds", Form::Folded), ("refund", Form::Words)];
        let body = |n| format!("Order {n} got two refunds.");
        let placed = clauses_over("en", body, "refunds", &terms);
        assert_eq!(placed, [(false, true), (true, false)]);
    }

    #[test]
    fn a_toneless_word_held_beyond_its_toned_form_keeps_its_clause() {
        // "ban" (folded) is in every passage, "bàn" (words) in half: the toneless form finds
        // passages (those with "bán") that the toned one does not.
        let body = |n| {
            let word = if n % 2 == 0 { "bàn" } else { "bán" };
            format!("Cửa hàng số {n} {word} gỗ.")
        };
        let terms = [("ban", Form::Folded), ("bàn", Form::Words)];
        let placed = clauses_over("vi", body, "bàn", &terms);
        assert_eq!(placed, [(true, false), (true, false)]);
    }

    #[test]
    fn a_passage_held_only_by_its_title_is_still_found() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, title, body) in [
            (
                "billing",
                "Billing",
                "Invoices are sent on the first day of each month.",
            ),
            (
                "orders",
                "Orders",
                "A refund takes five working days to reach your card.",
            ),
            ("zh-a", "退款政策", "客户可以在七天内申请。"),
            ("zh-b", "账户", "退款会在五个工作日内到账。"),
        ] {
            kb.upsert(Article::new(id, title, body)).unwrap();
        }
        kb.commit().unwrap();
        for (query, expected) in [
            ("billing refund", ["orders", "billing"]),
            ("政策 到账", ["zh-b", "zh-a"]),
        ] {
            let results = kb.search(&SearchRequest::new(query)).unwrap();
            let ids: Vec<&str> = results.hits.iter().map(|h| h.article_id.as_str()).collect();
            for id in expected {
                assert!(ids.contains(&id), "{query:?} lost {id}: {ids:?}");
            }
        }
    }

    #[test]
    fn a_query_without_a_language_is_also_stemmed_in_the_index_s_other_languages() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, lang, title, body) in [
            (
                "ru-address",
                "ru",
                "Как изменить адрес доставки",
                "Откройте заказ и нажмите «Изменить адрес». Адрес можно изменить до отправки заказа.",
            ),
            (
                "uk-address",
                "uk",
                "Як змінити адресу доставки",
                "Відкрийте замовлення й натисніть «Змінити адресу» до відправлення.",
            ),
            (
                "de-password",
                "de",
                "Passwort ändern",
                "Öffnen Sie die Einstellungen und wählen Sie Passwort ändern.",
            ),
            (
                "en-password",
                "en",
                "Change your password",
                "Open the settings and choose Change password.",
            ),
        ] {
            kb.upsert(Article::new(id, title, body).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        let search = |query: &str| kb.search(&SearchRequest::new(query)).unwrap();
        // Analyzed as Ukrainian alone, "адресов" and "изменение" match no Russian stem.
        for (query, expected) in [
            ("ИЗМЕНЕНИЕ АДРЕСОВ", "ru-address"),
            ("адресов доставки", "ru-address"),
            ("Passwörter Einstellung", "de-password"),
            // A Ukrainian query's letters keep Russian stems out of it.
            ("зміна адреси", "uk-address"),
            ("changing passwords", "en-password"),
        ] {
            let results = search(query);
            assert_eq!(results.hits[0].article_id, expected, "{query}");
            // The word its language's stem finds is not taken for a typo.
            let corrected = &results.hits[0].corrected;
            assert!(corrected.is_empty(), "{query}: {corrected:?}");
        }
    }

    #[test]
    fn a_question_in_one_chinese_region_s_words_finds_the_other_s_page() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, lang, title, body) in [
            (
                "tw-ssh-keys",
                "zh-Hant",
                "SSH 金鑰操作",
                "## 重新命名\n更新現有 SSH 金鑰後，該金鑰會立即重新命名。\n\n## 刪除\n刪除 SSH 金鑰後，該金鑰在您先前使用它配置的任何實例上仍然可用，並且您可以使用它來登入。",
            ),
            (
                "cn-ecs-password",
                "zh-Hans",
                "修改实例登录密码",
                "## 注意事项\n绑定密钥对会导致密码方式自动失效，您必须再次修改实例登录密码，实例才能同时支持密钥对和密码登录。",
            ),
            (
                "cn-dnd",
                "zh-Hans",
                "请勿打扰",
                "为工作区设置默认请勿打扰时间后，成员仍然可以更改各自的时间。",
            ),
            (
                "tw-data-plan",
                "zh-Hant",
                "4G 輕享方案",
                "行動上網用量達 70% 及 98% 時，會發送雙向簡訊提醒用戶。",
            ),
            (
                "tw-profile",
                "zh-Hant",
                "個人資料",
                "您可以在個人資料頁面設定時間與提醒方式。",
            ),
        ] {
            kb.upsert(Article::new(id, title, body).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        for (query, expected, regional) in [
            // Mainland words (密钥, 登录) for a Taiwanese page (金鑰, 登入), and the
            // reverse (設定 預設 for 设置 默认), in either script.
            (
                "删除SSH密钥后，已经建好的实例还能登录吗？",
                "tw-ssh-keys",
                "金钥",
            ),
            ("設定預設勿擾時間", "cn-dnd", "设置"),
            ("流量用到多少会发短信提醒？", "tw-data-plan", "简讯"),
        ] {
            let results = kb.search(&SearchRequest::new(query)).unwrap();
            let top = &results.hits[0];
            assert_eq!(top.article_id, expected, "{query}: {:?}", results.hits);
            assert!(
                results.regional.iter().any(|w| w == regional),
                "{query}: {:?}",
                results.regional
            );
        }
        let results = kb
            .search(&SearchRequest::new(
                "删除SSH密钥后，已经建好的实例还能登录吗？",
            ))
            .unwrap();
        assert!(
            results.hits[0].text.contains("仍然可用"),
            "{:?}",
            results.hits[0]
        );
        // A query both regions write alike searches its own words only.
        assert!(
            kb.search(&SearchRequest::new("成员更改时间"))
                .unwrap()
                .regional
                .is_empty()
        );
    }

    #[test]
    fn korean_words_with_particles_and_endings_find_their_page() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, title, body) in [
            (
                "ko-password",
                "비밀번호 변경",
                "설정 화면에서 비밀번호 변경을 선택하세요. 새 비밀번호는 8자 이상이어야 합니다.",
            ),
            (
                "ko-refund",
                "환불 정책",
                "구매 후 30일 이내에 전액 환불을 요청할 수 있습니다. 고객센터에 문의하세요.",
            ),
        ] {
            kb.upsert(Article::new(id, title, body)).unwrap();
        }
        kb.commit().unwrap();
        // No word of these queries is written as the pages write it.
        for (query, expected) in [
            ("비밀번호를 변경하려면", "ko-password"),
            ("환불은 어떻게 요청하나요", "ko-refund"),
        ] {
            let hits = kb.search(&SearchRequest::new(query)).unwrap().hits;
            assert_eq!(
                hits.first().map(|h| h.article_id.as_str()),
                Some(expected),
                "{query}"
            );
        }
    }

    #[test]
    fn a_query_that_is_a_whole_title_finds_that_page_first() {
        let kb = help_center();
        for (query, expected) in [
            ("security", "security"),
            ("SECURITY", "security"),
            ("Security checklist", "security-checklist"),
            // Simplified query for the Traditional title.
            ("帐户安全", "zh-account"),
            ("帳戶安全設定", "zh-account-settings"),
            ("оплата", "uk-payment"),
            ("Оплата карткою", "uk-card"),
            // Without tones.
            ("bao mat", "vi-security"),
            ("Bảo mật tài khoản", "vi-account"),
        ] {
            assert_eq!(
                first_hit(&kb, SearchRequest::new(query)),
                expected,
                "{query}"
            );
        }
    }

    /// A Ukrainian section longer than a passage holds one query word in each half; two
    /// short articles hold one of the words each.
    #[test]
    fn a_section_cut_in_two_ranks_by_what_both_halves_hold() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let first = "Закон передбачає запровадження документів для виїзду за кордон з \
                     електронним носієм біометричної інформації, що є обов'язковим міжнародним \
                     стандартом. ";
        let middle = "Реєстр населення сприятиме точнішому обліку міграційних переміщень і \
                      прийняттю краще обґрунтованих політичних рішень у сфері міграції. \
                      Оскільки в реєстрі міститиметься вся інформація про ідентифікаційні \
                      документи, що видаються в Україні, це унеможливить їх підробку. \
                      Дані реєстру передаються до консульських установ за кордоном, які \
                      перевіряють особу заявника під час видачі паспорта. \
                      Строк зберігання записів визначає окрема постанова уряду, ухвалена \
                      після громадського обговорення проєкту. \
                      Доступ до реєстру мають лише уповноважені працівники міграційної служби, \
                      а кожен запит до нього записується в журнал. ";
        let second = "Громадські об'єднання мігрантів беруть участь в обговоренні порядку \
                      видачі документів і подають свої пропозиції до міністерства.";
        let body = format!("{first}{middle}{second}");
        assert!(body.chars().count() > crate::ingest::sections::MAX_PASSAGE_CHARS);
        let standards = "Регіональна політика спирається на міжнародні стандарти врядування.";
        let unions = "Профспілкові об'єднання провели щорічну конференцію у Львові.";
        for article in [
            Article::new("split", "Реєстр населення", body).with_lang("uk"),
            Article::new("standards", "Регіональна політика", standards).with_lang("uk"),
            Article::new("unions", "Конференція", unions).with_lang("uk"),
        ] {
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        let passages = kb.get("split").unwrap().expect("stored").passages.len();
        assert!(passages >= 2, "{passages}");
        // Other forms of both words than the text holds (стандартом, об'єднання).
        assert_eq!(
            first_hit(&kb, SearchRequest::new("стандарт об'єднань")),
            "split"
        );
    }

    /// Two near-copies of one page, for two roles (the query names one role and an aspect
    /// that the other role's page puts in a short heading of its own), among pages on
    /// other topics in the same language.
    fn role_pages(lang: &str, pages: [(&str, &str, &str); 2], others: &[&str]) -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, title, body) in pages {
            kb.upsert(Article::new(id, title, body).with_lang(lang))
                .unwrap();
        }
        for (n, text) in others.iter().enumerate() {
            kb.upsert(Article::new(format!("other-{n}"), *text, *text).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    #[test]
    fn an_article_that_never_names_the_querys_subject_does_not_answer_it() {
        let cases = [
            (
                "zh-Hant",
                [
                    (
                        "ops",
                        "什麼是客戶服務運營經理?",
                        "## 職責\n客戶服務運營經理負責整個客戶服務部門的日常運營。\n\
                         ## 客戶意見管理\n收集和分析客戶反饋,以了解他們的需求和期望,並據此改進服務。\n\
                         ## 預算管理\n客戶服務運營經理管理部門預算,確保資源得到有效分配。",
                    ),
                    (
                        "lead",
                        "什麼是客戶服務團隊負責人?",
                        "## 職責\n客戶服務團隊負責人指導一線代表的日常工作。\n\
                         ## 反饋收集\n收集客戶反饋。\n\
                         ## 排班\n安排團隊成員的班次,確保高峰時段有足夠人手。",
                    ),
                ],
                "客服运营经理怎么收集客户反馈",
                &[
                    "如何重設密碼?",
                    "退款需要多久?",
                    "如何更改送貨地址?",
                    "發票在哪裡下載?",
                    "如何關閉帳戶?",
                    "客戶可以用哪些方式付款?",
                ][..],
            ),
            (
                "en",
                [
                    (
                        "ops",
                        "What is a customer service operations manager?",
                        "## Duties\nThe operations manager runs the whole support department.\n\
                         ## Handling customer opinions\nGather and study customer feedback to learn \
                         what customers need, and improve the service with it.\n\
                         ## Budget\nThe operations manager plans the department budget.",
                    ),
                    (
                        "lead",
                        "What is a support team lead?",
                        "## Duties\nA team lead guides the agents day to day.\n\
                         ## Customer feedback\nCollect customer feedback.\n\
                         ## Shifts\nPlan the shifts so that rush hours are covered.",
                    ),
                ],
                "operations manager collect customer feedback",
                &[
                    "How do I reset my password?",
                    "How long does a refund take?",
                    "How do I change the delivery address?",
                    "Where can I download an invoice?",
                    "How do I close my account?",
                    "Which payment methods can customers use?",
                ][..],
            ),
            (
                "uk",
                [
                    (
                        "ops",
                        "Хто такий операційний менеджер служби підтримки?",
                        "## Обов'язки\nОпераційний менеджер керує всім відділом підтримки.\n\
                         ## Думки клієнтів\nЗбирайте та аналізуйте відгуки клієнтів, щоб \
                         зрозуміти їхні потреби й покращити обслуговування.\n\
                         ## Бюджет\nОпераційний менеджер планує бюджет відділу.",
                    ),
                    (
                        "lead",
                        "Хто такий керівник команди підтримки?",
                        "## Обов'язки\nКерівник команди щодня спрямовує операторів.\n\
                         ## Відгуки клієнтів\nЗбір відгуків клієнтів.\n\
                         ## Зміни\nПлануйте зміни так, щоб години пік були покриті.",
                    ),
                ],
                "операційний менеджер відгуки клієнтів",
                &[
                    "Як змінити пароль?",
                    "Скільки триває повернення коштів?",
                    "Як змінити адресу доставки?",
                    "Де завантажити рахунок?",
                    "Як закрити обліковий запис?",
                    "Якими способами клієнти можуть платити?",
                ][..],
            ),
            (
                "vi",
                [
                    (
                        "ops",
                        "Quản lý vận hành dịch vụ khách hàng là gì?",
                        "## Nhiệm vụ\nQuản lý vận hành điều hành toàn bộ phòng dịch vụ khách hàng.\n\
                         ## Ý kiến của khách\nThu thập và phân tích phản hồi khách hàng để hiểu \
                         nhu cầu của họ và cải thiện dịch vụ.\n\
                         ## Ngân sách\nQuản lý vận hành lập ngân sách của phòng.",
                    ),
                    (
                        "lead",
                        "Trưởng nhóm hỗ trợ là gì?",
                        "## Nhiệm vụ\nTrưởng nhóm hướng dẫn nhân viên mỗi ngày.\n\
                         ## Phản hồi khách hàng\nThu thập phản hồi khách hàng.\n\
                         ## Ca làm việc\nSắp xếp ca làm việc cho giờ cao điểm.",
                    ),
                ],
                "quản lý vận hành thu thập phản hồi khách hàng",
                &[
                    "Làm sao đổi mật khẩu?",
                    "Hoàn tiền mất bao lâu?",
                    "Làm sao đổi địa chỉ giao hàng?",
                    "Tải hóa đơn ở đâu?",
                    "Làm sao đóng tài khoản?",
                    "Khách hàng có thể thanh toán bằng cách nào?",
                ][..],
            ),
        ];
        for (lang, pages, query, others) in cases {
            let kb = role_pages(lang, pages, others);
            let hits = kb.search(&SearchRequest::new(query)).unwrap().hits;
            let top = hits.first().expect("a hit");
            assert_eq!(top.article_id, "ops", "{lang} {query}: {hits:#?}");
            assert!(
                top.heading_path.len() == 1 && top.heading_path[0] != "職責",
                "{top:?}"
            );
        }
    }

    #[test]
    fn the_form_typed_does_not_outweigh_the_other_query_words() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let mut articles = vec![
            // The first query word in the very form typed, the second not at all …
            Article::new(
                "letters",
                "Музей",
                "Директор музею неодноразово листами повідомляв районну раду про стан \
                 старого будинку.",
            ),
            // … against both words, in other forms (листи, спільнотою).
            Article::new(
                "community",
                "Кореспонденція",
                "Відповіді на листи забирають багато часу, тому потрібна співпраця зі \
                 спільнотою краєзнавців.",
            ),
        ];
        // Two more passages use спільнота, so it weighs less than лист: with the typed form
        // at the full folded weight, `letters` ranked first.
        for (n, text) in [
            "Спільнота села зібралася на толоку біля школи.",
            "Місцева спільнота підтримала ремонт бібліотеки.",
        ]
        .into_iter()
        .enumerate()
        {
            articles.push(Article::new(format!("filler-{n}"), "Новини", text));
        }
        for article in articles {
            kb.upsert(article.with_lang("uk")).unwrap();
        }
        kb.commit().unwrap();
        assert_eq!(
            first_hit(&kb, SearchRequest::new("листами спільнота")),
            "community"
        );
        // Passages otherwise alike: the one holding the form typed still ranks first.
        assert_eq!(first_hit(&kb, SearchRequest::new("листами")), "letters");
    }

    #[test]
    fn a_partial_title_gets_no_lift_and_the_language_filter_holds() {
        let kb = help_center();
        // "security keys" is no page's whole title: the page that holds the words wins.
        assert_eq!(
            first_hit(&kb, SearchRequest::new("security keys")),
            "security-checklist"
        );
        let hits = kb
            .search(&SearchRequest::new("security").lang("vi"))
            .map(|r| r.hits)
            .unwrap_or_default();
        assert!(hits.iter().all(|h| h.lang == "vi"), "{hits:?}");
    }
}
