//! Translation groups and locale fallback: the same page in several languages is one group,
//! and a search that asks for a locale answers each group once, in that locale where the
//! group has it, else along a fallback chain.
//!
//! An article's *group keys* (`group_keys`) are its own id, its declared group
//! (`translation_of: ID`, `group`, Hugo's `translationKey`), its URL and its `hreflang`
//! alternates with the locale taken out (`/uk/help/refunds`, `/help/refunds?hl=vi` →
//! `help/refunds`), and its id with a locale folder taken out (`uk/refunds` → `refunds`).
//! Articles sharing a key are translations of each other.
//!
//! ```
//! use kbsearch::{Article, KnowledgeBase, SearchRequest};
//!
//! let kb = KnowledgeBase::in_memory()?;
//! kb.upsert(Article::new("refunds", "Refunds", "A refund reaches your card in five days.").with_lang("en"))?;
//! kb.upsert(
//!     Article::new("refunds-uk", "Повернення коштів", "Кошти повертаються на картку за п'ять днів.")
//!         .with_lang("uk")
//!         .with_group("refunds"),
//! )?;
//! kb.commit()?;
//! let mut request = SearchRequest::new("refund card");
//! request.locale = Some("uk".into());
//! let hits = kb.search(&request)?.hits;
//! assert_eq!(hits.len(), 1);
//! assert_eq!(hits[0].article_id, "refunds-uk");
//! assert_eq!(hits[0].translations[0].article_id, "refunds");
//! # Ok::<(), kbsearch::KbError>(())
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::{Candidate, PassageColumns, engine_error};
use crate::analysis::Lang;
use crate::article::Article;
use crate::error::{KbError, Result};
use crate::index::IndexStore;
use crate::ingest::is_locale_name;

/// The fallback after the asked locale when a request names none.
pub const DEFAULT_FALLBACK: &str = "en";

/// Most articles read as holders of one group key (bounds the work of a key that very many
/// articles share).
const MAX_GROUP_MEMBERS: usize = 64;

/// Another language of a hit's article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// Its language code.
    pub lang: String,
    /// Its article id.
    pub article_id: String,
}

/// The group keys of an article (see the module documentation), sorted, each once.
pub(crate) fn group_keys(article: &Article) -> Vec<String> {
    let mut keys = vec![format!("id:{}", article.id)];
    keys.extend(article.group.iter().map(|g| format!("id:{}", g.trim())));
    keys.extend(id_without_locale(&article.id).map(|id| format!("id:{id}")));
    let urls = article.url.iter().chain(&article.alternates);
    keys.extend(
        urls.filter_map(|url| url_without_locale(url))
            .map(|u| format!("url:{u}")),
    );
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// An id whose path has a locale folder (`uk/concepts/pods`), without it.
fn id_without_locale(id: &str) -> Option<String> {
    let parts: Vec<&str> = id.split('/').collect();
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !is_locale_name(p))
        .collect();
    (kept.len() < parts.len() && !kept.is_empty()).then(|| kept.join("/"))
}

/// A URL as a group key: host and path without scheme, `www.`, locale segments, locale
/// parameters (`hl`, `lang`, `locale`, `language`), fragment and trailing slash; lower-case.
fn url_without_locale(url: &str) -> Option<String> {
    let url = url.trim().to_lowercase();
    let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let host = segments.next()?.trim_start_matches("www.");
    let mut key = host.to_string();
    for segment in segments.filter(|s| !is_locale_name(s)) {
        key.push('/');
        key.push_str(segment);
    }
    let params: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default();
            !p.is_empty() && !matches!(name, "hl" | "lang" | "locale" | "language")
        })
        .collect();
    if !params.is_empty() {
        key.push('?');
        key.push_str(&params.join("&"));
    }
    Some(key)
}

/// The locales a search prefers, best first: the asked one, then its fallbacks.
#[derive(Debug, Clone)]
pub(crate) struct LocaleChain(Vec<String>);

