//! Filters, facets and freshness: what an article declares about itself (tags, category,
//! language, any front-matter or JSON key, dates) narrows a search, is counted over its
//! matches, and may lift recent articles.
//!
//! Every passage carries its article's values as `key=value` terms ([`label`]: keys
//! lower-cased, values compared like query text, so `--tag Billing` finds `billing`). A
//! filter is a term that must match and adds nothing to the score, so filters never change
//! the order of what remains. Facet counts are numbers of *articles* among all the passages
//! the query (with its filters) matches.
//!
//! ```
//! use kbsearch::{Article, KnowledgeBase, SearchRequest};
//!
//! let kb = KnowledgeBase::in_memory()?;
//! kb.upsert(Article::new("a", "Refunds", "How refunds reach your card.").with_tags(["billing"]))?;
//! kb.upsert(Article::new("b", "Refund policy", "Refunds for shop orders.").with_tags(["shop"]))?;
//! kb.commit()?;
//! let mut request = SearchRequest::new("refunds");
//! request.filters.tags = vec!["Billing".into()];
//! request.facets = vec!["tag".into()];
//! let results = kb.search(&request)?;
//! assert_eq!(results.hits.len(), 1);
//! assert_eq!(results.hits[0].article_id, "a");
//! assert_eq!(results.facets["tag"][0].value, "billing");
//! # Ok::<(), kbsearch::KbError>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{BoostQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::suggest::terms_with_prefix;
use crate::analysis;
use crate::article::Article;
use crate::error::{KbError, Result};
use crate::index::Fields;

/// The facets counted when a request asks for facets without naming them.
pub const DEFAULT_FACETS: [&str; 3] = ["lang", "tag", "category"];

/// Values shown per facet, most frequent first.
pub const MAX_FACET_VALUES: usize = 50;

/// Score lift of an article updated today under [`Filters`]' recency preference: its
/// passages' scores are multiplied by `1 + RECENCY_LIFT · 2^(−age / half-life)`, so an
/// article one half-life old gets half of it and an undated one none. Bounded, so recency
/// reorders close answers but never lifts an unrelated page above the answer.
pub const RECENCY_LIFT: f32 = 0.25;

/// What the articles of a search's hits must have. All conditions must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// Tags the article must all have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The article's category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Metadata the article must have, `(key, value)`: any front-matter or JSON key, or
    /// `tag`, `category`, `lang`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meta: Vec<(String, String)>,
    /// Only articles updated on or after this day (YYYY-MM-DD); undated articles are left
    /// out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_after: Option<String>,
}

impl Filters {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.category.is_none()
            && self.meta.is_empty()
            && self.updated_after.is_none()
    }

    /// Every condition as `(key, value)`.
    fn conditions(&self) -> impl Iterator<Item = (&str, &str)> {
        let tags = self.tags.iter().map(|t| ("tag", t.as_str()));
        let category = self.category.iter().map(|c| ("category", c.as_str()));
        let meta = self.meta.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        tags.chain(category).chain(meta)
    }

    /// The `updated_after` day, or the error naming a malformed date.
    pub(crate) fn updated_after_day(&self) -> Result<Option<Day>> {
        let Some(date) = &self.updated_after else {
            return Ok(None);
        };
        Day::parse(date).map(Some).ok_or_else(|| {
            KbError::InvalidRequest(format!(
                "updated_after: expected a date like 2025-05-06, found {date:?}"
            ))
        })
    }

    /// The filter clauses: each must match, none scores. Errors name a malformed date.
    pub(crate) fn clauses(&self, fields: &Fields) -> Result<Vec<Box<dyn Query>>> {
        let mut clauses: Vec<Box<dyn Query>> = self
            .conditions()
            .map(|(key, value)| -> Box<dyn Query> {
                let term = Term::from_field_text(fields.labels, &label(key, value));
                Box::new(TermQuery::new(term, IndexRecordOption::Basic))
            })
            .collect();
        if let Some(day) = self.updated_after_day()? {
            clauses.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(fields.updated, day.number())),
                Bound::Unbounded,
            )));
        }
        Ok(clauses
            .into_iter()
            .map(|clause| -> Box<dyn Query> { Box::new(BoostQuery::new(clause, 0.0)) })
            .collect())
    }

    /// Why a filtered search found nothing: each condition no article meets, with what the
    /// index does hold for that key.
    pub(crate) fn explain_empty(
        &self,
        searcher: &Searcher,
        fields: &Fields,
    ) -> Result<Vec<String>> {
        let mut notes = Vec::new();
        for (key, value) in self.conditions() {
            let term = Term::from_field_text(fields.labels, &label(key, value));
            if searcher.doc_freq(&term)? > 0 {
                continue;
            }
            let prefix = label_key(key);
            let known: Vec<String> = terms_with_prefix(searcher, fields.labels, &prefix)?
                .into_keys()
                .take(5)
                .map(|label| label[prefix.len()..].to_owned())
                .collect();
            notes.push(if known.is_empty() {
                format!("no article has the key {key:?}")
            } else {
                format!(
                    "no article has {key} = {value:?} (values of {key}: {})",
                    known.join(", ")
                )
            });
        }
        if notes.is_empty() && !self.is_empty() {
            notes.push("no passage matches both the query and the filters".to_string());
        }
        Ok(notes)
    }
}

