//! The texts dictionary: a zstd dictionary trained on an index's passage texts, kept in
//! the index folder ([`DICTIONARY_FILE`]) and never changed once written.
//!
//! Each article's passage texts are one small zstd frame ([`super::record`]). Alone, a
//! frame starts with no history, so the words and phrases every article of a help center
//! shares (its product names, its boilerplate, a language's common words) are paid for in
//! every frame. A dictionary trained on the first text an index is given holds them
//! once: held-out real text keeps 0.441 of its size instead of 0.594 ([`DICTIONARY_SIZE`]).
//!
//! The dictionary is trained when at least [`MIN_TRAINING_BYTES`] of article text is written
//! to an index that has none: in one batch (its first `kbsearch index` of a real help center,
//! or `reindex`), or in smaller ones written by one process (`upsert` in a loop), whose
//! passages are kept as samples meanwhile. Articles written before keep frames without it
//! (their record says which dictionary, if any, they need). It is written before any article
//! using it is committed, under the writer lock, to a temporary file renamed into place.

use std::path::Path;
use std::sync::OnceLock;

use zstd::zstd_safe::{CDict, DDict};

use crate::error::{KbError, Result};

/// Name of the texts dictionary inside an index folder.
pub const DICTIONARY_FILE: &str = "texts.zdict";

/// Largest dictionary trained (a quarter of the samples at most). Measured on held-out
/// passages of real text (3 000 Wikipedia paragraphs in Chinese, English, Vietnamese and
/// Ukrainian from the public sets, dictionary trained on 600 others), the share of their
/// size zstd keeps: 0.594 without a dictionary (level 3); 110 KiB 0.51 (level 3), 0.467
/// (level 7); 256 KiB 0.441 (level 7); 512 KiB 0.435. On the generated benchmark corpus:
/// 0.583; 110 KiB 0.451; 256 KiB 0.412; 512 KiB 0.379 (more than real text gains).
const DICTIONARY_SIZE: usize = 256 * 1024;

/// Fewest bytes of article text a batch needs to train the dictionary on: below this a
/// dictionary learns too little to pay for itself.
pub const MIN_TRAINING_BYTES: usize = 512 * 1024;

/// Most bytes of passage texts the dictionary is trained on.
const MAX_TRAINING_BYTES: usize = 16 << 20;

/// zstd level of the texts frames compressed with the dictionary: with one, level 7 keeps
/// 0.441 of real text where level 3 keeps 0.486 (measured as above); indexing measured no
/// faster at level 5.
const LEVEL: i32 = 7;

/// A texts dictionary, ready to compress and decompress with.
pub struct TextsDictionary {
    id: u32,
    bytes: Vec<u8>,
    /// Made on first use: a reader only decompresses.
    compress: OnceLock<CDict<'static>>,
    decompress: DDict<'static>,
}

impl std::fmt::Debug for TextsDictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextsDictionary")
            .field("id", &self.id)
            .field("size", &self.bytes.len())
            .finish()
    }
}

impl TextsDictionary {
    /// A dictionary from its bytes (as zstd's trainer writes them); `None` when they are not
    /// a zstd dictionary with an id.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Self> {
        let id = zstd::zstd_safe::get_dict_id_from_dict(&bytes)?.get();
        Some(TextsDictionary {
            id,
            decompress: DDict::create(&bytes),
            bytes,
            compress: OnceLock::new(),
        })
    }

    /// Train a dictionary on `samples` (each article's texts frame content, as
    /// [`super::record::texts_content`] lays it out), using at most
    /// [`MAX_TRAINING_BYTES`] of them. Returns its bytes, or `None` when zstd cannot
    /// train one (too few or too uniform samples).
    pub fn train<S: AsRef<[u8]>>(samples: &[S]) -> Option<Vec<u8>> {
        let mut total = 0;
        let used = samples
            .iter()
            .take_while(|s| {
                total += s.as_ref().len();
                total <= MAX_TRAINING_BYTES
            })
            .count();
        let samples = &samples[..used.max(1).min(samples.len())];
        let bytes: usize = samples.iter().map(|s| s.as_ref().len()).sum();
        zstd::dict::from_samples(samples, DICTIONARY_SIZE.min(bytes / 4)).ok()
    }

    /// The dictionary's id, which each frame compressed with it records.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The dictionary's size in bytes.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }

    /// The dictionary's bytes, as written in [`DICTIONARY_FILE`].
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(super) fn compression(&self) -> &CDict<'static> {
        self.compress
            .get_or_init(|| CDict::create(&self.bytes, LEVEL))
    }

    pub(super) fn decompression(&self) -> &DDict<'static> {
        &self.decompress
    }
}

