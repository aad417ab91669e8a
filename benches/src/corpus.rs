//! A deterministic generator of a large multilingual help-center corpus.
//!
//! Sentences come from the public retrieval sets (`../shared/eval/*/corpus.jsonl`, BEIR-like:
//! `id, title, text, lang`) when present, and always from the sample articles
//! (`corpus/articles/`, the only Ukrainian source), so it works on a fresh clone. Half of the
//! sentences are real ones from these pools; the other half are walks of a word bigram chain
//! (a character chain for Chinese) built from the same pools, so a 1M-passage corpus is not a
//! few thousand sentences repeated, and a few carry a product code or version number (the
//! vocabulary keeps growing with size, as in real help centers).
//!
//! An article: a title, 3–12 sections of ~200–700 characters under `## ` headings (the
//! first sometimes without a heading), paragraphs of 1–4 sentences, some bulleted lists; ~10%
//! of articles mix a second language into their sections; ~15% declare no language (kbsearch
//! detects it). Languages: en 25%, zh-Hans 20%, zh-Hant 20%, vi 20%, uk 15%.
//!
//! The same seed and the same source files give byte-identical output.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::util::Rng;

/// The five languages, in the order of [`Pools::langs`].
pub const LANGS: [&str; 5] = ["zh-Hans", "zh-Hant", "uk", "vi", "en"];
/// Share of articles per language (percent), in [`LANGS`] order.
const WEIGHTS: [usize; 5] = [20, 20, 15, 20, 25];
/// Share of sentences taken verbatim from the pools (the rest are chain walks).
const REAL_SENTENCE_SHARE: f64 = 0.5;

fn is_han_lang(lang: usize) -> bool {
    lang < 2
}

fn lang_index(code: &str) -> Option<usize> {
    let code = code.to_ascii_lowercase();
    LANGS.iter().position(|l| l.to_ascii_lowercase() == code)
}

/// A word (or, for Chinese, character) bigram chain.
#[derive(Default)]
struct Chain {
    vocab: Vec<String>,
    next: Vec<Vec<u32>>,
    starts: Vec<u32>,
}

const END: u32 = u32::MAX;

impl Chain {
    fn build(sentences: &[String], han: bool) -> Chain {
        let mut chain = Chain::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        for s in sentences {
            let tokens: Vec<String> = if han {
                s.chars().map(String::from).collect()
            } else {
                s.split_whitespace().map(str::to_string).collect()
            };
            let mut prev: Option<u32> = None;
            for t in tokens {
                let id = *ids.entry(t.clone()).or_insert_with(|| {
                    chain.vocab.push(t);
                    chain.next.push(Vec::new());
                    (chain.vocab.len() - 1) as u32
                });
                match prev {
                    None => chain.starts.push(id),
                    Some(p) => chain.next[p as usize].push(id),
                }
                prev = Some(id);
            }
            if let Some(p) = prev {
                chain.next[p as usize].push(END);
            }
        }
        chain
    }

    fn walk(&self, rng: &mut Rng, han: bool, max_tokens: usize) -> String {
        let mut out = String::new();
        if self.starts.is_empty() {
            return out;
        }
        let mut cur = *rng.pick(&self.starts);
        for i in 0..max_tokens {
            if !han && i > 0 {
                out.push(' ');
            }
            out.push_str(&self.vocab[cur as usize]);
            let next = &self.next[cur as usize];
            if next.is_empty() {
                break;
            }
            let n = *rng.pick(next);
            if n == END {
                break;
            }
            cur = n;
        }
        if !out.ends_with(['.', '!', '?', '。', '！', '？']) {
            out.push(if han { '。' } else { '.' });
        }
        out
    }
}

/// Sentences, headings and queries of one language.
#[derive(Default)]
pub struct LangPool {
    /// Real sentences (deduplicated).
    pub sentences: Vec<String>,
    /// Short lines usable as section headings (titles of the public sets, sample headings).
    pub headings: Vec<String>,
    /// Real user questions (queries.jsonl of the public sets, corpus/queries.jsonl).
    pub queries: Vec<String>,
    chain: Chain,
    seen: HashSet<String>,
}

