//! The record codec: each article is stored once, on its first passage (the `article`
//! field): its passages' texts, read by search, and the article as given, read by `get`,
//! updates and `reindex`.
//!
//! Index formats 7 and 8 (8 changed only how analyzed fields reach the writer) store, after
//! [`MAGIC`] and the id of the index's texts dictionary the article was compressed with (0
//! for none, [`super::dictionary`]), two zstd frames: the
//! *texts* (the passages' texts, one after the other, behind a table of where each ends),
//! compressed with the dictionary, and the *record* (a [`StoredArticle`] without passages:
//! its JSON without the article's body, then the body as given), compressed with the texts
//! as its prefix, so that the article as given costs little more than what cleaning removed
//! from it. A hit decompresses the texts frame only. Format 6 was the same without a
//! dictionary (and without its id); formats 2–5 stored the record alone, as
//! zstd-compressed JSON (and each passage's text in its own document), format 1 as JSON
//! text; `reindex` still reads them all.

use std::cell::RefCell;

use tantivy::schema::Value;
use zstd::zstd_safe::{self, CCtx, CParameter, DCtx};

use super::dictionary::TextsDictionary;
use crate::article::{Article, StoredArticle};

/// What the stored bytes of an index-format-7 article begin with.
const MAGIC: &[u8; 4] = b"kbA7";

/// What the stored bytes of an index-format-6 article begin with (read by `reindex`).
const MAGIC_V6: &[u8; 4] = b"kbA6";

/// zstd level of the record frame and of texts frames without a dictionary: level 3 keeps
/// about 0.60 of multilingual text (the generated benchmark corpus); level 12 keeps 0.55 but
/// compresses several times slower. Texts frames with a dictionary use the dictionary's
/// level ([`super::dictionary`]).
const ZSTD_LEVEL: i32 = 3;

/// The stored bytes of an article: its passages' `texts`, in order, compressed with the
/// index's texts `dictionary` if it has one, and its record.
pub(super) fn encode(
    mut record: StoredArticle,
    texts: &[&str],
    dictionary: Option<&TextsDictionary>,
) -> Result<Vec<u8>, String> {
    let content = texts_content(texts)?;
    // The body follows the rest of the record as it is (not escaped as a JSON string), so
    // that zstd matches it against the texts in long runs.
    let body = std::mem::take(&mut record.article.body);
    let json = serde_json::to_vec(&record).map_err(|e| e.to_string())?;
    let mut record_content = Vec::with_capacity(4 + json.len() + body.len());
    record_content.extend_from_slice(
        &u32::try_from(json.len())
            .map_err(|e| e.to_string())?
            .to_le_bytes(),
    );
    record_content.extend_from_slice(&json);
    record_content.extend_from_slice(body.as_bytes());
    let texts_frame = match dictionary {
        Some(dictionary) => {
            let mut frame = Vec::with_capacity(zstd_safe::compress_bound(content.len()));
            COMPRESSOR
                .with(|cctx| {
                    cctx.borrow_mut().compress_using_cdict(
                        &mut frame,
                        &content,
                        dictionary.compression(),
                    )
                })
                .map_err(zstd_error)?;
            frame
        }
        None => compress(&content, None)?,
    };
    let record_frame = compress(&record_content, Some(&content))?;
    let mut bytes = Vec::with_capacity(12 + texts_frame.len() + record_frame.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&dictionary.map_or(0, TextsDictionary::id).to_le_bytes());
    let texts_frame_length = u32::try_from(texts_frame.len()).map_err(|e| e.to_string())?;
    bytes.extend_from_slice(&texts_frame_length.to_le_bytes());
    bytes.extend_from_slice(&texts_frame);
    bytes.extend_from_slice(&record_frame);
    Ok(bytes)
}

/// The passages' texts of an article stored by [`encode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PassageTexts {
    /// The texts, one after the other (checked as UTF-8 one passage at a time, when read).
    text: Vec<u8>,
    /// Where each passage's text ends in `text`.
    ends: Vec<usize>,
}

impl PassageTexts {
    /// The texts' length in bytes.
    pub(super) fn len(&self) -> usize {
        self.text.len()
    }

