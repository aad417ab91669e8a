//! [`ChromeModel`]: the short lines that recur across the articles of one indexing run (menus,
//! footers, site names), learned from the run itself rather than hard-coded, and the key that
//! normalizes a line for it.

use std::collections::{HashMap, HashSet};

use crate::ingest::text::{
    explicit_heading, fold_width, is_fence, strip_decorative, strip_structure, trim_line,
    wider_than,
};

/// Most distinct short lines a [`ChromeModel`] keeps before forgetting the unrepeated ones.
pub const MAX_CHROME_KEYS: usize = 1 << 18;

/// A line in at least one article in this many of a run is site-wide (see
/// [`ChromeModel::is_site_wide`]).
pub const SITE_WIDE_DIVISOR: usize = 5;

/// Lines that recur across the articles of one corpus (one indexing run): learned, not hard-coded.
#[derive(Debug, Clone, Default)]
pub struct ChromeModel {
    counts: HashMap<String, u32>,
    articles: usize,
}

impl ChromeModel {
    /// Learn from every body of one indexing run (cheap: one pass, hash map of normalized short lines → number of articles containing it).
    pub fn learn<'a, I: IntoIterator<Item = &'a str>>(bodies: I) -> ChromeModel {
        let mut model = ChromeModel::default();
        for body in bodies {
            model.add(body);
        }
        model
    }

    /// Count one more article's lines (for runs streamed one file at a time). Memory stays
    /// bounded: past [`MAX_CHROME_KEYS`] distinct lines, lines seen in only one article so far
    /// are forgotten, then the least repeated (chrome recurs in many articles, so it survives).
    pub fn add(&mut self, body: &str) {
        self.articles += 1;
        // Code is never chrome: its lines are not counted.
        let mut in_fence = false;
        let seen: HashSet<String> = body
            .lines()
            .filter(|line| {
                let fence = is_fence(trim_line(line));
                in_fence ^= fence;
                !fence && !in_fence
            })
            .filter_map(chrome_key)
            .collect();
        for k in seen {
            *self.counts.entry(k).or_insert(0) += 1;
        }
        if self.counts.len() > MAX_CHROME_KEYS {
            // Down to half, so pruning runs rarely.
            let mut least = 1;
            while self.counts.len() > MAX_CHROME_KEYS / 2 {
                self.counts.retain(|_, count| *count > least);
                least += 1;
            }
        }
    }

    /// Number of articles the model was learned from.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Number of articles containing this (short) line, after normalization; 0 for long lines.
    pub fn count(&self, line: &str) -> usize {
        chrome_key(line)
            .and_then(|k| self.counts.get(&k))
            .map_or(0, |&c| c as usize)
    }

    /// True when the line occurs in at least two articles of the run.
    pub fn is_repeated(&self, line: &str) -> bool {
        self.count(line) >= 2
    }

    /// True when the line recurs like site chrome: in at least two articles and at least
    /// [`1/SITE_WIDE_DIVISOR`](SITE_WIDE_DIVISOR) of the run's articles (a menu or footer is on
    /// every page of a site; a section heading or a table shared by a family of reference
    /// pages is not). Repetition alone never removes an explicit `#` heading.
    pub fn is_site_wide(&self, line: &str) -> bool {
        let count = self.count(line);
        count >= 2 && count * SITE_WIDE_DIVISOR >= self.articles && explicit_heading(line).is_none()
    }
}

/// Normalized key of a short line for [`ChromeModel`]; `None` for long or empty lines.
pub(super) fn chrome_key(line: &str) -> Option<String> {
    let t = trim_line(line);
    if t.is_empty() || t.len() > 480 {
        return None;
    }
    let t = strip_structure(t);
    let (s, _) = strip_decorative(t);
    let s = fold_width(&s.to_lowercase());
    let s = s.trim_end_matches([':', ' ']).trim();
    if s.is_empty() || wider_than(s, 120) {
        return None;
    }
    Some(s.to_string())
}
