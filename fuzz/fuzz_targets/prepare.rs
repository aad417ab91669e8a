//! Cleaning and sectioning: the input is one or more article bodies separated by 0x1E (record
//! separator). The chrome model is the sample pages' plus all these bodies (each twice when
//! byte 0 is odd, so every line looks repeated); each body is then prepared (clean → sections
//! → title → language), with its first line as a declared title when byte 0 has bit 1 set, and
//! also split into sections and sentences directly, without cleaning.
#![no_main]

use kbsearch::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = kbsearch_fuzz::text_of(rest);
    let bodies: Vec<&str> = text.split('\u{1e}').collect();
    let mut chrome = kbsearch_fuzz::sample_chrome().clone();
    for body in &bodies {
        chrome.add(body);
        if mode & 1 == 1 {
            chrome.add(body);
        }
    }
    for (n, body) in bodies.iter().enumerate() {
        kbsearch_fuzz::split_checked(body);
        let title = if mode & 2 == 2 {
            body.lines().next().unwrap_or_default()
        } else {
            ""
        };
        let article = Article::new(format!("fuzz-{n}"), title, *body);
        kbsearch_fuzz::prepare_checked(article, &chrome);
    }
});
