//! Passage vectors in the index: one bytes fast field per passage holding its language and
//! its embeddings quantized to 8 bits — the whole passage's, then one per sentence — read
//! back to find the passages nearest a query.

use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use super::model::DIM;
use crate::error::Result;

/// Name of the vector field in the schema.
pub const VECTOR_FIELD: &str = "vector";

/// Bytes one vector takes in the index: a scale and [`DIM`] values.
pub const VECTOR_BYTES: usize = 4 + DIM;

/// A vector quantized to 8 bits: a scale (its largest magnitude / 127) and the values
/// divided by it, rounded. Stored vectors and the query of a scan are quantized alike.
fn quantize(vector: &[f32]) -> (f32, impl Iterator<Item = i8> + '_) {
    let largest = vector.iter().fold(0f32, |m, v| m.max(v.abs()));
    let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
    let values = (vector.iter()).map(move |v| (v / scale).round().clamp(-127.0, 127.0) as i8);
    (scale, values)
}

/// The stored form of a passage's vectors: the passage's language code (length-prefixed),
/// then for each vector (the whole passage's first, then its sentences', see
/// [`super::passage_sentences`]) a scale (f32, little-endian) and the [`DIM`] values divided
/// by it, rounded to `i8`.
pub fn encode<V: AsRef<[f32]>>(lang: &str, vectors: &[V]) -> Vec<u8> {
    let lang = &lang.as_bytes()[..lang.len().min(255)];
    let mut out = Vec::with_capacity(1 + lang.len() + vectors.len() * VECTOR_BYTES);
    out.push(lang.len() as u8);
    out.extend_from_slice(lang);
    for vector in vectors {
        let (scale, values) = quantize(vector.as_ref());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend(values.map(|v| v as u8));
    }
    out
}

/// The language and the vectors (each a scale and [`DIM`] 8-bit values: [`VECTOR_BYTES`])
/// of [`encode`]d bytes; `None` when the bytes are not that. Indexes written before
/// sentences had vectors hold one vector per passage, and read the same way.
pub fn decode(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let (&len, rest) = bytes.split_first()?;
    let len = len as usize;
    let vectors = rest.get(len..)?;
    if vectors.is_empty() || vectors.len() % VECTOR_BYTES != 0 {
        return None;
    }
    let lang = std::str::from_utf8(&rest[..len]).ok()?;
    Some((lang, vectors))
}

/// A normalized query vector quantized like the stored ones (a scale and `i8` values), so
/// that a scan multiplies small integers (16-bit multiply-adds on x86-64): 1.6× faster than
/// float products over 100 000 passages of 6 vectors, where reading the vectors then bounds
/// it. Cosines move in the third decimal; the public sets' nDCG@10 by at most 0.0007.
struct QueryVector {
    scale: f32,
    values: Vec<i16>,
}

impl QueryVector {
    /// Quantize a normalized query vector of [`DIM`] values.
    fn new(query: &[f32]) -> QueryVector {
        let (scale, values) = quantize(query);
        QueryVector {
            scale,
            values: values.map(i16::from).collect(),
        }
    }
}

/// Cosine of the query and one stored vector (a scale, then the values). Sixteen running
/// sums, so that the compiler vectorizes the loop.
fn cosine(query: &QueryVector, vector: &[u8]) -> f32 {
    let (scale, values) = vector.split_at(4);
    let scale = f32::from_le_bytes(scale.try_into().expect("four bytes"));
    let mut sums = [0i32; 16];
    for (q, v) in query.values.chunks_exact(16).zip(values.chunks_exact(16)) {
        for i in 0..16 {
            sums[i] += i32::from(q[i] * i16::from(v[i] as i8));
        }
    }
    sums.iter().sum::<i32>() as f32 * scale * query.scale
}

/// A passage's similarity to the query from its stored vectors: the whole passage's cosine,
/// or with sentence vectors [`super::combined_similarity`] of it and the best sentence's.
fn similarity(query: &QueryVector, vectors: &[u8]) -> f32 {
    let mut each = vectors.chunks_exact(VECTOR_BYTES).map(|v| cosine(query, v));
    let passage = each.next().unwrap_or(0.0);
    match each.reduce(f32::max) {
        Some(best_sentence) => super::combined_similarity(passage, best_sentence),
        None => passage,
    }
}

/// One passage near the query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    /// Cosine similarity to the query.
    pub similarity: f32,
    /// The passage.
    pub address: DocAddress,
}

