//! Choosing the passage inside an article.
//!
//! Articles are ranked by their best passage's score ([`super::search`]); which of an
//! article's passages is shown is decided here, by the part of the query that is not the
//! article's subject. A query like "客户服务运营经理的预算管理" names the article's subject
//! (the title's words) and one aspect of it (预算管理): the subject words explain why the
//! article was chosen, the aspect words should choose the passage. Two rules, per article:
//!
//! - **Title words count less.** A query term that occurs in the article's title counts
//!   [`TITLE_TERM_SHARE`] of its heading and text score for the passage choice, so a
//!   passage whose heading repeats the subject ("職業發展路徑 › 客戶服務運營經理") no
//!   longer beats the section about the aspect ("預算管理").
//! - **Passages holding more of the aspects win.** The passage score is multiplied by the
//!   share of the query's other terms (weighted by idf) that the passage's heading or text
//!   holds, so a paragraph with both 客服经理 and 绩效考核 beats an FAQ answer with only
//!   客服经理.
//!
//! Every term is one analyzed term of one form (a word, a folded word, a Chinese character
//! or bigram, a Vietnamese syllable pair), as in the query itself. The per-term scores are
//! read from the postings of the passages found, only for articles with two or more
//! passages among them.

use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term};

use super::{Bm25Statistics, FORM_WEIGHTS, MAX_QUERY_TERMS, ZONE_WEIGHTS, unique};
use crate::analysis::{Analyzed, Form};
use crate::error::Result;
use crate::index::{IndexStore, Zone};

/// Share of its heading and text score a query term keeps in choosing the passage when it
/// occurs in the article's title.
pub const TITLE_TERM_SHARE: f32 = 0.2;

/// One term of the query in one form, with its inverse document frequency (passage text).
struct QueryTerm {
    form: Form,
    text: String,
    idf: f32,
}

/// What one passage holds of each query term.
#[derive(Debug, Clone, Default)]
pub(super) struct TermMatches {
    /// Per query term: the term occurs in the article's title.
    in_title: Vec<bool>,
    /// Per query term: its weighted BM25 score in the passage's heading and text.
    score: Vec<f32>,
}

/// The query's terms, ready to be matched against found passages.
pub(super) struct PassageChooser {
    terms: Vec<QueryTerm>,
}

impl PassageChooser {
    /// Collect the query's distinct terms per form (as many as the query uses).
    pub(super) fn new(
        store: &IndexStore,
        searcher: &Searcher,
        analyzed: &Analyzed,
    ) -> Result<Self> {
        let f = store.fields();
        let total = searcher.num_docs() as f32;
        let mut terms = Vec::new();
        for form in Form::ALL {
            let mut texts = unique(analyzed.form(form).iter().map(|t| t.text.clone()));
            texts.truncate(MAX_QUERY_TERMS);
            for text in texts {
                let term = Term::from_field_text(f.analyzed(Zone::Text, form), &text);
                let df = searcher.doc_freq(&term)? as f32;
                let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
                terms.push(QueryTerm { form, text, idf });
            }
        }
        Ok(PassageChooser { terms })
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
            };
            passages.len()
        ];
        let mut order: Vec<usize> = (0..passages.len()).collect();
        order.sort_by_key(|&i| (passages[i].segment_ord, passages[i].doc_id));
        for (t, term) in self.terms.iter().enumerate() {
            for zone in Zone::ALL {
                let query = TermQuery::new(
                    Term::from_field_text(f.analyzed(zone, term.form), &term.text),
                    IndexRecordOption::WithFreqs,
                );
                let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
                    stats, searcher,
                ))?;
                let boost = ZONE_WEIGHTS[zone as usize] * FORM_WEIGHTS[term.form as usize];
                let scores = scores_of(weight.as_ref(), boost, searcher, passages, &order)?;
                for (matches, score) in out.iter_mut().zip(scores) {
                    match (zone, score) {
                        (_, None) => {}
                        (Zone::Title, Some(_)) => matches.in_title[t] = true,
                        (_, Some(score)) => matches.score[t] += score,
                    }
                }
            }
        }
        Ok(out)
    }

    /// The passage-choice score of one article's found passages: `scores[i]` is the
    /// search score of the passage `matches[i]` describes and `boosts[i]` the multiplier
    /// (FAQ, quoted phrase) inside it. Title terms are those the title holds (all passages
    /// of an article share it): they keep [`TITLE_TERM_SHARE`] of their heading and text
    /// score, and the score is multiplied by the share of the other terms (by idf) that
    /// the passage's heading or text holds.
    pub(super) fn choice_scores(
        &self,
        scores: &[f32],
        boosts: &[f32],
        matches: &[TermMatches],
    ) -> Vec<f32> {
        let held = |m: &TermMatches, t: usize| m.score.get(t).copied().unwrap_or(0.0);
        let in_title: Vec<bool> = (0..self.terms.len())
            .map(|t| matches.iter().any(|m| m.in_title.get(t) == Some(&true)))
            .collect();
        let aspects: f32 = self
            .terms
            .iter()
            .zip(&in_title)
            .filter(|(_, title)| !**title)
            .map(|(term, _)| term.idf)
            .sum();
        scores
            .iter()
            .zip(boosts)
            .zip(matches)
            .map(|((&score, &boost), m)| {
                let mut title_score = 0.0;
                let mut covered = 0.0;
                for (t, term) in self.terms.iter().enumerate() {
                    let score = held(m, t);
                    if in_title[t] {
                        title_score += score;
                    } else if score > 0.0 {
                        covered += term.idf;
                    }
                }
                let coverage = if aspects > 0.0 {
                    covered / aspects
                } else {
                    1.0
                };
                (score - (1.0 - TITLE_TERM_SHARE) * boost * title_score).max(0.0) * coverage
            })
            .collect()
    }
}

/// The score of each passage under one weight (`None` where it does not match); `order`
/// lists the passages by segment, then document (scorers only move forward).
fn scores_of(
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
