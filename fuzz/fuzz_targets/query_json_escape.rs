//! Queries that arrive as JSON (MCP server, Python, `--json` input): the bytes are the inside
//! of a JSON string literal, escapes included (`\ud800` lone surrogates, `\u0000`…). Decoded
//! strictly as a `String` (serde_json refuses lone surrogates: that is fine) and leniently as
//! bytes (lone surrogates kept as WTF-8, then replaced by U+FFFD), each is searched. The bytes
//! are also read as a whole `SearchRequest` object.
#![no_main]

use kbsearch::SearchRequest;
use libfuzzer_sys::fuzz_target;
use serde::de::{Deserializer, Error, Visitor};

/// Accepts a JSON string as raw bytes (serde_json then keeps lone surrogates as WTF-8).
struct Bytes;

impl Visitor<'_> for Bytes {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Vec<u8>, E> {
        Ok(v.as_bytes().to_vec())
    }
}

fuzz_target!(|data: &[u8]| {
    let mut literal = Vec::with_capacity(data.len() + 2);
    literal.push(b'"');
    literal.extend_from_slice(data);
    literal.push(b'"');
    if let Ok(query) = serde_json::from_slice::<String>(&literal) {
        kbsearch_fuzz::search_checked(&SearchRequest::new(query));
    }
    let mut de = serde_json::Deserializer::from_slice(&literal);
    if let Ok(bytes) = de.deserialize_bytes(Bytes) {
        let query = String::from_utf8_lossy(&bytes).into_owned();
        kbsearch_fuzz::search_checked(&SearchRequest::new(query).lang("zh"));
    }
    if let Ok(request) = serde_json::from_slice::<SearchRequest>(data) {
        kbsearch_fuzz::search_checked(&request);
    }
});