impl LocaleChain {
    /// `locale`, then `fallback` (or [`DEFAULT_FALLBACK`] when empty); each must be a
    /// language tag kbsearch accepts.
    pub(crate) fn new(locale: &str, fallback: &[String]) -> Result<Self> {
        let default = [DEFAULT_FALLBACK.to_string()];
        let rest = if fallback.is_empty() {
            &default[..]
        } else {
            fallback
        };
        let mut chain = Vec::new();
        for code in std::iter::once(locale).chain(rest.iter().map(String::as_str)) {
            let term = Lang::filter_term_for(code)?;
            if !chain.contains(&term) {
                chain.push(term);
            }
        }
        Ok(LocaleChain(chain))
    }

    /// Position of the first locale of the chain that `lang` (a language code) matches.
    fn rank(&self, lang: &str) -> Option<usize> {
        let terms = Lang::parse(lang).ok()?.filter_terms();
        self.0.iter().position(|locale| terms.contains(locale))
    }
}

/// One article of a group: its id, its language code.
struct Member {
    article_id: String,
    lang: String,
}

/// Looks up groups in the committed index.
pub(crate) struct Groups<'a> {
    store: &'a IndexStore,
    searcher: &'a Searcher,
    /// Each segment's `group_keys` column, opened on first use (`None`: no such column).
    key_columns: Vec<std::cell::OnceCell<Option<tantivy::columnar::StrColumn>>>,
}