impl Eq for Near {}
impl Ord for Near {
    /// Reversed, so a `BinaryHeap` keeps the least similar on top (to be dropped).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .similarity
            .total_cmp(&self.similarity)
            .then(self.address.cmp(&other.address))
    }
}
impl PartialOrd for Near {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The `k` passages nearest `query` in each language (by cosine similarity), all
/// languages together, most similar first, among the passages `filter` matches (all when
/// `None`). Per language, because the model gives text in the query's own language a
/// higher cosine whatever it says: one list for all would fill up with loosely related
/// passages in the query's language before the answer in another. An exhaustive scan:
/// every vector of every passage is compared (388 bytes each; about 230 MB per 100 000
/// passages of the generated corpus, at 6 vectors a passage with its sentences).
pub fn nearest(
    searcher: &Searcher,
    tables: &VectorTables,
    query: &[f32],
    k: usize,
    filter: Option<&dyn Query>,
) -> Result<Vec<Near>> {
    tables.keep_only(searcher);
    let query = QueryVector::new(query);
    let weight = filter
        .map(|q| q.weight(EnableScoring::disabled_from_searcher(searcher)))
        .transpose()?;
    let mut heaps: HashMap<String, BinaryHeap<Near>> = HashMap::new();
    for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
        let Some(table) = tables.of(reader)? else {
            continue;
        };
        let mut segment_heaps: Vec<BinaryHeap<Near>> = (table.langs.iter())
            .map(|lang| heaps.remove(lang).unwrap_or_default())
            .collect();
        let mut consider = |doc: DocId| {
            let Some((lang, vectors)) = table.get(doc) else {
                return;
            };
            let near = Near {
                similarity: similarity(&query, vectors),
                address: DocAddress::new(segment_ord as u32, doc),
            };
            let heap = &mut segment_heaps[lang];
            if heap.len() < k {
                heap.push(near);
            } else if heap.peek().is_some_and(|worst| near < *worst) {
                heap.pop();
                heap.push(near);
            }
        };
        let alive = reader.alive_bitset();
        match &weight {
            Some(weight) => {
                let mut docs = weight.scorer(reader, 1.0)?;
                let mut doc = docs.doc();
                while doc != TERMINATED {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        consider(doc);
                    }
                    doc = docs.advance();
                }
            }
            None => {
                for doc in 0..reader.max_doc() {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        consider(doc);
                    }
                }
            }
        }
        heaps.extend(table.langs.iter().cloned().zip(segment_heaps));
    }
    let mut near: Vec<Near> = heaps.into_values().flatten().collect();
    near.sort();
    Ok(near)
}

/// The cosine similarity of `query` to each passage of `addresses` (0 for a passage
/// without a vector): for passages the words found that [`nearest`] did not return.
pub fn similarities(
    searcher: &Searcher,
    tables: &VectorTables,
    query: &[f32],
    addresses: &[DocAddress],
) -> Result<Vec<f32>> {
    let query = QueryVector::new(query);
    let mut out = Vec::with_capacity(addresses.len());
    for address in addresses {
        let table = tables.of(searcher.segment_reader(address.segment_ord))?;
        let found = table.as_ref().and_then(|t| t.get(address.doc_id));
        out.push(found.map_or(0.0, |(_, vectors)| similarity(&query, vectors)));
    }
    Ok(out)
}

/// Live passages holding vectors, and the bytes their vectors take.
pub fn count(searcher: &Searcher) -> Result<(u64, u64)> {
    let (mut passages, mut bytes) = (0, 0);
    for reader in searcher.segment_readers() {
        let Some(column) = reader.fast_fields().bytes(VECTOR_FIELD)? else {
            continue;
        };
        // The vectors' bytes of each dictionary value, read in one pass.
        let mut ord_bytes: Vec<u64> = Vec::with_capacity(column.num_terms());
        let mut stream = (column.dictionary().stream()).map_err(crate::search::engine_error)?;
        while stream.advance() {
            ord_bytes.push(decode(stream.key()).map_or(0, |(_, v)| v.len() as u64));
        }
        let alive = reader.alive_bitset();
        for doc in (0..reader.max_doc()).filter(|&doc| alive.is_none_or(|a| a.is_alive(doc))) {
            if let Some(ord) = column.term_ords(doc).next() {
                passages += 1;
                bytes += ord_bytes.get(ord as usize).copied().unwrap_or(0);
            }
        }
    }
    Ok((passages, bytes))
}

/// The vectors of each segment, read once per segment (segments never change; a commit or a
/// merge makes new ones) and shared by the searches of one [`crate::KnowledgeBase`].
#[derive(Default)]
pub struct VectorTables(Mutex<HashMap<SegmentId, Option<Arc<VectorTable>>>>);

impl VectorTables {
    /// The segment's vectors; `None` when it holds none.
    fn of(&self, reader: &SegmentReader) -> Result<Option<Arc<VectorTable>>> {
        let id = reader.segment_id();
        if let Some(found) = self.lock().get(&id) {
            return Ok(found.clone());
        }
        let table = VectorTable::read(reader)?.map(Arc::new);
        self.lock().insert(id, table.clone());
        Ok(table)
    }

