//! `kbsearch.json`: the index format an index folder was written with, so that an index of
//! another format is refused on open instead of misread.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::schema::INDEX_FORMAT;
use crate::error::{KbError, Result};

/// Name of kbsearch's own metadata file inside an index folder.
pub const META_FILE: &str = "kbsearch.json";

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct IndexMeta {
    format: u32,
    created_by: String,
    /// The embedding model whose passage vectors the index holds
    /// ([`crate::semantic::MODEL_NAME`]); absent without vectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) vectors: Option<String>,
}

/// Record this build's index format in the index folder `path`, with the model of its
/// passage vectors if it has them ([`super::write_atomically`]: a crash never leaves half
/// a file).
pub(super) fn write_meta(path: &Path, vectors: Option<&str>) -> Result<()> {
    let meta = IndexMeta {
        format: INDEX_FORMAT,
        created_by: format!("kbsearch {}", env!("CARGO_PKG_VERSION")),
        vectors: vectors.map(str::to_string),
    };
    let json = serde_json::to_string_pretty(&meta).expect("meta serializes");
    super::write_atomically(
        &path.join(META_FILE),
        &path.join(format!("{META_FILE}.tmp")),
        json.as_bytes(),
    )
}

/// Check that the index folder `path` was written with this build's index format:
/// [`KbError::IndexVersion`] when the file is missing or names another format,
/// [`KbError::Corrupt`] when it cannot be parsed. Returns what the file says.
pub(super) fn check_meta(path: &Path) -> Result<IndexMeta> {
    let file = path.join(META_FILE);
    let expected = format!("kbsearch index format {INDEX_FORMAT}");
    let text = std::fs::read_to_string(&file).map_err(|_| KbError::IndexVersion {
        path: path.into(),
        found: format!("no {META_FILE} (not a kbsearch index, or an older kbsearch)"),
        expected: expected.clone(),
    })?;
    let meta: IndexMeta = serde_json::from_str(&text).map_err(|e| KbError::Corrupt {
        path: path.into(),
        message: format!("{META_FILE}: {e}"),
    })?;
    if meta.format != INDEX_FORMAT {
        return Err(KbError::IndexVersion {
            path: path.into(),
            found: format!("index format {} ({})", meta.format, meta.created_by),
            expected,
        });
    }
    Ok(meta)
}

/// The model of the passage vectors recorded in the index folder `path`, whatever its
/// format; `None` without vectors or without a readable `kbsearch.json`.
pub fn recorded_vectors(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path.join(META_FILE)).ok()?;
    serde_json::from_str::<IndexMeta>(&text).ok()?.vectors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_meta_passes_the_check_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        write_meta(dir.path(), None).unwrap();
        assert_eq!(check_meta(dir.path()).unwrap().vectors, None);
        write_meta(dir.path(), Some("model")).unwrap();
        assert_eq!(
            check_meta(dir.path()).unwrap().vectors.as_deref(),
            Some("model")
        );
        let text = std::fs::read_to_string(dir.path().join(META_FILE)).unwrap();
        let meta: IndexMeta = serde_json::from_str(&text).unwrap();
        assert_eq!(meta.format, INDEX_FORMAT);
        assert_eq!(
            meta.created_by,
            format!("kbsearch {}", env!("CARGO_PKG_VERSION"))
        );
        assert!(!dir.path().join(format!("{META_FILE}.tmp")).exists());
    }

    #[test]
    fn another_format_is_a_version_error_naming_both_formats() {
        let dir = tempfile::tempdir().unwrap();
        let old = INDEX_FORMAT - 1;
        std::fs::write(
            dir.path().join(META_FILE),
            format!(r#"{{"format": {old}, "created_by": "kbsearch 0.0.1"}}"#),
        )
        .unwrap();
        match check_meta(dir.path()).unwrap_err() {
            KbError::IndexVersion {
                path,
                found,
                expected,
            } => {
                assert_eq!(path, dir.path());
                assert_eq!(found, format!("index format {old} (kbsearch 0.0.1)"));
                assert_eq!(expected, format!("kbsearch index format {INDEX_FORMAT}"));
            }
            other => panic!("expected IndexVersion, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_file_is_a_version_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        match check_meta(dir.path()).unwrap_err() {
            KbError::IndexVersion { found, .. } => {
                assert!(found.starts_with(&format!("no {META_FILE} ")), "{found}");
            }
            other => panic!("expected IndexVersion, got {other:?}"),
        }
    }

    #[test]
    fn an_unparsable_file_is_corrupt_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(META_FILE), "{ not json").unwrap();
        match check_meta(dir.path()).unwrap_err() {
            KbError::Corrupt { path, message } => {
                assert_eq!(path, dir.path());
                assert!(message.starts_with(&format!("{META_FILE}: ")), "{message}");
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }
}
