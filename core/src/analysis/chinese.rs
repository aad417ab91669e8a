//! Chinese: Traditional → Simplified (character mapping, so offsets are kept), then jieba
//! segmentation in search mode (whole words and their dictionary sub-words), stop words, and
//! character bigrams.

use std::sync::{LazyLock, OnceLock};

use jieba_rs::Jieba;

/// The jieba segmenter with the whole dictionary ([`SORTED_DICT`], about 130 ms to load),
/// loaded for indexing Chinese articles, for long runs of Chinese text, or by
/// [`load_dictionary`]; short texts (queries) in a fresh process use a per-text segmenter
/// instead (see [`small_jieba`]).
static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// jieba's default dictionary as `word freq` lines sorted by bytes, after a header
/// `#total T words N` (written by `scripts/jieba_dict.py` from the jieba-rs crate's data).
/// The only copy in the binary: the small segmenters binary-search it, and the whole one is
/// loaded from it (jieba-rs is built without its own embedded copy, `default-dict`).
static SORTED_DICT: &str = include_str!("../../data/jieba-dict.txt");

/// Longest dictionary word, in characters.
const MAX_WORD_CHARS: usize = 16;

/// Runs up to this many characters are segmented with a per-text segmenter while the whole
/// dictionary is not loaded.
const SMALL_RUN_CHARS: usize = 200;

/// Texts cut with a small segmenter before the whole dictionary is loaded in the background
/// (a one-shot CLI query never gets there).
const SMALL_CUTS_BEFORE_LOADING: usize = 16;

static SMALL_CUTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A word that no text contains, carrying the frequency of every dictionary word a small
/// segmenter leaves out, so its total frequency (and so every route probability) is the
/// whole dictionary's.
const FILLER_WORD: &str = "\u{FFFF}\u{FFFE}";

/// Load the jieba dictionary now (about 100 ms) instead of at the first Chinese text:
/// long-lived servers call it at start so no request pays for it.
pub fn load_dictionary() {
    full_jieba();
}

fn full_jieba() -> &'static Jieba {
    JIEBA.get_or_init(|| {
        let (_, body) = sorted_dict();
        Jieba::with_dict(&mut body.as_bytes())
            .expect("the embedded jieba dictionary is well formed")
    })
}

/// Split [`SORTED_DICT`] into its total frequency and its word lines.
fn sorted_dict() -> (usize, &'static str) {
    let (header, body) = SORTED_DICT.split_once('\n').unwrap_or(("", ""));
    let total = header
        .split_whitespace()
        .nth(1)
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    (total, body)
}

/// The dictionary frequency of a word: a binary search over the sorted lines.
pub(super) fn dictionary_frequency(word: &str) -> Option<usize> {
    let (_, body) = sorted_dict();
    super::sorted_lines::value_of(body, ' ', word)?.parse().ok()
}

/// A jieba holding only the dictionary words that occur in `text` (plus [`FILLER_WORD`]).
/// jieba scores a segmentation from the frequencies of the words in the text and the
/// dictionary's total frequency only, so it cuts `text` exactly as the full dictionary does
/// (checked by a test) — in microseconds instead of loading 349 045 words.
fn small_jieba(text: &str) -> Jieba {
    let (total, _) = sorted_dict();
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut jieba = Jieba::empty();
    let mut seen = std::collections::HashSet::new();
    let mut included = 0;
    for i in 0..bounds.len() - 1 {
        for j in i + 1..bounds.len().min(i + MAX_WORD_CHARS + 1) {
            let word = &text[bounds[i]..bounds[j]];
            if seen.insert(word)
                && let Some(freq) = dictionary_frequency(word)
            {
                jieba.add_word(word, Some(freq), None);
                included += freq;
            }
        }
    }
    jieba.add_word(
        FILLER_WORD,
        Some(total.saturating_sub(included).max(1)),
        None,
    );
    jieba
}

/// Segment `text` (Simplified) in search mode: with the whole dictionary when it is loaded
/// or the text is long, else with a [`small_jieba`] built for this text.
fn cut_for_search(text: &str) -> Vec<jieba_rs::Token<'_>> {
    if let Some(jieba) = JIEBA.get() {
        return jieba.cut_for_search(text, true);
    }
    if text.chars().count() > SMALL_RUN_CHARS {
        return full_jieba().cut_for_search(text, true);
    }
    // A process that keeps segmenting (a service, a script) is better served by the whole
    // dictionary: load it in the background once a few texts were cut the small way.
    if SMALL_CUTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) == SMALL_CUTS_BEFORE_LOADING {
        std::thread::spawn(load_dictionary);
    }
    small_jieba(text).cut_for_search(text, true)
}