/// The filter term of `key` = `value`: the key lower-cased, the value normalized like
/// query text ([`analysis::normalize_for_matching`]: case, width, tones, Chinese script,
/// apostrophes and spaces do not matter).
pub fn label(key: &str, value: &str) -> String {
    format!(
        "{}{}",
        label_key(key),
        analysis::normalize_for_matching(value)
    )
}

/// `key=value` as facet counts show it: only case, width and spaces folded, so a value
/// keeps its tones and script and, passed back as a filter, finds the same articles.
pub fn facet_label(key: &str, value: &str) -> String {
    let value = analysis::normalize::lowercase_nfkc(value);
    let value: Vec<&str> = value.split_whitespace().collect();
    format!("{}{}", label_key(key), value.join(" "))
}

/// `key=` as labels start (the key lower-cased and trimmed).
fn label_key(key: &str) -> String {
    format!("{}=", key.trim().to_lowercase())
}

/// The labels of an article (its tags, category, language and metadata) made by `make`
/// ([`label`] or [`facet_label`]), sorted, each once.
pub(crate) fn labels_of(
    article: &Article,
    lang: &str,
    make: fn(&str, &str) -> String,
) -> Vec<String> {
    let mut labels: Vec<String> = article.tags.iter().map(|t| make("tag", t)).collect();
    labels.extend(article.category.iter().map(|c| make("category", c)));
    labels.push(make("lang", lang));
    for (key, values) in &article.meta {
        labels.extend(values.iter().map(|v| make(key, v)));
    }
    labels.retain(|l| !l.ends_with('='));
    labels.sort_unstable();
    labels.dedup();
    labels
}

/// A calendar day, as dates are stored and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(time::Date);

impl Day {
    /// `YYYY-MM-DD` (a longer ISO 8601 timestamp is read to its day); `None` for anything
    /// else or an impossible date (`2025-02-30`).
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim();
        let day = text.get(..10)?;
        if text.len() > 10 && text.as_bytes()[10].is_ascii_digit() {
            return None;
        }
        let mut parts = day.split('-');
        let (year, month, dom) = (parts.next()?, parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 || dom.len() != 2 {
            return None;
        }
        let month = time::Month::try_from(month.parse::<u8>().ok()?).ok()?;
        time::Date::from_calendar_date(year.parse().ok()?, month, dom.parse().ok()?)
            .ok()
            .map(Day)
    }

    /// Today (UTC).
    pub fn today() -> Day {
        Day(time::OffsetDateTime::now_utc().date())
    }