    /// The text of passage `n` (`None` past the last passage, or if it is not UTF-8).
    pub(super) fn get(&self, n: usize) -> Option<&str> {
        let end = *self.ends.get(n)?;
        let start = n.checked_sub(1).map_or(0, |previous| self.ends[previous]);
        std::str::from_utf8(&self.text[start..end]).ok()
    }
}

/// The id of the texts dictionary stored `bytes` were compressed with (0 for none).
pub(super) fn dictionary_id(bytes: &[u8]) -> Result<u32, String> {
    Ok(frames(bytes)?.0)
}

/// The passages' texts in stored `bytes` (index format 7), compressed with `dictionary`
/// (the one [`dictionary_id`] names).
pub(super) fn passage_texts(
    bytes: &[u8],
    dictionary: Option<&TextsDictionary>,
) -> Result<PassageTexts, String> {
    let (id, texts_frame, _) = frames(bytes)?;
    parse_texts(decompress_texts(texts_frame, id, dictionary)?)
}

/// The article record in stored `bytes` (index format 7), compressed with `dictionary`.
pub(super) fn decode<'a>(
    value: &impl Value<'a>,
    dictionary: Option<&TextsDictionary>,
) -> Result<StoredArticle, String> {
    let bytes = value.as_bytes().ok_or("the record is not bytes")?;
    record_of(bytes, dictionary)
}

/// The article inside a stored record of any index format (`{"article": {...}, ...}`; the
/// rest of the record may differ between formats).
pub(super) fn article_of<'a>(
    value: &impl Value<'a>,
    dictionary: Option<&TextsDictionary>,
) -> Result<Article, String> {
    if let Some(bytes) = value
        .as_bytes()
        .filter(|bytes| bytes.starts_with(MAGIC) || bytes.starts_with(MAGIC_V6))
    {
        let record = record_of(bytes, dictionary)
            .map_err(|e| format!("stored record is unreadable: {e}"))?;
        return Ok(record.article);
    }
    let json =
        legacy_record_json(value).map_err(|e| format!("stored record is unreadable: {e}"))?;
    let mut record: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| format!("stored record is not JSON: {e}"))?;
    let article = record
        .get_mut("article")
        .map(serde_json::Value::take)
        .ok_or("stored record has no `article`")?;
    serde_json::from_value(article).map_err(|e| format!("stored article is unreadable: {e}"))
}

/// The texts dictionary's id, the texts frame and the record frame of stored `bytes` (index
/// format 7, or 6 without a dictionary).
fn frames(bytes: &[u8]) -> Result<(u32, &[u8], &[u8]), String> {
    let (id, rest) = if let Some(rest) = bytes.strip_prefix(MAGIC) {
        let (id, rest) = rest.split_first_chunk::<4>().ok_or("truncated")?;
        (u32::from_le_bytes(*id), rest)
    } else {
        let rest = bytes
            .strip_prefix(MAGIC_V6)
            .ok_or("not a format-7 article (wrong magic number)")?;
        (0, rest)
    };
    let (length, rest) = rest.split_first_chunk::<4>().ok_or("truncated")?;
    let length = u32::from_le_bytes(*length) as usize;
    if length > rest.len() {
        return Err("truncated".into());
    }
    let (texts, record) = rest.split_at(length);
    Ok((id, texts, record))
}

/// The record in stored `bytes` (index format 7 or 6): its JSON's length (little-endian
/// u32), the JSON without the article's body, then the body.
fn record_of(bytes: &[u8], dictionary: Option<&TextsDictionary>) -> Result<StoredArticle, String> {
    let (id, texts_frame, record_frame) = frames(bytes)?;
    let content = decompress_texts(texts_frame, id, dictionary)?;
    let record_content = decompress(record_frame, Some(&content))?;
    let (length, rest) = record_content
        .split_first_chunk::<4>()
        .ok_or("truncated record")?;
    let (json, body) = rest
        .split_at_checked(u32::from_le_bytes(*length) as usize)
        .ok_or("truncated record")?;
    let mut record: StoredArticle = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    record.article.body = String::from_utf8(body.to_vec()).map_err(|_| "the body is not UTF-8")?;
    Ok(record)
}

