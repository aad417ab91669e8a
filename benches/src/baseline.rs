//! The lexical baseline of the scale benchmark: raw tantivy with a 1–2-gram tokenizer for
//! Chinese passages and tantivy's default tokenizer for every other language — the
//! architecture of the best lexical peer on the Chinese public sets (`tantivy-ngram` in
//! `benches/peers.py`), here in Rust, on the same passages as kbsearch.
//!
//! Each passage kbsearch would index (after its cleaning and sectioning) is one tantivy
//! document whose body is the title, the heading path and the text. A Chinese query is the
//! union of its 1–2-grams made of word characters on the n-gram field; any other query goes
//! through tantivy's query parser (lenient, OR) on the default field. A search returns the
//! top `k` with a snippet each (tantivy's `SnippetGenerator`), as kbsearch's hits carry one.

use std::path::Path;

use kbsearch::Lang;
use kbsearch::ingest::{self, clean::ChromeModel};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, NgramTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, Searcher, TantivyDocument, Term};

use crate::util::for_each_batch;

const NGRAM_TOKENIZER: &str = "cjk_ngram";

/// A baseline index, open for searching.
pub struct Baseline {
    index: Index,
    reader: IndexReader,
    id: Field,
    body: Field,
    body_cjk: Field,
    parser: QueryParser,
}

/// What building the baseline index measured.
pub struct BuildReport {
    /// Passages indexed.
    pub passages: usize,
    /// Bytes of title + body of the articles read.
    pub raw_bytes: u64,
    /// Seconds spent in tantivy (adding, committing, merging), cleaning and sectioning
    /// excluded.
    pub tantivy_seconds: f64,
}

fn schema() -> (Schema, Field, Field) {
    let mut builder = Schema::builder();
    builder.add_text_field("id", STRING | STORED);
    let body = builder.add_text_field(
        "body",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("default")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored(),
    );
    let body_cjk = builder.add_text_field(
        "body_cjk",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(NGRAM_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
            .set_stored(),
    );
    (builder.build(), body, body_cjk)
}

fn register_tokenizer(index: &Index) -> tantivy::Result<()> {
    let ngram = TextAnalyzer::builder(NgramTokenizer::new(1, 2, false)?)
        .filter(LowerCaser)
        .build();
    index.tokenizers().register(NGRAM_TOKENIZER, ngram);
    Ok(())
}

fn is_chinese(lang: Lang) -> bool {
    matches!(lang, Lang::ZhHans | Lang::ZhHant)
}

/// Build the baseline index of the articles of `corpus` (JSONL) in `dir` (emptied first),
/// merged into one segment as kbsearch's first build is.
pub fn build(corpus: &Path, dir: &Path) -> Result<BuildReport, Box<dyn std::error::Error>> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let (schema, body, body_cjk) = schema();
    let id = schema.get_field("id")?;
    let index = Index::create_in_dir(dir, schema)?;
    register_tokenizer(&index)?;
    let mut writer: tantivy::IndexWriter = index.writer(512 << 20)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let chrome = ChromeModel::default();
    let (mut passages, mut raw_bytes, mut tantivy_seconds) = (0usize, 0u64, 0.0f64);
    for_each_batch(corpus, 1000, |batch, bytes| {
        raw_bytes += bytes;
        let mut docs = Vec::new();
        for article in batch {
            let article_id = article.id.clone();
            let prepared = ingest::prepare(article, &chrome)?;
            let field = if is_chinese(prepared.lang) {
                body_cjk
            } else {
                body
            };
            for passage in &prepared.passages {
                let mut doc = TantivyDocument::default();
                doc.add_text(id, &article_id);
                let text = format!(
                    "{}\n{}\n{}",
                    prepared.title,
                    passage.heading_path.join(" › "),
                    passage.text
                );
                doc.add_text(field, text);
                docs.push(doc);
            }
        }
        passages += docs.len();
        let started = std::time::Instant::now();
        for doc in docs {
            writer.add_document(doc)?;
        }
        tantivy_seconds += started.elapsed().as_secs_f64();
        Ok(())
    })?;
    let started = std::time::Instant::now();
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    tantivy_seconds += started.elapsed().as_secs_f64();
    Ok(BuildReport {
        passages,
        raw_bytes,
        tantivy_seconds,
    })
}

impl Baseline {
    /// Open a baseline index built by [`build`].
    pub fn open(dir: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let index = Index::open_in_dir(dir)?;
        register_tokenizer(&index)?;
        let schema = index.schema();
        let body = schema.get_field("body")?;
        let body_cjk = schema.get_field("body_cjk")?;
        let id = schema.get_field("id")?;
        // OR of the query's words (the parser's default), as peers.py's tantivy search.
        let parser = QueryParser::for_index(&index, vec![body]);
        let reader = index.reader()?;
        Ok(Baseline {
            index,
            reader,
            id,
            body,
            body_cjk,
            parser,
        })
    }

    fn query(
        &self,
        text: &str,
        chinese: bool,
    ) -> Result<(Box<dyn Query>, Field), tantivy::TantivyError> {
        if !chinese {
            return Ok((self.parser.parse_query_lenient(text).0, self.body));
        }
        let mut analyzer = self
            .index
            .tokenizers()
            .get(NGRAM_TOKENIZER)
            .expect("registered in open");
        let mut stream = analyzer.token_stream(text);
        let mut terms: Vec<String> = Vec::new();
        while let Some(token) = stream.next() {
            if token.text.chars().all(char::is_alphanumeric) && !terms.contains(&token.text) {
                terms.push(token.text.clone());
            }
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let term = Term::from_field_text(self.body_cjk, t);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect();
        Ok((Box::new(BooleanQuery::new(clauses)), self.body_cjk))
    }

    /// The top `k` passages of a query (article id and snippet each). `lang` is the query's
    /// language code: `zh-*` queries search the n-gram field.
    pub fn search(
        &self,
        text: &str,
        lang: &str,
        k: usize,
    ) -> tantivy::Result<Vec<(String, String)>> {
        let searcher: Searcher = self.reader.searcher();
        let (query, field) = self.query(text, lang.starts_with("zh"))?;
        let top = searcher.search(&*query, &TopDocs::with_limit(k).order_by_score())?;
        let snippets = SnippetGenerator::create(&searcher, &*query, field)?;
        let mut hits = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            hits.push((id, snippets.snippet_from_doc(&doc).to_html()));
        }
        Ok(hits)
    }
}