impl LangPool {
    fn add_sentence(&mut self, s: &str) {
        let s = s.trim();
        if s.chars().count() >= 8 && self.seen.insert(s.to_string()) {
            self.sentences.push(s.to_string());
        }
    }

    fn add_heading(&mut self, h: &str) {
        let h = h.trim();
        let n = h.chars().count();
        if (2..=60).contains(&n) && !self.headings.iter().any(|x| x == h) {
            self.headings.push(h.to_string());
        }
    }
}

/// Split a text into sentences (after `。！？!?`, and after `.` followed by a space).
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let cut = match c {
            '。' | '！' | '？' | '!' | '?' => true,
            '.' => chars.peek().is_none_or(|(_, n)| n.is_whitespace()),
            '\n' => true,
            _ => false,
        };
        if cut {
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// The sentence pools of the five languages.
pub struct Pools {
    /// One pool per language, in [`LANGS`] order.
    pub langs: Vec<LangPool>,
    /// What was read, for the report.
    pub sources: Vec<String>,
}

/// This repository's root (benches/..).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The public sets' folder next to the repository, if present.
pub fn default_public_sets() -> Option<PathBuf> {
    let p = repo_root().join("../shared/eval");
    p.is_dir().then_some(p)
}

impl Pools {
    /// Read the pools: every `*/corpus.jsonl` and `*/queries.jsonl` under `public_sets`
    /// (when given), and the sample corpus under `repo_root()/corpus`.
    pub fn load(public_sets: Option<&Path>) -> Result<Pools, Box<dyn std::error::Error>> {
        let mut langs: Vec<LangPool> = (0..LANGS.len()).map(|_| LangPool::default()).collect();
        let mut sources = Vec::new();
        if let Some(root) = public_sets {
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("corpus.jsonl").is_file())
                .collect();
            dirs.sort();
            for dir in dirs {
                let mut lines = 0;
                for line in std::fs::read_to_string(dir.join("corpus.jsonl"))?.lines() {
                    let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                        continue;
                    };
                    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default();
                    let Some(l) = lang_index(get("lang")) else {
                        continue;
                    };
                    langs[l].add_heading(get("title"));
                    for s in split_sentences(get("text")) {
                        langs[l].add_sentence(s);
                    }
                    lines += 1;
                }
                if let Ok(queries) = std::fs::read_to_string(dir.join("queries.jsonl")) {
                    for line in queries.lines() {
                        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                            continue;
                        };
                        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default();
                        if let Some(l) = lang_index(get("lang")) {
                            langs[l].queries.push(get("text").to_string());
                        }
                    }
                }
                sources.push(format!("{} ({lines} paragraphs)", dir.display()));
            }
        }
        let sample = repo_root().join("corpus");
        let mut files: Vec<PathBuf> = std::fs::read_dir(sample.join("articles"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        for file in &files {
            for line in std::fs::read_to_string(file)?.lines() {
                let line = line
                    .trim()
                    .trim_start_matches(['•', '-', '*', '·', '#'])
                    .trim();
                if line.is_empty() || line.starts_with('\\') || line.contains("\\n") {
                    continue;
                }
                let l = lang_index(kbsearch::analysis::detect(line).code()).unwrap_or(4);
                let terminal = line.ends_with(['.', '!', '?', '。', '！', '？', ':', '：']);
                if !terminal && line.chars().count() <= 40 {
                    langs[l].add_heading(line);
                } else {
                    for s in split_sentences(line) {
                        langs[l].add_sentence(s);
                    }
                }
            }
        }
        sources.push(format!(
            "{} ({} files)",
            sample.join("articles").display(),
            files.len()
        ));
        if let Ok(queries) = std::fs::read_to_string(sample.join("queries.jsonl")) {
            for line in queries.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let q = v.get("query").and_then(|x| x.as_str()).unwrap_or_default();
                let code = v
                    .get("lang")
                    .and_then(|x| x.as_str())
                    .map(str::to_string)
                    .unwrap_or_else(|| kbsearch::analysis::detect(q).code().to_string());
                if let Some(l) = lang_index(&code) {
                    langs[l].queries.push(q.to_string());
                }
            }
        }
        for (l, pool) in langs.iter_mut().enumerate() {
            if pool.sentences.is_empty() {
                return Err(format!("no {} sentences found in the sources", LANGS[l]).into());
            }
            pool.chain = Chain::build(&pool.sentences, is_han_lang(l));
            pool.seen = HashSet::new();
        }
        Ok(Pools { langs, sources })
    }

    /// Pool sizes, for the report.
    pub fn summary(&self) -> String {
        LANGS
            .iter()
            .zip(&self.langs)
            .map(|(l, p)| {
                format!(
                    "{l}: {} sentences, {} chain tokens, {} headings, {} queries",
                    p.sentences.len(),
                    p.chain.vocab.len(),
                    p.headings.len(),
                    p.queries.len()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Number of distinct tags of generated articles (`topic-0`…): a tag filter keeps 1 in 8.
pub const GEN_TAGS: usize = 8;

/// One generated article, with its sections (for a passage-level export).
pub struct GenArticle {
    /// `gen-0000001`…
    pub id: String,
    /// Title.
    pub title: String,
    /// Body: light Markdown with `## ` headings.
    pub body: String,
    /// Main language code.
    pub lang: &'static str,
    /// Whether `lang` is declared in the output (else kbsearch detects it).
    pub declared: bool,
    /// (heading, text) of each section.
    pub sections: Vec<(String, String)>,
}

impl GenArticle {
    /// The JSONL line of the article (`id, title, body, lang`, and labels for filtered
    /// queries: one of [`GEN_TAGS`] tags and one of 4 categories, from the id's number, so
    /// the text is the same as without them).
    pub fn to_json(&self) -> String {
        let n: usize = self.id.trim_start_matches("gen-").parse().unwrap_or(0);
        let mut v = serde_json::json!({
            "id": self.id, "title": self.title, "body": self.body,
            "tags": [format!("topic-{}", n % GEN_TAGS)], "category": format!("area-{}", n % 4),
        });
        if self.declared {
            v["lang"] = self.lang.into();
        }
        v.to_string()
    }
}

/// A deterministic stream of articles.
pub struct Generator<'a> {
    pools: &'a Pools,
    rng: Rng,
    next_id: usize,
}

impl<'a> Generator<'a> {
    /// A generator over `pools` with a seed.
    pub fn new(pools: &'a Pools, seed: u64) -> Self {
        Generator {
            pools,
            rng: Rng::new(seed),
            next_id: 0,
        }
    }

    fn pick_lang(&mut self) -> usize {
        let mut r = self.rng.below(WEIGHTS.iter().sum());
        for (i, w) in WEIGHTS.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        LANGS.len() - 1
    }

    fn sentence(&mut self, lang: usize) -> String {
        let pool = &self.pools.langs[lang];
        let han = is_han_lang(lang);
        let mut s = if self.rng.chance(REAL_SENTENCE_SHARE) {
            self.rng.pick(&pool.sentences).clone()
        } else {
            pool.chain
                .walk(&mut self.rng, han, if han { 80 } else { 40 })
        };
        if self.rng.chance(0.06) {
            let code = match self.rng.below(3) {
                0 => format!("KB-{}", self.rng.below(100_000)),
                1 => format!("E{}", 1000 + self.rng.below(9000)),
                _ => format!(
                    "v{}.{}.{}",
                    self.rng.below(10),
                    self.rng.below(30),
                    self.rng.below(30)
                ),
            };
            let cut = s
                .char_indices()
                .last()
                .filter(|(_, c)| matches!(c, '.' | '!' | '?' | '。' | '！' | '？'))
                .map_or(s.len(), |(i, _)| i);
            s.insert_str(cut, &format!(" ({code})"));
        }
        s
    }

    /// A short phrase from a sentence: 2–6 words, or 3–10 Chinese characters.
    fn fragment(&mut self, lang: usize, min: usize, max: usize) -> String {
        let s = self.rng.pick(&self.pools.langs[lang].sentences).clone();
        let strip = |c: char| !c.is_alphanumeric();
        if is_han_lang(lang) {
            let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
            let n = self.rng.range(min * 3 / 2, max * 3 / 2).min(chars.len());
            let start = self.rng.below(chars.len() - n + 1);
            chars[start..start + n].iter().collect()
        } else {
            let words: Vec<&str> = s.split_whitespace().collect();
            let n = self.rng.range(min, max).min(words.len());
            let start = self.rng.below(words.len() - n + 1);
            words[start..start + n]
                .iter()
                .map(|w| w.trim_matches(strip))
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    fn heading(&mut self, lang: usize) -> String {
        let pool = &self.pools.langs[lang];
        let h = if !pool.headings.is_empty() && self.rng.chance(0.4) {
            self.rng.pick(&pool.headings).clone()
        } else {
            self.fragment(lang, 2, 6)
        };
        if h.is_empty() { "Overview".into() } else { h }
    }

    /// The next article.
    pub fn article(&mut self) -> GenArticle {
        let lang = self.pick_lang();
        let han = is_han_lang(lang);
        let mixed = self
            .rng
            .chance(0.10)
            .then(|| if lang == 4 { self.rng.below(2) } else { 4 });
        let mut title = self.fragment(lang, 3, 9);
        if self.rng.chance(0.25) {
            title.push(if han { '？' } else { '?' });
        }
        let n_sections = self.rng.range(3, 12);
        let mut body = String::new();
        let mut sections = Vec::with_capacity(n_sections);
        for s in 0..n_sections {
            let heading = if s == 0 && self.rng.chance(0.4) {
                String::new()
            } else {
                self.heading(lang)
            };
            if !heading.is_empty() {
                body.push_str("## ");
                body.push_str(&heading);
                body.push_str("\n\n");
            }
            let target = self.rng.range(200, 700);
            let list = self.rng.chance(0.12);
            let mut text = String::new();
            let mut chars = 0;
            let mut in_paragraph = 0;
            loop {
                let l = match mixed {
                    Some(other) if self.rng.chance(0.3) => other,
                    _ => lang,
                };
                let sentence = self.sentence(l);
                let n = sentence.chars().count();
                if chars > 0 && chars + n > target {
                    break;
                }
                if list {
                    if chars > 0 {
                        text.push('\n');
                    }
                    text.push_str("- ");
                } else if chars > 0 {
                    if in_paragraph >= self.rng.range(1, 4) {
                        text.push_str("\n\n");
                        in_paragraph = 0;
                    } else if !(han && is_han_lang(l)) {
                        text.push(' ');
                    }
                }
                text.push_str(&sentence);
                chars += n;
                in_paragraph += 1;
            }
            body.push_str(&text);
            body.push_str("\n\n");
            sections.push((heading, text));
        }
        self.next_id += 1;
        GenArticle {
            id: format!("gen-{:07}", self.next_id),
            title,
            body: body.trim_end().to_string(),
            lang: LANGS[lang],
            declared: self.rng.chance(0.85),
            sections,
        }
    }

    /// `n` queries, the languages in turn: half real questions of the pools (when there are),
    /// half 2–5-word (3–8-character) fragments of pool sentences; a third of the Vietnamese
    /// fragments typed without tone marks. Each: `(text, lang)`.
    pub fn queries(&mut self, n: usize) -> Vec<(String, &'static str)> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let lang = out.len() % LANGS.len();
            let pool = &self.pools.langs[lang];
            let q = if !pool.queries.is_empty() && self.rng.chance(0.5) {
                self.rng.pick(&pool.queries).clone()
            } else {
                let f = self.fragment(lang, 2, 5);
                if lang == 3 && self.rng.chance(0.33) {
                    kbsearch::analysis::fold_latin(&f)
                } else {
                    f
                }
            };
            if q.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                out.push((q, LANGS[lang]));
            }
        }
        out
    }
}
