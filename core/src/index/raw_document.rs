//! A stored document's values read straight from the document store's bytes.
//!
//! tantivy's deserializer reads a bytes value one byte at a time: for an article's first
//! passage, whose `article` field holds the passages' texts (a few KB compressed), that was
//! a tenth of a query's time. This reads the same binary layout (tantivy's
//! `BinaryDocumentSerializer`: the value count as a VInt, then per value its field as a
//! little-endian u32, a type code and the value) for the three value types kbsearch stores
//! (text, u64, bytes), borrowing the values from the store's block. A document holding any
//! other type is left to tantivy's own reader (`None`).

use std::ops::Range;

use tantivy::DocId;
use tantivy::directory::OwnedBytes;
use tantivy::schema::Field;
use tantivy::store::StoreReader;

/// tantivy's value type codes (`schema::document::type_codes`).
const TEXT_CODE: u8 = 0;
const U64_CODE: u8 = 1;
const BYTES_CODE: u8 = 4;

/// The stored values of one document, as found in the document store.
pub(super) struct RawDocument {
    bytes: OwnedBytes,
    values: Vec<(Field, RawValue)>,
}

#[derive(Clone)]
enum RawValue {
    Text(Range<usize>),
    U64(u64),
    Bytes(Range<usize>),
}

impl RawDocument {
    /// Document `doc_id` of `store`; `None` when it holds a value type this does not read.
    pub(super) fn read(store: &StoreReader, doc_id: DocId) -> tantivy::Result<Option<Self>> {
        let bytes = store.get_document_bytes(doc_id)?;
        Ok(parse(&bytes).map(|values| RawDocument { bytes, values }))
    }

    /// The first text of `field` ("" when absent or not UTF-8).
    pub(super) fn text(&self, field: Field) -> &str {
        self.first(field, |value| match value {
            RawValue::Text(range) => std::str::from_utf8(&self.bytes[range.clone()]).ok(),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// The first number of `field` (0 when absent).
    pub(super) fn number(&self, field: Field) -> u64 {
        self.first(field, |value| match value {
            RawValue::U64(number) => Some(*number),
            _ => None,
        })
        .unwrap_or(0)
    }

    /// The first bytes of `field`.
    pub(super) fn bytes(&self, field: Field) -> Option<&[u8]> {
        self.first(field, |value| match value {
            RawValue::Bytes(range) => Some(&self.bytes[range.clone()]),
            _ => None,
        })
    }

    fn first<'a, T>(&'a self, field: Field, get: impl Fn(&'a RawValue) -> Option<T>) -> Option<T> {
        self.values
            .iter()
            .filter(|(f, _)| *f == field)
            .find_map(|(_, value)| get(value))
    }
}

/// The values of a stored document's `bytes`; `None` for a type this does not read or bytes
/// that end too soon.
fn parse(bytes: &[u8]) -> Option<Vec<(Field, RawValue)>> {
    let mut at = 0;
    let count = vint(bytes, &mut at)?;
    let mut values = Vec::with_capacity(count.min(64) as usize);
    for _ in 0..count {
        let field = Field::from_field_id(u32::from_le_bytes(
            take(bytes, &mut at, 4)?.try_into().ok()?,
        ));
        let code = take(bytes, &mut at, 1)?[0];
        let value = match code {
            TEXT_CODE | BYTES_CODE => {
                let length = usize::try_from(vint(bytes, &mut at)?).ok()?;
                let start = at;
                take(bytes, &mut at, length)?;
                match code {
                    TEXT_CODE => RawValue::Text(start..at),
                    _ => RawValue::Bytes(start..at),
                }
            }
            U64_CODE => RawValue::U64(u64::from_le_bytes(
                take(bytes, &mut at, 8)?.try_into().ok()?,
            )),
            _ => return None,
        };
        values.push((field, value));
    }
    Some(values)
}

/// The next `length` bytes at `at`, moving past them.
fn take<'a>(bytes: &'a [u8], at: &mut usize, length: usize) -> Option<&'a [u8]> {
    let slice = bytes.get(*at..at.checked_add(length)?)?;
    *at += length;
    Some(slice)
}

/// tantivy's VInt: 7 bits per byte, least significant first, the last byte's high bit set.
fn vint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = take(bytes, at, 1)?[0];
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 != 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use tantivy::TantivyDocument;
    use tantivy::schema::Value;

    use super::*;
    use crate::index::IndexStore;
    use crate::index::testing::prepared;

    #[test]
    fn values_read_as_tantivy_reads_them() {
        let store = IndexStore::in_memory().unwrap();
        let f = store.fields().clone();
        // Lengths around the VInt's one- and two-byte limits, and a long value.
        let long = "й".repeat(5_000);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.article_id, "kb-1");
        doc.add_u64(f.passage_no, 0);
        doc.add_text(f.title, "x".repeat(127));
        doc.add_text(f.source, "x".repeat(128));
        doc.add_text(f.facts, &long);
        doc.add_bytes(f.article, &[0u8, 255, 128, 7].repeat(4_000));
        store.replace_documents("kb-1", [doc], false).unwrap();
        let article = prepared("kb-2", None);
        let documents: Vec<_> = store.documents(&article, "fp").unwrap().collect();
        store.replace_documents("kb-2", documents, false).unwrap();
        store.commit().unwrap();
        let searcher = store.searcher();
        let mut read = 0;
        for segment in 0..searcher.segment_readers().len() as u32 {
            for doc_id in 0..searcher.segment_reader(segment).max_doc() {
                let address = tantivy::DocAddress::new(segment, doc_id);
                let store = searcher
                    .segment_reader(segment)
                    .get_store_reader(0)
                    .unwrap();
                let raw = RawDocument::read(&store, doc_id)
                    .unwrap()
                    .expect("readable");
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                let stored = [
                    f.article_id,
                    f.passage_no,
                    f.lang_code,
                    f.title,
                    f.heading_path,
                    f.kind,
                    f.source,
                    f.facts,
                    f.article,
                ];
                for field in stored {
                    let text = doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
                    assert_eq!(raw.text(field), text);
                    let number = doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
                    assert_eq!(raw.number(field), number);
                    let bytes = doc.get_first(field).and_then(|v| v.as_bytes());
                    assert_eq!(raw.bytes(field), bytes);
                }
                read += 1;
            }
        }
        assert_eq!(read, 3);
    }

    #[test]
    fn truncated_or_unknown_values_are_not_read() {
        // One text value "ab" of field 3: count 1, field, code, length 2, bytes.
        let doc = [0x81, 3, 0, 0, 0, TEXT_CODE, 0x82, b'a', b'b'];
        assert!(parse(&doc).is_some());
        for cut in 0..doc.len() {
            assert!(parse(&doc[..cut]).is_none(), "cut at {cut}");
        }
        let mut date = doc;
        date[5] = 5; // another type code
        assert!(parse(&date).is_none());
    }
}