/// Map Traditional characters to Simplified, one character for one character (so the n-th
/// character of the result is the n-th of the input). Simplified text comes back unchanged.
///
/// ```
/// assert_eq!(kbsearch::analysis::to_simplified("客戶服務運營經理"), "客户服务运营经理");
/// ```
pub fn to_simplified(text: &str) -> String {
    fast2s::convert(text)
}

/// True when the Han text is written in Traditional script (more than 3% of its Han
/// characters change when mapped to Simplified).
pub fn is_traditional(text: &str) -> bool {
    let sample: String = text
        .chars()
        .filter(|c| super::script::is_han(*c))
        .take(4000)
        .collect();
    if sample.is_empty() {
        return false;
    }
    let simplified = to_simplified(&sample);
    let changed = sample
        .chars()
        .zip(simplified.chars())
        .filter(|(a, b)| a != b)
        .count();
    changed * 100 > sample.chars().count() * 3
}

/// Chinese stop words and question words (Simplified forms; Traditional input is converted
/// first). They carry no topic and must not drive ranking. Sorted, for a binary search (a
/// linear scan of them was 4% of a Chinese query, snippets included).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "一个", "上", "下", "与", "个", "为", "为什么", "么", "之", "也", "了", "于", "什么", "从", "他", "他们", "以",
    "会", "但", "何", "何处", "何时", "你", "做", "其", "几", "几年", "则", "到", "即", "又", "及", "向", "吗", "吧", "呀",
    "呢", "和", "哪", "哪个", "哪些", "哪位", "哪年", "哪里", "啊", "在", "地", "多久", "多少", "她", "如何", "它", "对",
    "将", "就", "并", "得", "怎么", "怎样", "我", "或", "所", "把", "是", "是否", "有", "由", "的", "着", "等", "而",
    "被", "该", "请问", "谁", "过", "还", "这", "这个", "那", "那个", "都",
];

/// True for a Chinese stop word or question word (Simplified form).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// True for a character that is a stop word by itself (的, 在 …).
pub(crate) fn is_stop_char(c: char) -> bool {
    static STOP_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut chars: Vec<char> = STOP_WORDS
            .iter()
            .filter_map(|w| {
                let mut chars = w.chars();
                chars.next().filter(|_| chars.next().is_none())
            })
            .collect();
        chars.sort_unstable();
        chars
    });
    STOP_CHARS.binary_search(&c).is_ok()
}

/// One Chinese token: its (Simplified) text and byte range in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HanToken {
    /// The Simplified form of the token.
    pub text: String,
    /// Byte offset where it starts in the original (maybe Traditional) text.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
}

/// The terms of one run of Han characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HanTerms {
    /// Search-mode jieba words (whole words and their dictionary sub-words), stop words removed.
    pub words: Vec<HanToken>,
    /// Adjacent character pairs; a one-character run gives that character.
    pub bigrams: Vec<HanToken>,
    /// Single characters outside stop words.
    pub unigrams: Vec<HanToken>,
}

/// Analyze a run of Han characters (original script): convert to Simplified, segment with
/// jieba in search mode, and derive bigrams and unigrams. Characters that belong only to
/// stop words ("什么", "的", "哪些" …) give no unigram. (Bigrams keep them: measured on
/// DRCD, dropping stop-word bigrams cost 0.001 nDCG@10.) Offsets are byte offsets into `run`.
pub fn analyze_run(run: &str) -> HanTerms {
    let simplified = to_simplified(run);
    let chars: Vec<char> = simplified.chars().collect();
    let offsets = char_offsets(run);
    let char_at_byte = char_index_by_byte(&simplified);
    let mut in_stop_word = vec![false; chars.len()];
    let mut in_content_word = vec![false; chars.len()];
    let mut words = Vec::new();
    for token in cut_for_search(&simplified) {
        let (Some(&first), Some(&last)) = (
            char_at_byte.get(token.byte_start),
            token
                .byte_end
                .checked_sub(1)
                .and_then(|b| char_at_byte.get(b)),
        ) else {
            continue;
        };
        if is_stop_word(token.word) {
            in_stop_word[first..=last].fill(true);
        } else if token.word.chars().any(super::script::is_han) {
            in_content_word[first..=last].fill(true);
            words.push(HanToken {
                text: token.word.to_string(),
                start: offsets[first],
                end: offsets[last + 1],
            });
        }
    }
    let (unigrams, bigrams) = char_ngrams(
        &chars,
        &offsets,
        |i| in_stop_word[i] && !in_content_word[i],
        |_| true,
    );
    HanTerms {
        words,
        bigrams,
        unigrams,
    }
}

