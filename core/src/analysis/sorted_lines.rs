//! Tables embedded as text, one entry a line, sorted by the bytes of each line's key (the
//! text before a separator): looked up by binary search, with nothing built first — the
//! jieba dictionary's frequencies (`chinese.rs`) and the regional words (`regional.rs`).

/// The byte offset in `table` of the first line whose key (up to `separator`) is not below
/// `key`; `table.len()` when every key is.
pub(crate) fn first_line_from(table: &str, separator: char, key: &str) -> usize {
    let bytes = table.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len()); // both at line starts
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[start..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| start + p);
        let entry = table[start..end].split(separator).next().unwrap_or("");
        if entry.as_bytes() < key.as_bytes() {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    lo
}

/// The rest of the line (after `separator`) whose key is `key`, when `table` has one.
pub(crate) fn value_of<'t>(table: &'t str, separator: char, key: &str) -> Option<&'t str> {
    let line = table[first_line_from(table, separator, key)..]
        .lines()
        .next()?;
    let (entry, value) = line.split_once(separator)?;
    (entry == key).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_and_no_other() {
        let table = "a 1\nab 2\nb 3\nba 4\n";
        for (key, value) in [("a", "1"), ("ab", "2"), ("b", "3"), ("ba", "4")] {
            assert_eq!(value_of(table, ' ', key), Some(value), "{key}");
        }
        for key in ["", "aa", "c", "b 3"] {
            assert_eq!(value_of(table, ' ', key), None, "{key}");
        }
        assert_eq!(first_line_from(table, ' ', "b"), 9);
        assert_eq!(first_line_from(table, ' ', "aa"), 4);
        assert_eq!(first_line_from(table, ' ', "z"), table.len());
    }
}
