//! The tantivy schema: one document per passage.
//!
//! Stored fields hold what a hit shows (the article's own on its first passage, with the
//! passages' texts); analyzed fields hold kbsearch's own terms (joined into one value that
//! [`super::terms_tokenizer`] splits back, so every language is analyzed by
//! [`crate::analysis`], not by a tantivy tokenizer). Each *zone* (title, heading path,
//! passage text) is indexed in each [`Form`].

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::terms_tokenizer::TERMS_TOKENIZER;
use crate::analysis::Form;

/// Bumped whenever the schema or the analysis changes the terms an index holds; an index
/// written with another version is refused on open.
pub const INDEX_FORMAT: u32 = 9;

/// The parts of a passage that are searched, each with its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The article title.
    Title,
    /// The passage's heading path (for FAQ passages: the question).
    Heading,
    /// The passage text.
    Text,
}

impl Zone {
    /// All zones.
    pub const ALL: [Zone; 3] = [Zone::Title, Zone::Heading, Zone::Text];
}

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Article id (raw string, indexed for delete/lookup, fast for grouping hits by article
    /// without reading stored documents).
    pub article_id: Field,
    /// Passage number inside the article (0 holds the article record).
    pub passage_no: Field,
    /// Language filter terms (`zh-hant`, `zh`, `uk` …).
    pub lang: Field,
    /// Stored on passage 0: the article's language code.
    pub lang_code: Field,
    /// Stored on passage 0: the article title.
    pub title: Field,
    /// The whole title as one term ([`crate::analysis::title_key`]), for queries that are
    /// the title itself; absent when the title is an excerpt of the text.
    pub title_key: Field,
    /// Stored: the heading path as a JSON array.
    pub heading_path: Field,
    /// Stored and fast: `section` or `faq`.
    pub kind: Field,
    /// Stored on passage 0: file path or URL.
    pub source: Field,
    /// Filter terms of the passage's article, `key=value` normalized like query text
    /// ([`crate::search::filter::label`]): `tag=…`, `category=…`, `lang=…` and every `meta`
    /// key.
    pub labels: Field,
    /// Fast: the same values as shown in facet counts (only case and width folded,
    /// [`crate::search::filter::facet_label`]).
    pub facet_values: Field,
    /// The article's translation-group keys ([`crate::search::translations`]), indexed to
    /// find its translations and fast to read a hit's keys.
    pub group_keys: Field,
    /// The article's `updated` day ([`crate::search::filter::Day::number`]), indexed for
    /// `updated_after` and fast for the recency boost; absent when the article has no date.
    pub updated: Field,
    /// Stored on passage 0: the article's tags, category and dates as JSON
    /// ([`crate::ArticleFacts`]); absent when it has none.
    pub facts: Field,
    /// Stored on passage 0: the passages' texts and the article record (`index/record.rs`).
    pub article: Field,
    /// Fast fields on passage 0: lines cleaning removed, per reason (chrome, artifact,
    /// duplicate, trailing), summed by `stats`.
    pub removed: [Field; 4],
    /// Fast: the passage's embedding ([`crate::semantic::vectors::encode`]), only in
    /// indexes built for semantic search.
    pub vector: Field,
    analyzed: [[Field; 3]; 3],
}

impl Fields {
    /// The analyzed field for a zone in a form.
    pub fn analyzed(&self, zone: Zone, form: Form) -> Field {
        self.analyzed[zone as usize][form as usize]
    }
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let article_id = b.add_text_field("article_id", STRING | STORED | FAST);
    let passage_no = b.add_u64_field("passage_no", INDEXED | STORED);
    let lang = b.add_text_field("lang", STRING);
    let lang_code = b.add_text_field("lang_code", STORED);
    let title = b.add_text_field("title", STORED);
    let title_key = b.add_text_field("title_key", STRING);
    let heading_path = b.add_text_field("heading_path", STORED);
    let kind = b.add_text_field("kind", STRING | STORED | FAST);
    let source = b.add_text_field("source", STORED);
    let labels = b.add_text_field("labels", STRING);
    let facet_values = b.add_text_field("facet_values", FAST);
    let group_keys = b.add_text_field("group_keys", STRING | FAST);
    let updated = b.add_u64_field("updated", INDEXED | FAST);
    let facts = b.add_text_field("facts", STORED);
    let article = b.add_bytes_field("article", STORED);
    let removed = REMOVED_FIELD_NAMES.map(|name| b.add_u64_field(name, FAST));
    let vector = b.add_bytes_field(crate::semantic::vectors::VECTOR_FIELD, FAST);
    let mut analyzed = [[article_id; 3]; 3];
    for zone in Zone::ALL {
        for form in Form::ALL {
            // Positions only where phrase queries use them (passage text, words).
            let record = if zone == Zone::Text && form == Form::Words {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            };
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TERMS_TOKENIZER)
                    .set_index_option(record),
            );
            let name = format!("{}_{}", zone_name(zone), form_name(form));
            analyzed[zone as usize][form as usize] = b.add_text_field(&name, options);
        }
    }
    let fields = Fields {
        article_id,
        passage_no,
        lang,
        lang_code,
        title,
        title_key,
        heading_path,
        kind,
        source,
        labels,
        facet_values,
        group_keys,
        updated,
        facts,
        article,
        removed,
        vector,
        analyzed,
    };
    (b.build(), fields)
}

/// Names of the removed-line count fields, in [`Fields::removed`] order.
pub const REMOVED_FIELD_NAMES: [&str; 4] = [
    "removed_chrome",
    "removed_artifact",
    "removed_duplicate",
    "removed_trailing",
];

fn zone_name(zone: Zone) -> &'static str {
    match zone {
        Zone::Title => "title",
        Zone::Heading => "heading",
        Zone::Text => "body",
    }
}

fn form_name(form: Form) -> &'static str {
    match form {
        Form::Words => "words",
        Form::Folded => "folded",
        Form::Pairs => "pairs",
    }
}
