//! Script runs: text → words (UAX #29) tagged with their script and sentence, Han text kept
//! as whole runs for the Chinese segmenter. Offsets are byte offsets into the original text.

use unicode_segmentation::UnicodeSegmentation;

use super::normalize;

/// The writing system of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Chinese characters (a whole run of them, to be segmented into words).
    Han,
    /// Latin letters (English, Vietnamese, and full-width Latin).
    Latin,
    /// Cyrillic letters (Ukrainian).
    Cyrillic,
    /// A number without letters.
    Digits,
    /// Any other letters (kana, Hangul, Arabic …): indexed lowercased, not analyzed further.
    Other,
}

/// A word, or a run of Han characters, in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The original text of the segment.
    pub text: &'a str,
    /// Byte offset of the segment in the analyzed text.
    pub offset: usize,
    /// Its script.
    pub script: Script,
    /// Index of the sentence it belongs to (sentences end at . ! ? 。 ！ ？ ; and line breaks).
    pub sentence: usize,
}

/// True for CJK ideographs (unified, extensions, compatibility) and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}

/// True for Cyrillic letters (including combining-free Ukrainian ґ є і ї).
pub fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

fn classify(word: &str) -> Option<Script> {
    let mut script = None;
    for c in word.chars() {
        if is_han(c) {
            return Some(Script::Han);
        }
        if is_cyrillic(c) {
            return Some(Script::Cyrillic);
        }
        if is_latin_letter(c) {
            script = Some(Script::Latin);
        } else if c.is_alphabetic() && script.is_none() {
            script = Some(Script::Other);
        } else if c.is_numeric() && script.is_none() {
            script = Some(Script::Digits);
        }
    }
    script
}

fn ends_sentence(separator: &str) -> bool {
    separator.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ';' | '。' | '！' | '？' | '；' | '\n' | '…'
        )
    })
}

/// Split text into segments: Latin/Cyrillic/other words and numbers as UAX #29 words, Han
/// characters grouped into runs. Cyrillic words split by a backtick or prime used as an
/// apostrophe (`зв`язок`) are joined back into one word.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out: Vec<Segment<'_>> = Vec::new();
    let mut sentence = 0;
    let mut pending_apostrophe: Option<usize> = None; // end offset of an apostrophe after a Cyrillic word
    for (offset, word) in text.split_word_bound_indices() {
        let Some(script) = classify(word) else {
            pending_apostrophe = match (out.last(), word.chars().count()) {
                (Some(last), 1)
                    if last.script == Script::Cyrillic
                        && last.offset + last.text.len() == offset
                        && word.chars().all(normalize::is_apostrophe) =>
                {
                    Some(offset + word.len())
                }
                _ => None,
            };
            if ends_sentence(word) {
                sentence += 1;
            }
            continue;
        };
        if let Some(last) = out.last_mut() {
            let adjacent = last.offset + last.text.len() == offset;
            let joins_han = script == Script::Han && last.script == Script::Han && adjacent;
            let joins_apostrophe = script == Script::Cyrillic
                && last.script == Script::Cyrillic
                && pending_apostrophe == Some(offset);
            if joins_han || joins_apostrophe {
                last.text = &text[last.offset..offset + word.len()];
                pending_apostrophe = None;
                continue;
            }
        }
        pending_apostrophe = None;
        out.push(Segment {
            text: word,
            offset,
            script,
            sentence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(segs: &[Segment<'a>]) -> Vec<(&'a str, Script)> {
        segs.iter().map(|s| (s.text, s.script)).collect()
    }

    #[test]
    fn han_runs_stay_whole_and_latin_words_split() {
        let segs = segments("通过设定明确的KPI(如响应时长)");
        assert_eq!(
            texts(&segs),
            vec![
                ("通过设定明确的", Script::Han),
                ("KPI", Script::Latin),
                ("如响应时长", Script::Han)
            ]
        );
    }

    #[test]
    fn ukrainian_apostrophes_of_every_kind_stay_inside_the_word() {
        for text in ["зв'язок", "зв’язок", "звʼязок", "зв`язок", "зв′язок"]
        {
            let segs = segments(text);
            assert_eq!(segs.len(), 1, "{text}: {segs:?}");
            assert_eq!(segs[0].text, text);
            assert_eq!(segs[0].script, Script::Cyrillic);
        }
    }

    #[test]
    fn vietnamese_decomposed_marks_stay_in_the_word_and_sentences_count() {
        let text = "Vie\u{0302}\u{0323}t Nam. This role involves planning";
        let segs = segments(text);
        assert_eq!(segs[0].text, "Vie\u{0302}\u{0323}t");
        assert_eq!(segs[0].sentence, 0);
        assert_eq!(segs[2].text, "This");
        assert_eq!(segs[2].sentence, 1);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Що таке KPI? 客戶服務 và khách hàng 42";
        for seg in segments(text) {
            let end = seg.offset + seg.text.len();
            assert_eq!(
                super::super::assert_span(text, seg.offset, end, &seg),
                seg.text
            );
        }
        let scripts: Vec<Script> = segments(text).iter().map(|s| s.script).collect();
        assert!(scripts.contains(&Script::Digits));
        assert!(scripts.contains(&Script::Han));
    }

    #[test]
    fn fullwidth_latin_is_latin() {
        let segs = segments("ＫＰＩ 指标");
        assert_eq!(segs[0].script, Script::Latin);
    }
}
