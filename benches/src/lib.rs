//! Shared code of kbsearch's benchmarks: a deterministic multilingual corpus generator
//! ([`corpus`]) and small measurement helpers ([`util`]).

pub mod corpus;
pub mod util;
