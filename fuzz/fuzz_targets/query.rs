//! Query analysis and search on a small in-memory knowledge base: byte 0 picks the language
//! filter, byte 1 the limit / passages per article / snippets, the rest is the query (lossy
//! UTF-8; operators, quotes, colons, brackets, control characters, up to 1 MB).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kbsearch_fuzz::search_checked(&kbsearch_fuzz::request_from(data));
});
