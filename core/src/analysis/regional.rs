//! Chinese regional vocabulary: Taiwan and the mainland name many things with different
//! words (金鑰 / 密钥 "key", 登入 / 登录 "log in", 簡訊 / 短信 "text message", 設定 / 设置
//! "settings", 預設 / 默认 "default"), which no character mapping turns into each other. A
//! Simplified question about a Taiwanese page, or a Traditional one about a mainland page,
//! then misses the very word it asks about.
//!
//! OpenCC's phrase tables list these words (`data/opencc/`, Apache-2.0): `TWPhrases.txt`
//! (mainland → Taiwan) and `TWPhrasesRev.txt` (Taiwan → mainland), merged in Simplified
//! characters into `regional.tsv`. A query's words found in either get the other region's words
//! ([`other_region_words`]), which search looks for too, below the words typed, as it
//! does a glossary's terms. Documents are indexed as written.

use super::chinese::{self, to_simplified};
use super::sorted_lines;

/// OpenCC's two tables merged and in Simplified characters ([`table_from_opencc`]): one
/// `word<TAB>other other…` line per word, sorted by bytes, for a binary search, so a query
/// needs no table built first (the tables' words are Traditional: converting them and
/// building a matcher took 6 ms, more than a whole Chinese query from a fresh process).
/// A word without others keeps a longer phrase whole.
static TABLE: &str = include_str!("../../data/opencc/regional.tsv");

/// [`TABLE`] from OpenCC's tables (`key<TAB>value value…` lines, `#` comments): every key
/// and value in Simplified characters, a key's values merged across tables, values equal to
/// their key dropped. Written by `cargo run -p kbsearch-benches --bin build-regional-table`.
#[doc(hidden)]
pub fn table_from_opencc(tables: &[&str]) -> String {
    let mut words: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in tables.iter().flat_map(|table| table.lines()) {
        let Some((key, values)) = line.split_once('\t').filter(|_| !line.starts_with('#')) else {
            continue; // comments and blank lines
        };
        let key = to_simplified(key.trim());
        let others = words.entry(key.clone()).or_default();
        for value in values.split_whitespace().map(to_simplified) {
            if value != key && !others.contains(&value) {
                others.push(value);
            }
        }
    }
    words
        .into_iter()
        .map(|(word, others)| format!("{word}\t{}\n", others.join(" ")))
        .collect()
}

/// The longest word of [`TABLE`] that `text` (Simplified) starts with: its length in bytes
/// and the other region's words for it (space-separated, maybe none).
fn longest_word_at(text: &str) -> Option<(usize, &'static str)> {
    let first = text.chars().next()?;
    let mut at = [0u8; 4];
    let first = &*first.encode_utf8(&mut at);
    TABLE[sorted_lines::first_line_from(TABLE, '\t', first)..]
        .lines()
        .map_while(|line| {
            line.split_once('\t')
                .filter(|(word, _)| word.starts_with(first))
        })
        .filter(|(word, _)| text.starts_with(word))
        .map(|(word, others)| (word.len(), others))
        .max_by_key(|&(len, _)| len)
}

/// The other region's words (Simplified characters) for the words of `text` (any script)
/// that Taiwan and the mainland write differently, in text order, each once, but those
/// `text` holds itself. The longest word of the table starting at a character wins (软体动物
/// "mollusc" is not 软件动物).
///
/// ```
/// use kbsearch::analysis::other_region_words;
/// assert_eq!(other_region_words("删除SSH密钥后还能登入吗"), ["金钥", "登录"]);
/// assert_eq!(other_region_words("刪除 SSH 金鑰"), ["密钥"]);
/// ```
pub fn other_region_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    if !text.chars().any(super::script::is_han) {
        return words;
    }
    let simplified = to_simplified(text);
    let mut i = 0;
    while let Some(c) = simplified[i..].chars().next() {
        let Some((len, others)) = longest_word_at(&simplified[i..])
            .filter(|&(len, _)| len > c.len_utf8() || !inside_a_word(&simplified, i, c))
        else {
            i += c.len_utf8();
            continue;
        };
        for other in others.split(' ').filter(|w| !w.is_empty()) {
            if !words.iter().any(|w| w == other) && !simplified.contains(other) {
                words.push(other.to_string());
            }
        }
        i += len;
    }
    words
}

