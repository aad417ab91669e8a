//! Ingest a Markdown file (front matter, headings, lists, code, HTML blocks): parse, learn the chrome of the parsed articles, prepare each one.
#![no_main]

use kbsearch::ingest::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kbsearch_fuzz::ingest_checked(Format::Markdown, data));