impl<'a> Groups<'a> {
    pub(crate) fn new(store: &'a IndexStore, searcher: &'a Searcher) -> Self {
        let segments = searcher.segment_readers().len();
        Groups {
            store,
            searcher,
            key_columns: (0..segments).map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The group keys of a passage's article, whose id is `article_id`.
    ///
    /// Every article has the key `id:` + its id ([`group_keys`]), most have no other: one key
    /// is that one, read without decoding it from the column's dictionary (a block
    /// decompression per lookup, a fifth of an English query's time when every hit did it).
    fn keys_of(&self, address: DocAddress, article_id: &str) -> Result<Vec<String>> {
        let cell = &self.key_columns[address.segment_ord as usize];
        if cell.get().is_none() {
            let fast = self
                .searcher
                .segment_reader(address.segment_ord)
                .fast_fields();
            let _ = cell.set(fast.str("group_keys")?);
        }
        let Some(column) = cell.get().and_then(Option::as_ref) else {
            return Ok(Vec::new());
        };
        let ords: Vec<u64> = column.term_ords(address.doc_id).collect();
        if ords.len() == 1 {
            return Ok(vec![format!("id:{article_id}")]);
        }
        let mut keys = Vec::with_capacity(ords.len());
        for ord in ords {
            let mut key = String::new();
            column.ord_to_str(ord, &mut key).map_err(engine_error)?;
            keys.push(key);
        }
        Ok(keys)
    }

    /// True when no other article holds any of `keys`, read from the term dictionary alone
    /// (most articles have no translation; a search lists every hit's): each key is held by
    /// exactly as many passages as the article has. Deleted passages count on both sides, so
    /// a false "alone" cannot happen; a false "not alone" only costs the full lookup.
    fn holds_keys_alone(&self, keys: &[String], article_id: &str) -> Result<bool> {
        let f = self.store.fields();
        let own = self
            .searcher
            .doc_freq(&Term::from_field_text(f.article_id, article_id))?;
        for key in keys {
            if self
                .searcher
                .doc_freq(&Term::from_field_text(f.group_keys, key))?
                != own
            {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The articles holding any of `keys` (the article itself included), by id, and the keys
    /// that link them. A detected key (`url:`) that two articles of one language share is not
    /// a translation link (a site-wide URL, a page and its copy) and is left out; declared
    /// ones are trusted.
    fn members(&self, keys: &[String]) -> Result<(Vec<Member>, Vec<String>)> {
        let mut members: Vec<Member> = Vec::new();
        let mut links = Vec::new();
        for key in keys {
            let holders = self.holders(key)?;
            let mut langs: Vec<&str> = holders.iter().map(|m| m.lang.as_str()).collect();
            langs.sort_unstable();
            let one_per_language = langs.windows(2).all(|w| w[0] != w[1]);
            if key.starts_with("url:") && !one_per_language {
                continue;
            }
            links.push(key.clone());
            for holder in holders {
                if !members.iter().any(|m| m.article_id == holder.article_id) {
                    members.push(holder);
                }
            }
        }
        members.sort_by(|a, b| a.article_id.cmp(&b.article_id));
        members.truncate(MAX_GROUP_MEMBERS);
        Ok((members, links))
    }

    /// The articles holding `key` (at most [`MAX_GROUP_MEMBERS`]).
    fn holders(&self, key: &str) -> Result<Vec<Member>> {
        let f = self.store.fields();
        let query = with_passage_no(Term::from_field_text(f.group_keys, key), f.passage_no, 0);
        let mut addresses: Vec<DocAddress> = self
            .searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect();
        addresses.sort_unstable();
        addresses.truncate(MAX_GROUP_MEMBERS);
        let mut columns = PassageColumns::new(self.searcher);
        let mut holders = Vec::with_capacity(addresses.len());
        for address in addresses {
            let article_id = columns.article_id(address)?;
            let lang = self.lang_of(address)?;
            holders.push(Member { article_id, lang });
        }
        Ok(holders)
    }

    /// A passage's language code (lower-case, from its `lang=` facet value).
    fn lang_of(&self, address: DocAddress) -> Result<String> {
        let fast = self
            .searcher
            .segment_reader(address.segment_ord)
            .fast_fields();
        let Some(column) = fast.str("facet_values")? else {
            return Ok(String::new());
        };
        for ord in column.term_ords(address.doc_id) {
            let mut value = String::new();
            column.ord_to_str(ord, &mut value).map_err(engine_error)?;
            if let Some(lang) = value.strip_prefix("lang=") {
                return Ok(lang.to_string());
            }
        }
        Ok(String::new())
    }

    /// The other articles of a passage's group.
    pub(crate) fn translations(
        &self,
        address: DocAddress,
        article_id: &str,
    ) -> Result<Vec<Translation>> {
        let keys = self.keys_of(address, article_id)?;
        if self.holds_keys_alone(&keys, article_id)? {
            return Ok(Vec::new());
        }
        let (members, _) = self.members(&keys)?;
        Ok(members
            .into_iter()
            .filter(|m| m.article_id != article_id)
            .map(|m| Translation {
                lang: Lang::parse(&m.lang).map_or(m.lang, |l| l.code().to_string()),
                article_id: m.article_id,
            })
            .collect())
    }

    /// Number of committed passages of an article.
    fn passage_count(&self, article_id: &str) -> Result<usize> {
        let term = Term::from_field_text(self.store.fields().article_id, article_id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        Ok(self.searcher.search(&query, &tantivy::collector::Count)?)
    }

    /// The passage of `article_id` numbered `passage_no`, else its first passage.
    fn passage_address(&self, article_id: &str, passage_no: u64) -> Result<Option<DocAddress>> {
        let f = self.store.fields();
        for n in [passage_no, 0] {
            let query = with_passage_no(
                Term::from_field_text(f.article_id, article_id),
                f.passage_no,
                n,
            );
            let top = self
                .searcher
                .search(&query, &TopDocs::with_limit(1).order_by_score())?;
            if let Some((_, address)) = top.first() {
                return Ok(Some(*address));
            }
        }
        Ok(None)
    }
}

/// The passages holding `term` whose number is `n` (0: one per article).
fn with_passage_no(term: Term, passage_no: tantivy::schema::Field, n: u64) -> BooleanQuery {
    let clause = |term| -> (Occur, Box<dyn Query>) {
        (
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        )
    };
    BooleanQuery::new(vec![
        clause(term),
        clause(Term::from_field_u64(passage_no, n)),
    ])
}

/// What a group shows: the member chosen by the locale chain, the group's best score and the
/// article and passage number of the passage that scored it.
struct Choice {
    article_id: String,
    score: f32,
    found_in: String,
    passage_no: u64,
    /// The chosen member's best score among the candidates (none: not found by the query).
    own_best: Option<f32>,
}

/// Answer each group once, in the first locale of `chain` it has (else as found): the
/// candidates of other members are dropped, the chosen member's candidates take the group's
/// best score (its own passages keep their order), and a chosen member the query did not
/// find shows its passage at the position of the passage that was found when both have as
/// many passages (a translation that kept the structure), else its first passage. Candidates come best first and leave best first.
pub(super) fn prefer_locale(
    groups: &Groups<'_>,
    chain: &LocaleChain,
    candidates: Vec<Candidate>,
    columns: &mut PassageColumns<'_>,
) -> Result<Vec<Candidate>> {
    let mut group_of_key: HashMap<String, usize> = HashMap::new();
    let mut group_of_article: HashMap<String, usize> = HashMap::new();
    let mut choices: Vec<Choice> = Vec::new();
    let mut kept: Vec<(usize, Candidate)> = Vec::new();
    for mut candidate in candidates {
        let id = columns.article_id(candidate.address)?;
        let group = match group_of_article.get(&id) {
            Some(&group) => group,
            None => {
                let (members, links) = groups.members(&groups.keys_of(candidate.address, &id)?)?;
                let group = match links.iter().find_map(|k| group_of_key.get(k)) {
                    Some(&group) => group,
                    None => {
                        let chosen = members
                            .iter()
                            .filter_map(|m| chain.rank(&m.lang).map(|rank| (rank, m)))
                            .min_by_key(|(rank, _)| *rank)
                            .map_or_else(|| id.clone(), |(_, m)| m.article_id.clone());
                        choices.push(Choice {
                            article_id: chosen,
                            score: candidate.score,
                            found_in: id.clone(),
                            passage_no: candidate.passage_no(groups.store, groups.searcher)?,
                            own_best: None,
                        });
                        let group = choices.len() - 1;
                        for member in members {
                            group_of_article.entry(member.article_id).or_insert(group);
                        }
                        group
                    }
                };
                for key in links {
                    group_of_key.entry(key).or_insert(group);
                }
                group_of_article.insert(id.clone(), group);
                group
            }
        };
        let choice = &mut choices[group];
        if choice.article_id == id {
            let best = *choice.own_best.get_or_insert(candidate.score);
            if best > 0.0 {
                candidate.score = choice.score * candidate.score / best;
            }
            kept.push((group, candidate));
        }
    }
    for (group, choice) in choices.iter().enumerate() {
        if choice.own_best.is_some() {
            continue;
        }
        // The same place when both have as many passages (a translation that kept the
        // structure), else the lead, which says what the article is about.
        let same_shape =
            groups.passage_count(&choice.article_id)? == groups.passage_count(&choice.found_in)?;
        let passage_no = if same_shape { choice.passage_no } else { 0 };
        let Some(address) = groups.passage_address(&choice.article_id, passage_no)? else {
            continue;
        };
        let (article, _) = columns.read(address)?;
        kept.push((group, Candidate::found(choice.score, address, article)));
    }
    kept.sort_by(|(ga, a), (gb, b)| b.score.total_cmp(&a.score).then(ga.cmp(gb)));
    Ok(kept.into_iter().map(|(_, c)| c).collect())
}

/// A request's `locale` and `fallback` as a chain, or the error naming the bad tag.
pub(crate) fn chain_for(locale: Option<&str>, fallback: &[String]) -> Result<Option<LocaleChain>> {
    match locale {
        None if fallback.is_empty() => Ok(None),
        None => Err(KbError::InvalidRequest(
            "a fallback needs a locale (--locale)".to_string(),
        )),
        Some(locale) => LocaleChain::new(locale, fallback).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KnowledgeBase, SearchRequest};

    /// One refund page in four languages (tied by URL, `hreflang`-free), a Simplified
    /// translation declared by id, and an unrelated English page.
    fn help_center() -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        let page = |id: &str, lang: &str, url: &str, title: &str, lead: &str, abroad: &str| {
            Article::new(id, title, format!("{lead}\n\n## {abroad}"))
                .with_lang(lang)
                .with_url(url)
        };
        let articles = [
            page(
                "en-refunds",
                "en",
                "https://help.example.com/en/refunds",
                "Refunds",
                "# Refunds\n\nA refund reaches your card in five business days.",
                "Abroad\n\nA refund to a foreign card takes ten business days.",
            ),
            page(
                "uk-refunds",
                "uk",
                "https://help.example.com/uk/refunds",
                "Повернення коштів",
                "# Повернення коштів\n\nКошти повертаються на картку за п'ять робочих днів.",
                "За кордоном\n\nНа іноземну картку кошти йдуть десять робочих днів.",
            ),
            page(
                "vi-refunds",
                "vi",
                "https://help.example.com/refunds?hl=vi",
                "Hoàn tiền",
                "# Hoàn tiền\n\nTiền hoàn về thẻ trong năm ngày làm việc.",
                "Nước ngoài\n\nThẻ nước ngoài nhận tiền hoàn sau mười ngày làm việc.",
            ),
            Article::new(
                "zh-refunds",
                "退款",
                "# 退款\n\n退款会在五个工作日内退回您的银行卡。",
            )
            .with_lang("zh-Hans")
            .with_group("en-refunds"),
            Article::new(
                "en-shipping",
                "Shipping",
                "Orders ship in two days; a refund is not needed.",
            )
            .with_lang("en"),
        ];
        for article in articles {
            kb.upsert(article).unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    fn search(
        kb: &KnowledgeBase,
        query: &str,
        locale: Option<&str>,
        fallback: &[&str],
    ) -> Vec<crate::Hit> {
        let mut request = SearchRequest::new(query);
        request.locale = locale.map(String::from);
        request.fallback = fallback.iter().map(|s| s.to_string()).collect();
        kb.search(&request).unwrap().hits
    }

    #[test]
    fn a_locale_answers_each_group_once_in_that_locale_else_the_fallback() {
        let kb = help_center();
        let plain = search(&kb, "refund card", None, &[]);
        let ids: Vec<&str> = plain.iter().map(|h| h.article_id.as_str()).collect();
        assert_eq!(
            ids,
            ["en-refunds", "en-shipping"],
            "without a locale nothing changes"
        );
        let mut also: Vec<(&str, &str)> = plain[0]
            .translations
            .iter()
            .map(|t| (t.lang.as_str(), t.article_id.as_str()))
            .collect();
        also.sort();
        assert_eq!(
            also,
            [
                ("uk", "uk-refunds"),
                ("vi", "vi-refunds"),
                ("zh-Hans", "zh-refunds")
            ]
        );
        assert!(plain[1].translations.is_empty());

        let uk = search(&kb, "refund card", Some("uk"), &[]);
        let ids: Vec<&str> = uk.iter().map(|h| h.article_id.as_str()).collect();
        assert_eq!(
            ids,
            ["uk-refunds", "en-shipping"],
            "a group without uk falls back to en"
        );
        assert_eq!(uk[0].score, plain[0].score, "the group keeps its rank");
        assert!(
            uk[0]
                .translations
                .iter()
                .any(|t| t.article_id == "en-refunds")
        );

        let zh = search(&kb, "refund card", Some("zh-Hant"), &["zh-Hans", "en"]);
        assert_eq!(
            zh[0].article_id, "zh-refunds",
            "declared by id, reached by the chain"
        );
        let de = search(&kb, "refund card", Some("de"), &[]);
        assert_eq!(de[0].article_id, "en-refunds");
        // A Vietnamese question in English locale: the group is answered in English.
        let en = search(&kb, "hoàn tiền thẻ", Some("en"), &[]);
        assert_eq!(en[0].article_id, "en-refunds");
    }

    #[test]
    fn a_translation_the_query_missed_shows_the_passage_at_the_same_place() {
        let kb = help_center();
        let hits = search(&kb, "foreign card ten days", Some("uk"), &[]);
        assert_eq!(hits[0].article_id, "uk-refunds");
        assert_eq!(
            hits[0].heading_path.last().map(String::as_str),
            Some("За кордоном"),
            "{hits:?}"
        );
    }

    #[test]
    fn a_url_two_articles_of_one_language_share_is_not_a_translation_link() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let site = "https://help.example.com/";
        for (id, lang, body) in [
            ("a", "en", "Refunds reach your card in five days."),
            (
                "b",
                "en",
                "Refunds for shop orders reach the card you paid with.",
            ),
            (
                "c",
                "uk",
                "Повернення коштів на картку (refund) триває п'ять днів.",
            ),
        ] {
            kb.upsert(Article::new(id, "", body).with_lang(lang).with_url(site))
                .unwrap();
        }
        kb.commit().unwrap();
        let plain = search(&kb, "refund card", None, &[]);
        assert_eq!(plain.len(), 3, "{plain:?}");
        let hits = search(&kb, "refund card", Some("uk"), &[]);
        let mut ids: Vec<&str> = hits.iter().map(|h| h.article_id.as_str()).collect();
        ids.sort();
        assert_eq!(
            ids,
            ["a", "b", "c"],
            "no group: every article answers for itself"
        );
        assert!(hits.iter().all(|h| h.translations.is_empty()), "{hits:?}");
    }

    #[test]
    fn bad_locales_are_clear_errors() {
        let kb = help_center();
        let mut request = SearchRequest::new("refund");
        request.locale = Some("not a tag".into());
        assert_eq!(kb.search(&request).unwrap_err().kind(), "unknown_language");
        request.locale = None;
        request.fallback = vec!["en".into()];
        assert_eq!(kb.search(&request).unwrap_err().kind(), "invalid_request");
    }

    #[test]
    fn urls_lose_their_locale_in_path_and_parameters() {
        let key = |u| url_without_locale(u).unwrap();
        assert_eq!(
            key("https://help.example.com/uk/articles/42-refunds/"),
            "help.example.com/articles/42-refunds"
        );
        assert_eq!(
            key("https://www.help.example.com/zh-hant/articles/42-refunds"),
            "help.example.com/articles/42-refunds"
        );
        assert_eq!(
            key("http://help.example.com/articles/42-refunds?hl=vi#top"),
            "help.example.com/articles/42-refunds"
        );
        assert_eq!(
            key("https://help.example.com/hc/pt-BR/articles/7?page=2&lang=pt"),
            "help.example.com/hc/articles/7?page=2"
        );
        // A segment that only looks like a locale of an unknown language stays.
        assert_eq!(key("https://example.com/xx/page"), "example.com/xx/page");
    }

    #[test]
    fn keys_join_declared_groups_urls_and_locale_folders() {
        let en = Article::new("en/concepts/pods", "Pods", "Text.")
            .with_url("https://k8s.io/docs/concepts/pods/");
        let uk = Article::new("uk/concepts/pods", "Поди", "Текст.")
            .with_url("https://k8s.io/uk/docs/concepts/pods/");
        let shared = |a: &Article, b: &Article| {
            let (ka, kb) = (group_keys(a), group_keys(b));
            ka.into_iter()
                .filter(|k| kb.contains(k))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shared(&en, &uk),
            ["id:concepts/pods", "url:k8s.io/docs/concepts/pods"]
        );
        let original = Article::new("000", "什麼是客戶服務運營經理?", "…");
        let translation = Article::new("004", "What is …?", "…").with_group("000");
        assert_eq!(shared(&original, &translation), ["id:000"]);
        let other = Article::new("001", "…", "…");
        assert!(shared(&original, &other).is_empty());
    }

    #[test]
    fn the_chain_is_the_locale_then_its_fallbacks() {
        let chain = LocaleChain::new("zh-Hant", &["zh-Hans".into(), "en".into()]).unwrap();
        assert_eq!(chain.rank("zh-hant"), Some(0));
        assert_eq!(chain.rank("zh-Hans"), Some(1));
        assert_eq!(chain.rank("en"), Some(2));
        assert_eq!(chain.rank("vi"), None);
        let uk = LocaleChain::new("uk", &[]).unwrap();
        assert_eq!(
            (uk.rank("uk"), uk.rank("en"), uk.rank("de")),
            (Some(0), Some(1), None)
        );
        let any_chinese = LocaleChain::new("zh", &[]).unwrap();
        assert_eq!(any_chinese.rank("zh-hans"), Some(0));
        assert!(LocaleChain::new("klingon!", &[]).is_err());
        assert!(chain_for(None, &["en".into()]).is_err());
    }
}