/// True when the character `c` at byte `i` of `text` makes a dictionary word with the
/// character before or after it: a one-character table word is then part of another word
/// (宏 "macro" in 宏观 "macroscopic", 埠 "port" in 商埠 "trading port").
fn inside_a_word(text: &str, i: usize, c: char) -> bool {
    let end = i + c.len_utf8();
    let before = text[..i]
        .chars()
        .next_back()
        .map_or(i, |b| i - b.len_utf8());
    let after = text[end..]
        .chars()
        .next()
        .map_or(end, |a| end + a.len_utf8());
    [&text[before..end], &text[i..after]]
        .iter()
        .any(|pair| pair.chars().count() == 2 && chinese::dictionary_frequency(pair).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taiwanese_words_get_mainland_ones_and_the_reverse() {
        // Questions about a Taiwanese help page in mainland words, and the reverse.
        // (实例 "instance" is 例项 in Taiwan's computing words.)
        assert_eq!(
            other_region_words("删除SSH密钥后，已经建好的实例还能登录吗？"),
            ["金钥", "例项", "登入"]
        );
        assert_eq!(
            other_region_words("刪除 SSH 金鑰後，仍可使用它來登入"),
            ["密钥", "登录"]
        );
        let taiwanese = other_region_words("設定預設勿擾時間後，成員還能自己改嗎？");
        assert!(taiwanese.contains(&"设置".to_string()), "{taiwanese:?}");
        assert!(taiwanese.contains(&"默认".to_string()), "{taiwanese:?}");
        assert!(
            other_region_words("远传 流量用到多少会发短信提醒？").contains(&"简讯".to_string())
        );
    }

    #[test]
    fn the_table_is_opencc_s_two_tables_in_simplified_characters() {
        let opencc = [
            include_str!("../../data/opencc/TWPhrases.txt"),
            include_str!("../../data/opencc/TWPhrasesRev.txt"),
        ];
        assert!(
            table_from_opencc(&opencc) == TABLE,
            "core/data/opencc/regional.tsv is stale: cargo run -p kbsearch-benches --bin \
             build-regional-table core/data/opencc core/data/opencc/regional.tsv"
        );
    }

    #[test]
    fn a_longer_entry_keeps_its_words_whole() {
        // 軟體 "software" is 软件 on the mainland, but 軟體動物 "mollusc" is not.
        assert_eq!(other_region_words("軟體"), ["软件"]);
        assert!(other_region_words("軟體動物").is_empty());
        assert_eq!(other_region_words("使用者名稱"), ["用户名"]);
        assert_eq!(other_region_words("使用者"), ["用户"]);
        // Words both regions write alike, and text without Chinese, give nothing.
        assert!(other_region_words("客戶服務運營經理的預算管理").is_empty());
        assert!(other_region_words("reset password").is_empty());
        // A word the query holds itself is not searched twice.
        assert!(other_region_words("软件 軟體").is_empty());
        assert_eq!(other_region_words("数据库 資料"), ["资料库"]); // 数据 is in 数据库
    }

    #[test]
    fn a_one_character_word_counts_only_on_its_own() {
        // 宏 is "macro" (巨集 in Taiwan) and 埠 "port" (端口 on the mainland), but not
        // inside 宏观 "macroscopic" or 商埠 "trading port".
        assert_eq!(other_region_words("Excel 的宏在哪里"), ["巨集"]);
        assert!(other_region_words("宏观经济的走势").is_empty());
        assert_eq!(
            other_region_words("伺服器的埠被防火牆擋住"),
            ["服务器", "端口"]
        );
        assert!(other_region_words("近代的商埠").is_empty());
    }
}
