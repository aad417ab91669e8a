//! A glossary: terms that mean the same thing, within a language and across languages
//! (`refund ⇄ 退款 ⇄ повернення коштів ⇄ hoàn tiền`, `budget management ⇄ 預算管理`).
//!
//! A glossary file is a JSON array of entries, each an array of two or more terms (words or
//! phrases, any language):
//!
//! ```json
//! [["refund", "退款", "повернення коштів", "hoàn tiền"],
//!  ["budget management", "預算管理"]]
//! ```
//!
//! `kbsearch glossary import FILE` stores it in the index folder ([`GLOSSARY_FILE`],
//! replacing the one there) and it applies to every query from then on, with no
//! re-indexing: when the query holds a term of an entry (compared after
//! [`analysis::normalize_for_matching`], whole words for spaced scripts), the entry's other
//! terms are searched too, at [`GLOSSARY_WEIGHT`] of an exact match.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis;
use crate::error::{KbError, Result};
use crate::ingest::formats::json::json_error;

/// The glossary's file in an index folder.
pub const GLOSSARY_FILE: &str = "glossary.json";

/// Weight of a glossary term against the query's own words (1).
pub const GLOSSARY_WEIGHT: f32 = 0.5;

/// Entries of terms that mean the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Glossary {
    /// The entries, as imported.
    pub entries: Vec<GlossaryEntry>,
}

/// Two or more terms that mean the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct GlossaryEntry {
    /// The terms, trimmed, as written.
    pub terms: Vec<String>,
    /// Each term as [`Glossary::expand`] matches it (normalized, then [`spaced`]), made
    /// once when the entry is read instead of on every query.
    #[serde(skip)]
    keys: Vec<String>,
}

impl TryFrom<Vec<String>> for GlossaryEntry {
    type Error = String;

    fn try_from(terms: Vec<String>) -> std::result::Result<Self, String> {
        let mut kept: Vec<String> = Vec::new();
        let mut normalized: Vec<String> = Vec::new();
        for term in terms {
            let term = term.trim().to_string();
            let key = analysis::normalize_for_matching(&term);
            if !key.is_empty() && !normalized.contains(&key) {
                kept.push(term);
                normalized.push(key);
            }
        }
        if kept.len() < 2 {
            return Err(format!(
                "a glossary entry needs at least two different terms, got {kept:?}"
            ));
        }
        let keys = normalized.iter().map(|key| spaced(key)).collect();
        Ok(GlossaryEntry { terms: kept, keys })
    }
}

impl From<GlossaryEntry> for Vec<String> {
    fn from(entry: GlossaryEntry) -> Self {
        entry.terms
    }
}

impl Glossary {
    /// Parse a glossary file's text; errors name the line and column.
    pub fn parse(path: &Path, text: &str) -> Result<Glossary> {
        serde_json::from_str(text).map_err(|e| KbError::Format {
            path: path.into(),
            source: json_error(text, e.line(), &e),
        })
    }

    /// Read a glossary file.
    pub fn read(path: &Path) -> Result<Glossary> {
        let text = std::fs::read_to_string(path).map_err(|e| KbError::io(path, e))?;
        Glossary::parse(path, &text)
    }

    /// The glossary stored in an index folder (empty when none was imported).
    pub fn stored_in(index: &Path) -> Result<Glossary> {
        let path = index.join(GLOSSARY_FILE);
        match path.exists() {
            true => Glossary::read(&path),
            false => Ok(Glossary::default()),
        }
    }

    /// Store the glossary in an index folder, atomically (a crash leaves the old one).
    pub fn store_in(&self, index: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).expect("strings serialize");
        crate::index::write_atomically(
            &index.join(GLOSSARY_FILE),
            &index.join(format!("{GLOSSARY_FILE}.tmp")),
            text.as_bytes(),
        )
    }

    /// The entries the query holds a term of, and the text of their other terms to search
    /// too (one per line).
    pub fn expand(&self, query: &str) -> (Vec<&GlossaryEntry>, String) {
        let mut fired = Vec::new();
        let mut text = String::new();
        if self.entries.is_empty() {
            return (fired, text);
        }
        let query = spaced(&analysis::normalize_for_matching(query));
        for entry in &self.entries {
            let held: Vec<bool> = entry.keys.iter().map(|key| query.contains(key)).collect();
            if held.iter().any(|&h| h) {
                fired.push(entry);
                for (term, held) in entry.terms.iter().zip(held) {
                    if !held {
                        text.push_str(term);
                        text.push('\n');
                    }
                }
            }
        }
        (fired, text)
    }
}

/// The text with words split at anything but letters and digits, each word framed by
/// spaces (so a term matches whole words); Chinese characters are their own words.
fn spaced(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if analysis::script::is_han(c) {
            out.push(c);
            out.push(' ');
        } else if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Glossary;

    #[test]
    fn entries_fire_on_whole_words_in_any_form() {
        let glossary = Glossary::parse(
            Path::new("g.json"),
            r#"[["refund", "退款", "повернення коштів", "hoàn tiền"], ["budget management", "預算管理"]]"#,
        )
        .unwrap();
        let (fired, text) = glossary.expand("How do I get a REFUND?");
        assert_eq!(fired.len(), 1);
        assert_eq!(text, "退款\nповернення коштів\nhoàn tiền\n");
        // Toneless Vietnamese, Simplified for Traditional.
        assert_eq!(
            glossary.expand("hoan tien").1,
            "refund\n退款\nповернення коштів\n"
        );
        assert_eq!(glossary.expand("预算管理").1, "budget management\n");
        // Whole words only: "refunds" is not "refund", "management" alone is not the entry.
        assert!(glossary.expand("refunds").0.is_empty());
        assert!(glossary.expand("management").0.is_empty());
    }

    #[test]
    fn bad_files_name_the_line() {
        for (text, says) in [
            ("[[\"refund\", \"退款\"],\n [\"only one\"]]", "line 2"),
            ("[[\"a\", \"A\"]]", "two different terms"),
            ("{\"refund\": 1}", "line 1"),
            ("[[\"refund\",\n \"退款\"", "line 2"),
        ] {
            let err = Glossary::parse(Path::new("glossary.json"), text).unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("glossary.json: "), "{message}");
            assert!(message.contains(says), "{text}: {message}");
        }
    }
}
