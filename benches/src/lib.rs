//! Shared code of kbsearch's benchmarks: a deterministic multilingual corpus generator
//! ([`corpus`]), the raw-tantivy baseline of the scale benchmark ([`baseline`]) and small
//! measurement helpers ([`util`]).

/// The benchmarks measure with the allocator the `kbsearch` binary ships with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod baseline;
pub mod corpus;
pub mod util;