/// The unigrams (characters but those `is_stop` says) and bigrams of the Simplified `chars`
/// of a run whose char `i` starts at byte `offsets[i]`; a one-character run's bigram is that
/// character. Only n-grams whose first character `starts` accepts are made.
fn char_ngrams(
    chars: &[char],
    offsets: &[usize],
    is_stop: impl Fn(usize) -> bool,
    starts: impl Fn(char) -> bool,
) -> (Vec<HanToken>, Vec<HanToken>) {
    let token = |from: usize, to: usize| HanToken {
        text: chars[from..to].iter().collect(),
        start: offsets[from],
        end: offsets[to],
    };
    let bigram_starts = if chars.len() <= 1 {
        0..chars.len()
    } else {
        0..chars.len() - 1
    };
    let bigrams = bigram_starts
        .filter(|&i| starts(chars[i]))
        .map(|i| token(i, (i + 2).min(chars.len())))
        .collect();
    let unigrams = (0..chars.len())
        .filter(|&i| !is_stop(i) && starts(chars[i]))
        .map(|i| token(i, i + 1))
        .collect();
    (unigrams, bigrams)
}

/// The characters and bigrams of a run of Han characters (Simplified), as [`analyze_run`]
/// gives them but without segmenting into words: every character but the one-character
/// stop words (的, 在 …) is a unigram (unigrams first, then bigrams). A word of two
/// characters or more is found by its bigrams, so this is enough to tell where a text
/// matches a query, without jieba. Only the n-grams whose first (Simplified) character
/// `starts` accepts are made: a query's first characters.
pub fn ngrams(run: &str, starts: impl Fn(char) -> bool) -> Vec<HanToken> {
    let chars: Vec<char> = to_simplified(run).chars().collect();
    let (mut unigrams, bigrams) = char_ngrams(
        &chars,
        &char_offsets(run),
        |i| is_stop_char(chars[i]),
        starts,
    );
    unigrams.extend(bigrams);
    unigrams
}