/// The texts dictionary of the index folder `dir`, if it has one.
pub(super) fn load(dir: &Path) -> Result<Option<TextsDictionary>> {
    let file = dir.join(DICTIONARY_FILE);
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(KbError::io(&file, e)),
    };
    TextsDictionary::from_bytes(bytes)
        .map(Some)
        .ok_or_else(|| KbError::Corrupt {
            path: dir.into(),
            message: format!("{DICTIONARY_FILE} is not a zstd dictionary"),
        })
}

/// Write the dictionary `bytes` into the index folder `dir` ([`super::write_atomically`]:
/// a crash leaves either no dictionary or the whole one, and the rename is durable before
/// any commit refers to the dictionary).
pub(super) fn save(dir: &Path, bytes: &[u8]) -> Result<()> {
    super::write_atomically(
        &dir.join(DICTIONARY_FILE),
        &dir.join(format!("{DICTIONARY_FILE}.tmp")),
        bytes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Samples shaped like help-center articles in several languages, each different.
    pub(crate) fn samples(count: usize) -> Vec<Vec<u8>> {
        let sentences = [
            "To reset your password, open Settings and choose Security.",
            "如需重設密碼，請打開設定並選擇安全性。",
            "Щоб скинути пароль, відкрийте Налаштування та виберіть Безпека.",
            "Để đặt lại mật khẩu, hãy mở Cài đặt và chọn Bảo mật.",
            "Contact our support team if the link in the email has expired.",
        ];
        (0..count)
            .map(|i| {
                let mut text = format!("Article {i}: ");
                for k in 0..12 {
                    text.push_str(sentences[(i * 7 + k * 3) % sentences.len()]);
                    text.push_str(&format!(" ({} {})\n", i * 31 + k, k * k));
                }
                text.into_bytes()
            })
            .collect()
    }

    #[test]
    fn a_trained_dictionary_is_saved_loaded_and_identified() {
        let bytes = TextsDictionary::train(&samples(2000)).expect("trains");
        assert!(bytes.len() <= DICTIONARY_SIZE);
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_none());
        save(dir.path(), &bytes).unwrap();
        let loaded = load(dir.path()).unwrap().expect("saved");
        assert_eq!(loaded.size(), bytes.len());
        assert_eq!(loaded.bytes(), bytes);
        assert_eq!(
            loaded.id(),
            TextsDictionary::from_bytes(bytes).unwrap().id()
        );
        assert_ne!(loaded.id(), 0);
        assert!(!dir.path().join(format!("{DICTIONARY_FILE}.tmp")).exists());
    }

    #[test]
    fn a_damaged_dictionary_file_is_corrupt_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DICTIONARY_FILE), b"not a dictionary").unwrap();
        let error = load(dir.path()).unwrap_err();
        assert!(matches!(error, KbError::Corrupt { .. }), "{error:?}");
        assert!(error.to_string().contains(DICTIONARY_FILE), "{error}");
    }

    #[test]
    fn too_few_samples_train_nothing() {
        assert!(TextsDictionary::train(&samples(1)).is_none());
    }
}
