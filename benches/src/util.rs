//! Measurement helpers: a seeded RNG, percentiles, peak memory, JSONL article reading.

use std::io::BufRead;
use std::path::Path;

use kbsearch::Article;

/// SplitMix64: small, fast, and the same sequence on every platform (no dependency).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// A random element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The `p`-th percentile (nearest rank on the sorted values; `sorted` must be sorted).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

/// Peak resident memory of this process so far (bytes), from /proc/self/status `VmHWM`.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Resident memory now (bytes): (anonymous = heap and stacks, file-backed = mapped index
/// files and binary), from /proc/self/status `RssAnon` and `RssFile`.
pub fn rss_now() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
    };
    Some((field("RssAnon:")?, field("RssFile:")?))
}

/// Samples [`rss_now`] every 50 ms on a thread and keeps the peaks (anonymous, file-backed,
/// and their sum), in bytes.
pub struct RssSampler {
    peaks: std::sync::Arc<std::sync::Mutex<(u64, u64, u64)>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl RssSampler {
    /// Start sampling.
    pub fn start() -> Self {
        let peaks = std::sync::Arc::new(std::sync::Mutex::new((0, 0, 0)));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, s) = (peaks.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(std::sync::atomic::Ordering::Relaxed) {
                if let Some((anon, file)) = rss_now() {
                    let mut g = p.lock().unwrap();
                    *g = (g.0.max(anon), g.1.max(file), g.2.max(anon + file));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        });
        RssSampler { peaks, stop }
    }

    /// Peaks so far: (anonymous, file-backed, total).
    pub fn peaks(&self) -> (u64, u64, u64) {
        if let Some((anon, file)) = rss_now() {
            let mut g = self.peaks.lock().unwrap();
            *g = (g.0.max(anon), g.1.max(file), g.2.max(anon + file));
        }
        *self.peaks.lock().unwrap()
    }
}

impl Drop for RssSampler {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Bytes of the index's live segments (those listed in tantivy's `meta.json`), without files
/// of merged-away segments not yet garbage-collected; None when there is no meta.json.
pub fn live_index_bytes(dir: &Path) -> Option<u64> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json")).ok()?).ok()?;
    let live: std::collections::HashSet<String> = meta
        .get("segments")?
        .as_array()?
        .iter()
        .filter_map(|s| s.get("segment_id")?.as_str().map(|id| id.replace('-', "")))
        .collect();
    let mut total = 0;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or_default();
        let is_segment_file = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_segment_file || live.contains(stem) {
            total += entry.metadata().map_or(0, |m| m.len());
        }
    }
    Some(total)
}

/// Number of live segments of an index.
pub fn segment_count(dir: &Path) -> Option<usize> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json")).ok()?).ok()?;
    Some(meta.get("segments")?.as_array()?.len())
}

/// An article of a JSONL line: `id`, `title`, `body` (or `text`/`content`, BEIR style), `lang`.
pub fn article_of_json(line: &str) -> Result<Article, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let field = |name: &str| v.get(name).and_then(|x| x.as_str()).map(str::to_string);
    let id = match v.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => return Err("record without id".into()),
    };
    let body = field("body")
        .or_else(|| field("text"))
        .or_else(|| field("content"))
        .ok_or("record without body/text")?;
    let mut article = Article::new(id, field("title").unwrap_or_default(), body);
    article.lang = field("lang");
    Ok(article)
}

/// Read a JSONL file of articles in batches of `batch` (streaming: only one batch in
/// memory). Calls `f(batch, raw_text_bytes)`; raw bytes = title + body bytes.
pub fn for_each_batch(
    path: &Path,
    batch: usize,
    mut f: impl FnMut(Vec<Article>, u64) -> Result<(), Box<dyn std::error::Error>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut articles = Vec::with_capacity(batch);
    let mut bytes = 0u64;
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article =
            article_of_json(&line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        bytes += (article.title.len() + article.body.len()) as u64;
        articles.push(article);
        if articles.len() == batch {
            f(std::mem::take(&mut articles), std::mem::take(&mut bytes))?;
        }
    }
    if !articles.is_empty() {
        f(articles, bytes)?;
    }
    Ok(())
}

/// Queries of a JSONL file: `(text, lang)`; the text in `text` (BEIR) or `query`
/// (corpus/queries.jsonl); lang empty when absent.
pub fn read_queries(path: &Path) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let get = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let text = if v.get("text").is_some() {
            get("text")
        } else {
            get("query")
        };
        if !text.trim().is_empty() {
            out.push((text, get("lang")));
        }
    }
    Ok(out)
}

/// The machine's 1-minute load average (from /proc/loadavg).
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