/// Byte offset of every char, plus the end offset.
fn char_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// For each byte of `text`, the index of the char it belongs to.
fn char_index_by_byte(text: &str) -> Vec<usize> {
    let mut index = vec![0; text.len()];
    for (n, (start, c)) in text.char_indices().enumerate() {
        index[start..start + c.len_utf8()].fill(n);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_are_the_characters_and_bigrams_of_the_analysis() {
        let run = "在獲得足夠的經驗後可以晉升";
        let full = analyze_run(run);
        let texts = |tokens: &[HanToken]| -> Vec<String> {
            tokens
                .iter()
                .map(|t| format!("{}@{}", t.text, t.start))
                .collect()
        };
        let (unigrams, bigrams): (Vec<HanToken>, Vec<HanToken>) = ngrams(run, |_| true)
            .into_iter()
            .partition(|t| t.text.chars().count() == 1);
        assert_eq!(texts(&bigrams), texts(&full.bigrams));
        // The same characters, but for stop characters inside content words (得 of 获得,
        // 以 of 可以), which only jieba tells apart.
        let stop_chars_kept: Vec<String> = full
            .unigrams
            .iter()
            .filter(|t| t.text.chars().all(is_stop_char))
            .map(|t| t.text.clone())
            .collect();
        assert_eq!(stop_chars_kept, ["得", "以"]);
        let without = |tokens: &[HanToken]| -> Vec<String> {
            let kept: Vec<HanToken> = tokens
                .iter()
                .filter(|t| !stop_chars_kept.contains(&t.text))
                .cloned()
                .collect();
            texts(&kept)
        };
        assert_eq!(without(&unigrams), without(&full.unigrams));
        assert!(!unigrams.iter().any(|t| t.text == "在" || t.text == "的"));
    }

    #[test]
    fn stop_words_are_found_by_binary_search() {
        assert!(
            STOP_WORDS.windows(2).all(|p| p[0] < p[1]),
            "STOP_WORDS must be sorted and unique"
        );
        for word in ["什么", "为什么", "的", "请问", "哪些", "都", "做"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["经理", "客户", "服务", "什", "做法", ""] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    fn texts(tokens: &[HanToken]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    fn words(run: &str) -> Vec<HanToken> {
        analyze_run(run).words
    }

    fn bigrams(run: &str) -> Vec<HanToken> {
        analyze_run(run).bigrams
    }

    #[test]
    fn a_small_segmenter_cuts_exactly_like_the_whole_dictionary() {
        // jieba-rs's own dictionary (its `default-dict` feature, enabled for tests only):
        // kbsearch's copy, loaded whole or per text, must cut exactly as it does.
        let jiebas_own = Jieba::new();
        let seeds = [
            include_str!("../../../corpus/articles/000_596e4eb05215e628.txt"),
            include_str!("../../../corpus/articles/001_a8b372179f898ed9.txt"),
            include_str!("../../../corpus/articles/002_a89dbd6b449641d6.txt"),
        ];
        let mut runs = 0;
        for seed in seeds {
            let simplified = to_simplified(seed);
            for run in simplified
                .split(|c: char| !super::super::script::is_han(c))
                .filter(|r| !r.is_empty())
            {
                let whole: Vec<&str> = jiebas_own
                    .cut_for_search(run, true)
                    .iter()
                    .map(|t| t.word)
                    .collect();
                let ours: Vec<&str> = full_jieba()
                    .cut_for_search(run, true)
                    .iter()
                    .map(|t| t.word)
                    .collect();
                assert_eq!(ours, whole, "{run}");
                let small: Vec<&str> = small_jieba(run)
                    .cut_for_search(run, true)
                    .iter()
                    .map(|t| t.word)
                    .collect();
                assert_eq!(small, whole, "{run}");
                runs += 1;
            }
        }
        assert!(runs > 300, "{runs}");
        // Frequencies as written in jieba's dict.txt (first, middle and non-Han entries).
        assert_eq!(dictionary_frequency("我们"), Some(98740));
        assert_eq!(dictionary_frequency("1号店"), Some(3));
        assert!(full_jieba().has_word("我们"));
        assert!(full_jieba().has_word("1号店") && jiebas_own.has_word("1号店"));
        // Same words, same frequencies: a word's suggested frequency depends on both.
        for word in [
            "我们",
            "客户服务",
            "经理",
            "中华人民共和国",
            "1号店",
            "不存在的词语",
        ] {
            assert_eq!(
                full_jieba().suggest_freq(word),
                jiebas_own.suggest_freq(word),
                "{word}"
            );
        }
        assert_eq!(dictionary_frequency("不存在的词语"), None);
        assert!(!full_jieba().has_word("不存在的词语"));
    }

    #[test]
    fn traditional_and_simplified_segment_identically() {
        let traditional = words("客戶服務運營經理在確保公司客戶服務部門順利運行");
        let simplified = words("客户服务运营经理在确保公司客户服务部门顺利运行");
        assert_eq!(texts(&traditional), texts(&simplified));
        assert!(texts(&simplified).contains(&"客户"));
        assert!(texts(&simplified).contains(&"服务"));
        assert!(texts(&simplified).contains(&"经理"));
    }

    #[test]
    fn search_mode_yields_sub_words() {
        // 客户服务部 contains 客户 and 服务: a query for either must match.
        let tokens = words("中华人民共和国");
        let tokens = texts(&tokens);
        assert!(tokens.contains(&"中华人民共和国"), "{tokens:?}");
        assert!(tokens.contains(&"人民"), "{tokens:?}");
        assert!(tokens.contains(&"共和国"), "{tokens:?}");
    }

    #[test]
    fn stop_and_question_words_are_dropped() {
        let tokens = words("什麼是客戶服務運營經理");
        let tokens = texts(&tokens);
        assert!(!tokens.contains(&"什么"), "{tokens:?}");
        assert!(!tokens.contains(&"是"), "{tokens:?}");
        assert!(tokens.contains(&"经理"), "{tokens:?}");
        let tokens = words("客服经理的职责有哪些吗");
        let tokens = texts(&tokens);
        assert!(
            !tokens
                .iter()
                .any(|t| ["的", "哪些", "吗", "有"].contains(t)),
            "{tokens:?}"
        );
    }

    #[test]
    fn offsets_point_to_the_original_traditional_characters() {
        let run = "團隊管理與發展";
        let analyzed = analyze_run(run);
        let tokens = analyzed.words.iter().chain(&analyzed.unigrams);
        for token in tokens.chain(&analyzed.bigrams) {
            let original = super::super::assert_span(run, token.start, token.end, token);
            assert_eq!(to_simplified(original), token.text);
        }
    }

    #[test]
    fn bigrams_cover_the_run() {
        let grams = bigrams("質量保證");
        assert_eq!(texts(&grams), vec!["质量", "量保", "保证"]);
        assert_eq!(&"質量保證"[grams[2].start..grams[2].end], "保證");
        assert_eq!(texts(&bigrams("國")), vec!["国"]);
        // Question words give no pairs or single characters.
        let terms = analyze_run("什麼是質量保證");
        assert_eq!(texts(&terms.unigrams), vec!["质", "量", "保", "证"]);
    }

    #[test]
    fn detects_traditional_script() {
        assert!(is_traditional("客戶服務團隊負責人是什麼?"));
        assert!(!is_traditional("客服经理是负责统筹和管理客户服务团队"));
        assert!(!is_traditional("hello"));
    }
}
