//! [`IdQuery`]: every passage of one article id, the query of deletes.

use tantivy::Term;
use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;

/// The passages of one article id, for deletes. tantivy keeps every pending delete's query
/// weight until the commit: a `TermQuery` weight carries a 1 KiB scoring table and a
/// `TermSetQuery` weight about 10 KiB (a million updates: gigabytes); this one holds the term.
#[derive(Debug, Clone)]
pub(super) struct IdQuery(pub(super) Term);

impl Query for IdQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for IdQuery {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        let postings = reader
            .inverted_index(self.0.field())?
            .read_postings(&self.0, IndexRecordOption::Basic)?;
        Ok(match postings {
            Some(postings) => Box::new(ConstScorer::new(postings, boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(
        &self,
        _: &tantivy::SegmentReader,
        _: tantivy::DocId,
    ) -> tantivy::Result<Explanation> {
        Ok(Explanation::new("article id", 1.0))
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::Value;
    use tantivy::{Index, TantivyDocument};

    use super::*;
    use crate::index::schema;

    /// The (id, passage number) of every document `query` matches, sorted.
    fn matched(index: &Index, id: &str) -> Vec<(String, u64)> {
        let (_, f) = schema::build();
        let searcher = index.reader().unwrap().searcher();
        let query = IdQuery(Term::from_field_text(f.article_id, id));
        let mut found: Vec<(String, u64)> = searcher
            .search(&query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|address| {
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                let id = doc.get_first(f.article_id).unwrap().as_str().unwrap();
                let no = doc.get_first(f.passage_no).unwrap().as_u64().unwrap();
                (id.to_string(), no)
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn matches_exactly_the_passages_with_that_id() {
        let (schema, f) = schema::build();
        let index = Index::create_in_ram(schema);
        super::super::terms_tokenizer::register(&index);
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Two segments, ids that share prefixes and differ in case.
        for (batch, ids) in [["a", "ab", "a"], ["A", "a", "b"]].iter().enumerate() {
            for (n, id) in ids.iter().enumerate() {
                let mut doc = TantivyDocument::default();
                doc.add_text(f.article_id, id);
                doc.add_u64(f.passage_no, (batch * 10 + n) as u64);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let a = |nos: &[u64]| {
            nos.iter()
                .map(|&n| ("a".to_string(), n))
                .collect::<Vec<_>>()
        };
        assert_eq!(matched(&index, "a"), a(&[0, 2, 11]));
        assert_eq!(matched(&index, "ab"), [("ab".to_string(), 1)]);
        assert!(matched(&index, "missing").is_empty());

        // As a delete query: only the id's passages go.
        writer
            .delete_query(Box::new(IdQuery(Term::from_field_text(f.article_id, "a"))))
            .unwrap();
        writer.commit().unwrap();
        assert!(matched(&index, "a").is_empty());
        assert_eq!(matched(&index, "A"), [("A".to_string(), 10)]);
        assert_eq!(matched(&index, "b"), [("b".to_string(), 12)]);
    }
}