    /// The day's number as the index stores it (its Julian day number).
    pub fn number(self) -> u64 {
        self.0.to_julian_day().max(0) as u64
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        i64::from(later.0.to_julian_day()) - i64::from(self.0.to_julian_day())
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = (self.0.year(), self.0.month() as u8, self.0.day());
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// The recency multiplier of a passage updated on day `updated` (its [`Day::number`]),
/// today being `today`, with a half-life of `half_life_days`.
pub(crate) fn recency_multiplier(updated: Option<u64>, today: u64, half_life_days: f32) -> f32 {
    match updated {
        Some(day) if half_life_days > 0.0 => {
            let age = today.saturating_sub(day) as f32;
            1.0 + RECENCY_LIFT * (-age / half_life_days).exp2()
        }
        _ => 1.0,
    }
}

/// What an article declares about itself, as each of its hits shows it (absent parts are
/// left out of JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFacts {
    /// The article's tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The article's category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Last update (YYYY-MM-DD), declared or found in the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Last checked to be right (YYYY-MM-DD), as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    /// No longer valid from (YYYY-MM-DD), as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl ArticleFacts {
    /// The facts of an article.
    pub fn of(article: &Article) -> Self {
        ArticleFacts {
            tags: article.tags.clone(),
            category: article.category.clone(),
            updated: article.updated.clone(),
            verified: article.verified.clone(),
            expires: article.expires.clone(),
        }
    }

    /// True when the article declares none of them.
    pub fn is_empty(&self) -> bool {
        *self == ArticleFacts::default()
    }
}

/// One value of a facet and the number of matching articles that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value, normalized as filters compare it (pass it back as a filter).
    pub value: String,
    /// Matching articles with that value.
    pub count: u64,
}

/// Counts articles per label over the passages a query matches (each article once).
pub(crate) struct FacetCollector {
    /// `key=` prefixes of the facets asked for.
    prefixes: Vec<String>,
}

impl FacetCollector {
    pub(crate) fn new(keys: &[String]) -> Self {
        FacetCollector {
            prefixes: keys.iter().map(|k| label_key(k)).collect(),
        }
    }

    /// The facets of a collected result, by key, most frequent value first.
    pub(crate) fn facets(&self, counts: HashMap<String, u64>) -> BTreeMap<String, Vec<FacetCount>> {
        let mut facets: BTreeMap<String, Vec<FacetCount>> = self
            .prefixes
            .iter()
            .map(|p| (p.trim_end_matches('=').to_string(), Vec::new()))
            .collect();
        for (label, count) in counts {
            let Some((key, value)) = label.split_once('=') else {
                continue;
            };
            if let Some(values) = facets.get_mut(key) {
                values.push(FacetCount {
                    value: value.to_string(),
                    count,
                });
            }
        }
        for values in facets.values_mut() {
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            values.truncate(MAX_FACET_VALUES);
        }
        facets
    }
}

