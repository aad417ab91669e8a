//! The record codec: each article is stored whole, as given, on its first passage (the
//! `article` field), for `get`, updates and `reindex`.
//!
//! A record is a [`StoredArticle`] (without passages) as JSON, compressed with zstd (index
//! formats 2 and up); format 1 stored the JSON as text, which `reindex` still reads.

use tantivy::schema::Value;

use crate::article::{Article, StoredArticle};

/// zstd level of stored article records: level 3 makes them about half the size tantivy's
/// LZ4 document store would (they are read by `get`, updates and `reindex`, never by search,
/// whose passages stay in LZ4 blocks that are fast to read).
const RECORD_ZSTD_LEVEL: i32 = 3;

/// The stored bytes of an article record.
pub(super) fn encode(record: &StoredArticle) -> Result<Vec<u8>, String> {
    serde_json::to_vec(record)
        .map_err(|e| e.to_string())
        .and_then(|json| compress_record(&json).map_err(|e| e.to_string()))
}

/// The article record stored in `value` (the current format's record).
pub(super) fn decode<'a>(value: &impl Value<'a>) -> Result<StoredArticle, String> {
    record_json(value)
        .map_err(|e| e.to_string())
        .and_then(|json| serde_json::from_str(&json).map_err(|e| e.to_string()))
}

/// The article inside a stored record of any index format (`{"article": {...}, ...}`; the
/// rest of the record may differ between formats).
pub(super) fn article_of<'a>(value: &impl Value<'a>) -> Result<Article, String> {
    let json = record_json(value).map_err(|e| format!("stored record is unreadable: {e}"))?;
    let mut record: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("stored record is not JSON: {e}"))?;
    let article = record
        .get_mut("article")
        .map(serde_json::Value::take)
        .ok_or("stored record has no `article`")?;
    serde_json::from_value(article).map_err(|e| format!("stored article is unreadable: {e}"))
}

fn compress_record(json: &[u8]) -> std::io::Result<Vec<u8>> {
    zstd::bulk::compress(json, RECORD_ZSTD_LEVEL)
}

/// The JSON of a stored article record: zstd-compressed bytes (index formats 2 and up) or
/// text (format 1, read by `reindex`).
fn record_json<'a>(value: &impl Value<'a>) -> std::io::Result<String> {
    if let Some(text) = value.as_str() {
        return Ok(text.to_string());
    }
    let bytes = value.as_bytes().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "record is neither text nor bytes",
        )
    })?;
    let json = zstd::stream::decode_all(bytes)?;
    String::from_utf8(json).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> StoredArticle {
        StoredArticle {
            article: Article::new(
                "kb-1",
                "Бюджет",
                "Бюджет — це план доходів і витрат. ".repeat(50),
            )
            .with_lang("uk")
            .with_tags(["finance"]),
            title: "Бюджет".into(),
            lang: "uk".into(),
            fingerprint: "f1".into(),
            passages: Vec::new(),
        }
    }

    #[test]
    fn records_round_trip_through_zstd() {
        let record = record();
        let bytes = encode(&record).unwrap();
        // Compressed: zstd's magic number, and much smaller than the repetitive JSON.
        assert_eq!(bytes[..4], [0x28, 0xB5, 0x2F, 0xFD]);
        assert!(bytes.len() < serde_json::to_vec(&record).unwrap().len() / 4);
        assert_eq!(decode(&bytes.as_slice()).unwrap(), record);
        let article = article_of(&bytes.as_slice()).unwrap();
        assert_eq!(article, record.article);
    }

    #[test]
    fn format_1_text_records_are_read() {
        // Format 1: uncompressed JSON text, with fields later formats dropped.
        let json = r#"{"article": {"id": "old", "title": "T", "body": "B"}, "passages": 3}"#;
        let article = article_of(&json).unwrap();
        assert_eq!((article.id.as_str(), article.body.as_str()), ("old", "B"));
    }

    #[test]
    fn unreadable_records_say_why() {
        let not_zstd: &[u8] = b"plain bytes";
        assert!(decode(&not_zstd).is_err());
        let err = article_of(&not_zstd).unwrap_err();
        assert!(err.starts_with("stored record is unreadable: "), "{err}");
        let err = article_of(&&7u64).unwrap_err();
        assert!(err.contains("neither text nor bytes"), "{err}");
        let err = article_of(&"{oops").unwrap_err();
        assert!(err.starts_with("stored record is not JSON: "), "{err}");
        let err = article_of(&r#"{"title": "T"}"#).unwrap_err();
        assert_eq!(err, "stored record has no `article`");
        let err = article_of(&r#"{"article": {"id": 5}}"#).unwrap_err();
        assert!(err.starts_with("stored article is unreadable: "), "{err}");
    }
}