/// The texts frame's content: the passage count, where each passage ends (little-endian
/// u32s), then the texts. What the texts dictionary is trained on.
pub(super) fn texts_content(texts: &[&str]) -> Result<Vec<u8>, String> {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let too_large = || format!("its passages' texts ({total} bytes) are too large to store");
    let mut content = Vec::with_capacity(4 + 4 * texts.len() + total);
    content.extend_from_slice(
        &u32::try_from(texts.len())
            .map_err(|_| too_large())?
            .to_le_bytes(),
    );
    let mut end = 0usize;
    for text in texts {
        end += text.len();
        content.extend_from_slice(&u32::try_from(end).map_err(|_| too_large())?.to_le_bytes());
    }
    for text in texts {
        content.extend_from_slice(str::as_bytes(text));
    }
    Ok(content)
}

fn parse_texts(content: Vec<u8>) -> Result<PassageTexts, String> {
    let bad = |what: &str| format!("passage texts: {what}");
    let (count, rest) = content
        .split_first_chunk::<4>()
        .ok_or_else(|| bad("truncated"))?;
    let count = u32::from_le_bytes(*count) as usize;
    let table = rest
        .get(..count.saturating_mul(4))
        .ok_or_else(|| bad("truncated table"))?;
    let ends: Vec<usize> = table
        .chunks_exact(4)
        .map(|end| u32::from_le_bytes(end.try_into().expect("chunks of 4")) as usize)
        .collect();
    let text_start = 4 + table.len();
    let mut text = content;
    text.drain(..text_start);
    let mut start = 0;
    for &end in &ends {
        if end < start || end > text.len() {
            return Err(bad("a passage ends outside the text"));
        }
        start = end;
    }
    Ok(PassageTexts { text, ends })
}

fn compress(content: &[u8], prefix: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut cctx = CCtx::create();
    cctx.set_parameter(CParameter::CompressionLevel(ZSTD_LEVEL))
        .map_err(zstd_error)?;
    if let Some(prefix) = prefix {
        cctx.ref_prefix(prefix).map_err(zstd_error)?;
    }
    let mut frame = Vec::with_capacity(zstd_safe::compress_bound(content.len()));
    cctx.compress2(&mut frame, content).map_err(zstd_error)?;
    Ok(frame)
}

/// A zstd error code as a message.
fn zstd_error(code: zstd_safe::ErrorCode) -> String {
    format!("zstd: {}", zstd_safe::get_error_name(code))
}

thread_local! {
    /// A compression context per thread for texts compressed with the dictionary: creating
    /// one per article showed in profiles.
    static COMPRESSOR: RefCell<CCtx<'static>> = RefCell::new(CCtx::create());
    /// A decompression context per thread: creating one per hit showed in profiles.
    static DECOMPRESSOR: RefCell<DCtx<'static>> = RefCell::new(DCtx::create());
}

/// The content of a texts frame compressed with the texts dictionary `id` (0 for none),
/// which `dictionary` must be.
fn decompress_texts(
    frame: &[u8],
    id: u32,
    dictionary: Option<&TextsDictionary>,
) -> Result<Vec<u8>, String> {
    if id == 0 {
        return decompress(frame, None);
    }
    let dictionary = dictionary.filter(|d| d.id() == id).ok_or_else(|| {
        format!(
            "compressed with texts dictionary {id}, which the index folder's {} is not",
            super::dictionary::DICTIONARY_FILE
        )
    })?;
    let size = content_size(frame)?;
    let mut content = Vec::with_capacity(size);
    DECOMPRESSOR
        .with(|dctx| {
            dctx.borrow_mut().decompress_using_ddict(
                &mut content,
                frame,
                dictionary.decompression(),
            )
        })
        .map_err(zstd_error)?;
    if content.len() != size {
        return Err("the zstd frame is shorter than it claims".into());
    }
    Ok(content)
}

/// The content size a zstd `frame` declares, checked.
fn content_size(frame: &[u8]) -> Result<usize, String> {
    let size = zstd_safe::get_frame_content_size(frame)
        .map_err(|_| "not a zstd frame".to_string())?
        .ok_or("the zstd frame does not give its size")?;
    // A stored article is far below 4 GiB (its texts' table counts in u32).
    usize::try_from(size)
        .ok()
        .filter(|&size| size <= u32::MAX as usize)
        .ok_or_else(|| "the zstd frame claims an impossible size".to_string())
}

