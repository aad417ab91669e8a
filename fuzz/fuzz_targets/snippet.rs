//! Snippets and match marking: byte 0 picks the language, the rest is `query 0x1F passage`.
#![no_main]

use kbsearch::analysis::{Lang, analyze};
use kbsearch::search::snippet::{QueryTermSet, SNIPPET_CHARS, matches, snippet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let lang = Lang::ALL[choice as usize % Lang::ALL.len()];
    let text = kbsearch_fuzz::text_of(rest);
    let (query, passage) = text.split_once('\u{1f}').unwrap_or((&text, &text));
    let terms = QueryTermSet::new(&analyze(query, Some(lang)));
    for (start, end) in matches(passage, lang, &terms) {
        assert!(start < end && end <= passage.len());
        assert!(passage.is_char_boundary(start) && passage.is_char_boundary(end));
    }
    let shown = snippet(passage, lang, &terms);
    // At most SNIPPET_CHARS characters of the passage, marks and ellipses not counted.
    let shown_chars = shown.chars().filter(|c| *c != '*' && *c != '…').count();
    assert!(
        shown_chars <= SNIPPET_CHARS,
        "a snippet of {shown_chars} chars"
    );
});