impl Collector for FacetCollector {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        let missing =
            |name: &str| tantivy::TantivyError::SchemaError(format!("no fast field {name}"));
        let labels = fast.str("facet_values")?;
        // The label ordinals of the facets asked for: a segment's dictionary is sorted, so
        // each key's labels are one range of ordinals.
        let mut wanted = Vec::new();
        if let Some(labels) = &labels {
            for prefix in &self.prefixes {
                let dictionary = labels.dictionary();
                let mut stream = dictionary.range().ge(prefix.as_bytes()).into_stream()?;
                let mut first = None;
                let mut last = None;
                while stream.advance() {
                    if !stream.key().starts_with(prefix.as_bytes()) {
                        break;
                    }
                    first.get_or_insert(stream.term_ord());
                    last = Some(stream.term_ord());
                }
                if let (Some(first), Some(last)) = (first, last) {
                    wanted.push(first..=last);
                }
            }
        }
        Ok(SegmentFacets {
            article_ids: fast
                .str("article_id")?
                .ok_or_else(|| missing("article_id"))?,
            labels,
            wanted,
            seen: HashSet::new(),
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<String, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut total = HashMap::new();
        for fruit in fruits {
            for (label, count) in fruit {
                *total.entry(label).or_insert(0) += count;
            }
        }
        Ok(total)
    }
}

/// One segment's counts: all passages of an article are in one segment (they are written
/// in one batch, [`crate::index::IndexStore::replace_documents`], and merged together), so
/// each article is counted once.
pub(crate) struct SegmentFacets {
    article_ids: StrColumn,
    labels: Option<StrColumn>,
    wanted: Vec<std::ops::RangeInclusive<u64>>,
    seen: HashSet<u64>,
    counts: HashMap<u64, u64>,
}

impl SegmentCollector for SegmentFacets {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(labels) = &self.labels else {
            return;
        };
        let Some(article) = self.article_ids.term_ords(doc).next() else {
            return;
        };
        if !self.seen.insert(article) {
            return;
        }
        for ord in labels.term_ords(doc) {
            if self.wanted.iter().any(|range| range.contains(&ord)) {
                *self.counts.entry(ord).or_insert(0) += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let Some(labels) = &self.labels else {
            return HashMap::new();
        };
        let mut fruit = HashMap::with_capacity(self.counts.len());
        for (ord, count) in self.counts {
            let mut label = String::new();
            if labels.ord_to_str(ord, &mut label).unwrap_or(false) {
                fruit.insert(label, count);
            }
        }
        fruit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KnowledgeBase, SearchParams, SearchRequest};

    /// Refund articles in four languages with tags, categories, metadata and dates, and one
    /// shop article with none of them.
    fn help_center() -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        let articles = [
            Article::new(
                "refund-en",
                "Refunds to your card",
                "# Refunds\n\nA refund reaches your card in five business days.\n\n\
                 ## Card refunds abroad\n\nA refund to a foreign card may take ten days.",
            )
            .with_lang("en")
            .with_tags(["Billing"])
            .with_category("Payments")
            .with_updated("2025-01-10")
            .with_meta("product", "Wallet"),
            Article::new(
                "refund-vi",
                "Hoàn tiền về thẻ",
                "Tiền hoàn (refund) về thẻ của bạn trong năm ngày làm việc.",
            )
            .with_lang("vi")
            .with_tags(["billing"])
            .with_category("Thanh toán")
            .with_updated("2026-11-20")
            .with_meta("product", "wallet"),
            Article::new(
                "refund-uk",
                "Повернення коштів на картку",
                "Повернення коштів (refund) на картку триває п’ять робочих днів.",
            )
            .with_lang("uk")
            .with_tags(["billing", "cards"])
            .with_category("Оплата")
            .with_meta("product", "shop"),
            Article::new(
                "refund-zh",
                "退款到信用卡",
                "退款(refund)會在五個工作天內退回您的信用卡。",
            )
            .with_lang("zh-Hant")
            .with_tags(["帳單"])
            .with_category("付款")
            .with_updated("2024-03-01"),
            Article::new(
                "shop-en",
                "Refunds for shop orders",
                "A refund for a shop order goes back to the card you paid with.",
            )
            .with_lang("en")
            .with_meta("product", "shop"),
        ];
        for article in articles {
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    fn ids(kb: &KnowledgeBase, request: &SearchRequest) -> Vec<String> {
        let results = kb.search(request).unwrap();
        results.hits.into_iter().map(|h| h.article_id).collect()
    }

    #[test]
    fn filters_keep_the_order_and_scores_of_what_remains() {
        let kb = help_center();
        let all = kb.search(&SearchRequest::new("refund card")).unwrap().hits;
        assert_eq!(all.len(), 5, "{all:?}");
        let billing = kb
            .search(&SearchRequest::new("refund card").tag("BILLING"))
            .unwrap()
            .hits;
        let expected: Vec<(&str, f32)> = all
            .iter()
            .filter(|h| h.article_id.starts_with("refund") && h.article_id != "refund-zh")
            .map(|h| (h.article_id.as_str(), h.score))
            .collect();
        let got: Vec<(&str, f32)> = billing
            .iter()
            .map(|h| (h.article_id.as_str(), h.score))
            .collect();
        assert_eq!(got, expected, "case folded; the zh-Hant tag is another tag");
        assert_eq!(
            billing[0].facts.tags.len(),
            1 + usize::from(billing[0].article_id == "refund-uk")
        );
    }

    #[test]
    fn each_kind_of_filter_in_each_language() {
        let kb = help_center();
        let q = || SearchRequest::new("refund");
        // A Simplified tag finds the Traditional article; a toneless category the Vietnamese.
        assert_eq!(ids(&kb, &q().tag("帐单")), ["refund-zh"]);
        assert_eq!(ids(&kb, &q().category("thanh toan")), ["refund-vi"]);
        assert_eq!(ids(&kb, &q().category("оплата")), ["refund-uk"]);
        let mut wallet = ids(&kb, &q().meta("Product", "WALLET"));
        wallet.sort();
        assert_eq!(wallet, ["refund-en", "refund-vi"]);
        assert_eq!(
            ids(&kb, &q().meta("product", "shop").tag("cards")),
            ["refund-uk"]
        );
        assert_eq!(ids(&kb, &q().meta("lang", "zh-Hant")), ["refund-zh"]);
        let mut recent = q();
        recent.filters.updated_after = Some("2025-01-10".into());
        let mut got = ids(&kb, &recent);
        got.sort();
        assert_eq!(
            got,
            ["refund-en", "refund-vi"],
            "on or after the day; undated left out"
        );
    }

    #[test]
    fn an_empty_filtered_result_says_why() {
        let kb = help_center();
        let results = kb
            .search(&SearchRequest::new("refund").tag("shipping"))
            .unwrap();
        assert!(results.hits.is_empty());
        assert_eq!(
            results.notes,
            [r#"no article has tag = "shipping" (values of tag: billing, cards, 帐单)"#]
        );
        let results = kb
            .search(&SearchRequest::new("refund").meta("prodcut", "wallet"))
            .unwrap();
        assert_eq!(results.notes, [r#"no article has the key "prodcut""#]);
        let results = kb
            .search(
                &SearchRequest::new("refund")
                    .tag("cards")
                    .meta("product", "wallet"),
            )
            .unwrap();
        assert!(results.hits.is_empty());
        assert_eq!(
            results.notes,
            ["no passage matches both the query and the filters"]
        );
        let unfiltered = kb.search(&SearchRequest::new("zzzz")).unwrap();
        assert!(unfiltered.hits.is_empty() && unfiltered.notes.is_empty());
    }

    #[test]
    fn facets_count_articles_not_passages_under_the_filters() {
        let kb = help_center();
        let mut request = SearchRequest::new("refund card").passages_per_article(5);
        request.facets = vec!["lang".into(), "tag".into(), "product".into()];
        let results = kb.search(&request).unwrap();
        let counts = |key: &str| -> Vec<(String, u64)> {
            results.facets[key]
                .iter()
                .map(|f| (f.value.clone(), f.count))
                .collect()
        };
        assert_eq!(
            counts("lang"),
            [
                ("en".into(), 2),
                ("uk".into(), 1),
                ("vi".into(), 1),
                ("zh-hant".into(), 1)
            ],
            "refund-en has two passages and counts once"
        );
        assert_eq!(
            counts("tag"),
            [
                ("billing".into(), 3),
                ("cards".into(), 1),
                ("帳單".into(), 1)
            ],
            "a facet value keeps its script"
        );
        assert_eq!(
            counts("product"),
            [("shop".into(), 2), ("wallet".into(), 2)]
        );
        request.filters.tags = vec!["billing".into()];
        let filtered = kb.search(&request).unwrap();
        let langs: Vec<u64> = filtered.facets["lang"].iter().map(|f| f.count).collect();
        assert_eq!(langs, [1, 1, 1], "facets count what the filters leave");
    }

    #[test]
    fn recency_lifts_the_newer_of_two_equal_answers_and_is_off_by_default() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let body = "Менеджер служби підтримки планує бюджет відділу на квартал.";
        kb.upsert(
            Article::new("old", "Бюджет", body)
                .with_lang("uk")
                .with_updated("2019-05-01"),
        )
        .unwrap();
        kb.upsert(
            Article::new("new", "Бюджет", body)
                .with_lang("uk")
                .with_updated("2026-11-01"),
        )
        .unwrap();
        kb.commit().unwrap();
        let plain = kb
            .search(&SearchRequest::new("бюджет відділу"))
            .unwrap()
            .hits;
        assert_eq!(plain[0].score, plain[1].score, "no lift unless asked");
        let mut request = SearchRequest::new("бюджет відділу");
        request.recency_half_life = Some(180);
        let lifted = kb.search(&request).unwrap().hits;
        assert_eq!(lifted[0].article_id, "new");
        assert!(lifted[0].score > lifted[1].score);
        assert!(lifted[0].score <= plain[0].score * (1.0 + RECENCY_LIFT));
    }

    #[test]
    fn stale_lists_old_articles_oldest_first_then_undated() {
        let kb = help_center();
        let stale: Vec<(String, Option<String>)> = kb
            .stale(365 * 100)
            .unwrap()
            .into_iter()
            .map(|a| (a.article_id, a.updated))
            .collect();
        assert_eq!(
            stale,
            [("refund-uk".into(), None), ("shop-en".into(), None)]
        );
        let stale = kb.stale(0).unwrap();
        let order: Vec<&str> = stale.iter().map(|a| a.article_id.as_str()).collect();
        assert_eq!(
            order,
            [
                "refund-zh",
                "refund-en",
                "refund-vi",
                "refund-uk",
                "shop-en"
            ]
        );
        assert_eq!(stale[0].updated.as_deref(), Some("2024-03-01"));
        assert!(stale[0].days.unwrap() > stale[1].days.unwrap());
    }

    #[test]
    fn bad_dates_are_refused_with_the_field_named() {
        let mut params = SearchParams::new("refund");
        params.updated_after = Some("2025-02-30".into());
        let error = params.to_request().unwrap_err().to_string();
        assert!(
            error.contains("updated_after") && error.contains("2025-02-30"),
            "{error}"
        );
        let kb = KnowledgeBase::in_memory().unwrap();
        let error = kb
            .upsert(Article::new("a", "T", "Body text.").with_updated("last week"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("updated") && error.contains("last week"),
            "{error}"
        );
    }

    #[test]
    fn filter_labels_match_as_query_text_does_and_facets_keep_the_value() {
        assert_eq!(label("Tag", " Billing  Help "), "tag=billing help");
        assert_eq!(label("category", "ＡＢＣ"), "category=abc");
        assert_eq!(
            label("product", "Ví Điện Tử"),
            label("product", "vi dien tu")
        );
        assert_eq!(label("team", "客服經理"), label("team", "客服经理"));
        assert_eq!(label("audience", "Адмін’и"), label("audience", "адмін'и"));
        assert_eq!(facet_label("product", "Ví  Điện Tử"), "product=ví điện tử");
        assert_eq!(facet_label("team", "客服經理"), "team=客服經理");
        assert_eq!(facet_label("lang", "zh-Hant"), "lang=zh-hant");
    }

    #[test]
    fn article_labels_hold_every_value_once() {
        let article = Article::new("a", "T", "B")
            .with_tags(["客服", "Billing", "billing"])
            .with_category("Accounts")
            .with_meta("Product", "Pay")
            .with_meta("product", "Wallet");
        assert_eq!(
            labels_of(&article, "zh-Hans", facet_label),
            vec![
                "category=accounts",
                "lang=zh-hans",
                "product=pay",
                "product=wallet",
                "tag=billing",
                "tag=客服",
            ]
        );
    }

    #[test]
    fn days_parse_only_real_dates() {
        let day = Day::parse("2025-03-01T10:00:00Z").expect("a timestamp's day");
        assert_eq!(day.to_string(), "2025-03-01");
        assert_eq!(Day::parse("2025-02-28").map(|d| d.days_until(day)), Some(1));
        assert_eq!(
            Day::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-01",
            "yesterday",
            "2025-03-011",
            "",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn recency_halves_each_half_life_and_leaves_undated_alone() {
        let today = Day::parse("2026-01-31").unwrap().number();
        let month_ago = Day::parse("2026-01-01").unwrap().number();
        assert_eq!(
            recency_multiplier(Some(today), today, 30.0),
            1.0 + RECENCY_LIFT
        );
        let lifted = recency_multiplier(Some(month_ago), today, 30.0);
        assert!(
            (lifted - (1.0 + RECENCY_LIFT / 2.0)).abs() < 1e-6,
            "{lifted}"
        );
        assert_eq!(recency_multiplier(None, today, 30.0), 1.0);
    }
}
