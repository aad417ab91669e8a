//! The analyzer with no declared language (detected per sentence): term offsets and the
//! matching normalization.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = kbsearch_fuzz::text_of(data);
    kbsearch_fuzz::analyze_checked(&text, None);
});