    /// Forget the segments `searcher` no longer has.
    fn keep_only(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = (searcher.segment_readers().iter())
            .map(SegmentReader::segment_id)
            .collect();
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Option<Arc<VectorTable>>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A segment's vectors in document order, so that a scan reads memory in order (read in
/// the column dictionary's order, a scan of 100 000 passages took 108 ms instead of ~10).
pub struct VectorTable {
    langs: Vec<String>,
    /// Per document: its language's index in `langs` plus one (0: no vector), and where its
    /// vectors start in `vectors` and end.
    docs: Vec<(u16, u32, u32)>,
    /// Every document's vectors ([`VECTOR_BYTES`] each), in document order.
    vectors: Vec<u8>,
}

impl VectorTable {
    /// The segment's vectors; `None` when it holds none.
    fn read(reader: &SegmentReader) -> Result<Option<Self>> {
        let Some(column) = reader.fast_fields().bytes(VECTOR_FIELD)? else {
            return Ok(None);
        };
        if column.num_terms() == 0 {
            return Ok(None);
        }
        // The dictionary's values, in ordinal order: language index plus one (0: not
        // vectors) and the range of their vectors in `ord_vectors`.
        let mut langs: Vec<String> = Vec::new();
        let mut by_ord: Vec<(u16, usize, usize)> = Vec::with_capacity(column.num_terms());
        let mut ord_vectors: Vec<u8> = Vec::with_capacity(column.num_terms() * VECTOR_BYTES);
        let mut stream = (column.dictionary().stream()).map_err(crate::search::engine_error)?;
        while stream.advance() {
            let Some((lang, vectors)) = decode(stream.key()) else {
                by_ord.push((0, 0, 0));
                continue;
            };
            let index = match langs.iter().position(|l| l == lang) {
                Some(i) => i,
                None => {
                    langs.push(lang.to_string());
                    langs.len() - 1
                }
            };
            let start = ord_vectors.len();
            ord_vectors.extend_from_slice(vectors);
            by_ord.push((index as u16 + 1, start, ord_vectors.len()));
        }
        let max_doc = reader.max_doc() as usize;
        let mut table = VectorTable {
            langs,
            docs: vec![(0, 0, 0); max_doc],
            vectors: Vec::with_capacity(ord_vectors.len()),
        };
        for doc in 0..max_doc {
            if let Some(ord) = column.term_ords(doc as DocId).next() {
                let (lang, start, end) = by_ord[ord as usize];
                let at = table.vectors.len() as u32;
                table.vectors.extend_from_slice(&ord_vectors[start..end]);
                table.docs[doc] = (lang, at, table.vectors.len() as u32);
            }
        }
        Ok(Some(table))
    }

    /// A document's language index and vectors; `None` without a vector.
    fn get(&self, doc: DocId) -> Option<(usize, &[u8])> {
        let &(lang, start, end) = self.docs.get(doc as usize)?;
        (lang > 0).then(|| {
            (
                lang as usize - 1,
                &self.vectors[start as usize..end as usize],
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(values: &[f32]) -> Vec<f32> {
        let mut v = vec![0f32; DIM];
        v[..values.len()].copy_from_slice(values);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }

    #[test]
    fn encoding_keeps_the_language_and_the_cosine_to_within_a_hundredth() {
        let a = unit(&[0.3, -0.8, 0.1, 0.5]);
        let b = unit(&[0.2, -0.7, 0.4, 0.1]);
        let exact: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        let bytes = encode("zh-Hant", &[&b]);
        assert_eq!(bytes.len(), 1 + 7 + VECTOR_BYTES);
        let (lang, vectors) = decode(&bytes).unwrap();
        assert_eq!(lang, "zh-Hant");
        let quantized = similarity(&QueryVector::new(&a), vectors);
        assert!((quantized - exact).abs() < 0.01, "{quantized} vs {exact}");
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(decode(&bytes[..8]).is_none(), "a language without a vector");
        assert!(decode(b"").is_none());
    }

    #[test]
    fn a_passage_with_sentence_vectors_scores_the_whole_and_its_best_sentence() {
        let query = unit(&[1.0, 0.0, 0.0]);
        let whole = unit(&[0.6, 0.8, 0.0]);
        let close = unit(&[0.9, 0.0, 0.43]);
        let far = unit(&[0.0, 0.0, 1.0]);
        let bytes = encode("uk", &[&whole, &far, &close]);
        assert_eq!(bytes.len(), 1 + 2 + 3 * VECTOR_BYTES);
        let (lang, vectors) = decode(&bytes).unwrap();
        assert_eq!((lang, vectors.len()), ("uk", 3 * VECTOR_BYTES));
        let got = similarity(&QueryVector::new(&query), vectors);
        let expected = crate::semantic::combined_similarity(0.6, close[0]);
        assert!((got - expected).abs() < 0.01, "{got} vs {expected}");
        // The best sentence lifts the passage above its whole text's cosine.
        assert!(got > 0.6 + 0.05, "{got}");
    }
}
