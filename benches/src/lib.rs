//! Shared code of kbsearch's benchmarks: a deterministic multilingual corpus generator
//! ([`corpus`]), the raw-tantivy baseline of the scale benchmark ([`baseline`]) and small
//! measurement helpers ([`util`]).

pub mod baseline;
pub mod corpus;
pub mod util;