/// The content of a zstd `frame` compressed with `prefix` (if any).
fn decompress(frame: &[u8], prefix: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let size = content_size(frame)?;
    let mut content = Vec::with_capacity(size);
    match prefix {
        // The prefix is borrowed for one frame: a context of its own.
        Some(prefix) => {
            let mut dctx = DCtx::create();
            dctx.ref_prefix(prefix).map_err(zstd_error)?;
            dctx.decompress(&mut content, frame).map_err(zstd_error)?
        }
        None => DECOMPRESSOR
            .with(|dctx| dctx.borrow_mut().decompress(&mut content, frame))
            .map_err(zstd_error)?,
    };
    if content.len() != size {
        return Err("the zstd frame is shorter than it claims".into());
    }
    Ok(content)
}

/// The JSON of a record of index formats 1–5: zstd-compressed bytes (formats 2–5) or text
/// (format 1).
fn legacy_record_json<'a>(value: &impl Value<'a>) -> Result<Vec<u8>, String> {
    if let Some(text) = value.as_str() {
        return Ok(text.as_bytes().to_vec());
    }
    let bytes = value.as_bytes().ok_or("record is neither text nor bytes")?;
    zstd::stream::decode_all(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> StoredArticle {
        StoredArticle {
            article: Article::new("kb-1", "Бюджет", body())
                .with_lang("uk")
                .with_tags(["finance"]),
            title: "Бюджет".into(),
            lang: "uk".into(),
            fingerprint: "f1".into(),
            passages: Vec::new(),
        }
    }

    fn body() -> String {
        "Бюджет — це план доходів і витрат. ".repeat(50)
    }

    #[test]
    fn texts_and_record_round_trip() {
        let record = record();
        let body = body();
        let texts = [&body[..171], "", &body[171..], "Ціна — 5 €."];
        let bytes = encode(record.clone(), &texts, None).unwrap();
        assert!(bytes.starts_with(MAGIC));
        let stored = passage_texts(&bytes, None).unwrap();
        for (n, text) in texts.iter().enumerate() {
            assert_eq!(stored.get(n), Some(*text));
        }
        assert_eq!(stored.get(texts.len()), None);
        assert_eq!(decode(&bytes.as_slice(), None).unwrap(), record);
        assert_eq!(article_of(&bytes.as_slice(), None).unwrap(), record.article);
    }

    /// A texts dictionary trained on articles like `record()`'s.
    fn dictionary() -> TextsDictionary {
        let samples: Vec<Vec<u8>> = (0..400)
            .map(|i| {
                let text = format!("Стаття {i}: {}", body().repeat(1 + i % 3));
                texts_content(&[&text, "Ціна — 5 €."]).unwrap()
            })
            .collect();
        TextsDictionary::from_bytes(TextsDictionary::train(&samples).unwrap()).unwrap()
    }

    #[test]
    fn texts_compressed_with_a_dictionary_need_it() {
        let record = record();
        let body = body();
        let texts = [&body[..171], &body[171..]];
        let dictionary = dictionary();
        let bytes = encode(record.clone(), &texts, Some(&dictionary)).unwrap();
        let plain = encode(record.clone(), &texts, None).unwrap();
        assert!(
            bytes.len() < plain.len(),
            "{} vs {}",
            bytes.len(),
            plain.len()
        );
        assert_eq!(dictionary_id(&bytes), Ok(dictionary.id()));
        assert_eq!(dictionary_id(&plain), Ok(0));
        let stored = passage_texts(&bytes, Some(&dictionary)).unwrap();
        assert_eq!(
            (stored.get(0), stored.get(1)),
            (Some(texts[0]), Some(texts[1]))
        );
        assert_eq!(
            decode(&bytes.as_slice(), Some(&dictionary)).unwrap(),
            record
        );
        // Without it (or with another), the error names the dictionary file.
        let err = passage_texts(&bytes, None).unwrap_err();
        assert!(err.contains("texts.zdict"), "{err}");
        let err = article_of(&bytes.as_slice(), None).unwrap_err();
        assert!(err.contains("texts dictionary"), "{err}");
        // A record without a dictionary reads the same with one loaded.
        assert_eq!(
            decode(&plain.as_slice(), Some(&dictionary)).unwrap(),
            record
        );
    }

    #[test]
    fn format_6_records_are_read() {
        // Format 6: the same frames after its own magic number, without a dictionary id.
        let record = record();
        let plain = encode(record.clone(), &["перший", "другий"], None).unwrap();
        let mut format_6 = MAGIC_V6.to_vec();
        format_6.extend_from_slice(&plain[8..]);
        assert_eq!(
            article_of(&format_6.as_slice(), None).unwrap(),
            record.article
        );
        assert_eq!(
            passage_texts(&format_6, None).unwrap().get(1),
            Some("другий")
        );
    }

    #[test]
    fn the_record_costs_little_beside_texts_that_repeat_it() {
        // Real help-center text (the zh-Hans sample article's lead), so the figures are
        // those of prose rather than of a repeated sentence.
        let text = crate::ingest::seed_fixtures::S1;
        let record = StoredArticle {
            article: Article::new("zh", "客服经理", text),
            title: "客服经理".into(),
            lang: "zh-Hans".into(),
            fingerprint: "f".into(),
            passages: Vec::new(),
        };
        let texts: Vec<&str> = text.split("\n\n").collect();
        let both = encode(record.clone(), &texts, None).unwrap();
        let record_alone = compress(&serde_json::to_vec(&record).unwrap(), None).unwrap();
        // The texts and the record together take less than 1.2 times the record alone
        // (without the prefix they would take about twice).
        assert!(
            both.len() * 10 < record_alone.len() * 12,
            "{} vs {}",
            both.len(),
            record_alone.len()
        );
    }

    #[test]
    fn format_5_zstd_and_format_1_text_records_are_read() {
        let record = record();
        let format_5 = zstd::bulk::compress(&serde_json::to_vec(&record).unwrap(), 3).unwrap();
        assert_eq!(
            article_of(&format_5.as_slice(), None).unwrap(),
            record.article
        );
        // Format 1: uncompressed JSON text, with fields later formats dropped.
        let json = r#"{"article": {"id": "old", "title": "T", "body": "B"}, "passages": 3}"#;
        let article = article_of(&json, None).unwrap();
        assert_eq!((article.id.as_str(), article.body.as_str()), ("old", "B"));
    }

    #[test]
    fn unreadable_records_say_why() {
        let not_zstd: &[u8] = b"plain bytes";
        assert!(
            decode(&not_zstd, None)
                .unwrap_err()
                .contains("wrong magic number")
        );
        let err = article_of(&not_zstd, None).unwrap_err();
        assert!(err.starts_with("stored record is unreadable: "), "{err}");
        let err = article_of(&&7u64, None).unwrap_err();
        assert!(err.contains("neither text nor bytes"), "{err}");
        let err = article_of(&"{oops", None).unwrap_err();
        assert!(err.starts_with("stored record is not JSON: "), "{err}");
        let err = article_of(&r#"{"title": "T"}"#, None).unwrap_err();
        assert_eq!(err, "stored record has no `article`");
        let err = article_of(&r#"{"article": {"id": 5}}"#, None).unwrap_err();
        assert!(err.starts_with("stored article is unreadable: "), "{err}");
    }

    #[test]
    fn damaged_bytes_are_errors_not_panics() {
        let dictionary = dictionary();
        for dictionary in [None, Some(&dictionary)] {
            damaged_bytes_are_errors(dictionary);
        }
    }

    fn damaged_bytes_are_errors(dictionary: Option<&TextsDictionary>) {
        let bytes = encode(record(), &["перший", "другий"], dictionary).unwrap();
        // Cut anywhere, or with a byte flipped anywhere: an error (or, for a flip inside
        // the record frame, possibly a record that fails to parse), never a panic.
        for cut in 0..bytes.len() {
            assert!(passage_texts(&bytes[..cut], dictionary).is_err() || cut >= texts_end(&bytes));
            assert!(decode(&&bytes[..cut], dictionary).is_err());
        }
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x55;
            let _ = passage_texts(&damaged, dictionary);
            let _ = decode(&damaged.as_slice(), dictionary);
            let _ = article_of(&damaged.as_slice(), dictionary);
        }
    }

    /// Where the texts frame ends in stored `bytes`.
    fn texts_end(bytes: &[u8]) -> usize {
        12 + u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize
    }
}
