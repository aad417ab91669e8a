//! Per-thread memos of the costly pure functions of one word: a Snowball stem, a
//! Ukrainian lemma lookup, Vietnamese tone placement and folding. Text repeats its words
//! (a few thousand make most of any language's running text), and a hash lookup costs less
//! than normalizing, stemming or looking the word up again.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// Words a memo holds before it starts again empty: bounds its memory (a few MiB) on text
/// that never repeats a word.
const MAX_WORDS: usize = 1 << 15;

/// What a function gave for each word it was asked, up to [`MAX_WORDS`] words.
pub(crate) struct WordMemo<V> {
    values: FxHashMap<Box<str>, V>,
}

impl<V> Default for WordMemo<V> {
    fn default() -> Self {
        WordMemo {
            values: FxHashMap::default(),
        }
    }
}

/// `compute(word)`, or its copy from the calling thread's `memo`.
pub(crate) fn memoized<V: Clone + 'static>(
    memo: &'static LocalKey<RefCell<WordMemo<V>>>,
    word: &str,
    compute: impl FnOnce(&str) -> V,
) -> V {
    memo.with(|memo| {
        if let Some(value) = memo.borrow().values.get(word) {
            return value.clone();
        }
        let value = compute(word);
        let mut memo = memo.borrow_mut();
        if memo.values.len() >= MAX_WORDS {
            memo.values.clear();
        }
        memo.values.insert(word.into(), value.clone());
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: RefCell<WordMemo<usize>> = RefCell::default();
    }

    #[test]
    fn a_word_is_computed_once_and_the_memo_stays_bounded() {
        let mut calls = 0;
        for _ in 0..3 {
            let n = memoized(&LENGTHS, "khách", |w| {
                calls += 1;
                w.chars().count()
            });
            assert_eq!(n, 5);
        }
        assert_eq!(calls, 1);
        for i in 0..MAX_WORDS + 10 {
            memoized(&LENGTHS, &format!("w{i}"), str::len);
        }
        LENGTHS.with(|m| assert!(m.borrow().values.len() <= MAX_WORDS));
    }
}
